"""Which files of the shared corpus a BPMN file needs deployed with it.

A BPMN file links other resources by id: business rule tasks name a decision, Camunda user
tasks and start events a form, call activities a process. :class:`CorpusIndex` reads every
file of the corpus once and answers, for one BPMN file, the bundle to deploy with it (the
linked DMN, form and BPMN files, transitively) and the ids the corpus does not hold. Ids given
as FEEL expressions cannot be resolved before the process runs and are left to the runtime.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from camunda_core.devengine.bpmn import (
    BpmnDeployError,
    BusinessRuleTask,
    CallActivity,
    Expression,
    ProcessModel,
    StartEvent,
    UserTask,
    parse_bpmn,
)
from camunda_core.devengine.dmn import DmnError, parse_dmn
from camunda_core.devengine.forms import FormDeployError, parse_form

__all__ = ["Bundle", "CorpusIndex", "corpus_files"]

SUFFIXES = (".bpmn", ".dmn", ".form")


def corpus_files(corpus: Path, *suffixes: str) -> list[Path]:
    """The corpus files with these suffixes (all three kinds by default), in a stable order."""
    wanted = suffixes or SUFFIXES
    return sorted(path for path in corpus.glob("*/*") if path.suffix in wanted)


@dataclass(frozen=True)
class Bundle:
    """A BPMN file and what it needs: ``files`` (the file first) to deploy together, and the
    ``missing`` links the corpus cannot satisfy (``"decision 'x'"``, ``"form 'y'"``...)."""

    files: tuple[Path, ...]
    missing: tuple[str, ...]


def _static(expression: Expression | None) -> str | None:
    return expression.source if expression is not None and expression.is_static else None


def _links(model: ProcessModel) -> Iterator[tuple[str, str]]:
    """``(kind, id)`` of every resource the process links statically."""
    for node in model.elements.values():
        if isinstance(node, BusinessRuleTask) and node.called_decision is not None:
            target = _static(node.called_decision.decision_id)
            if target:
                yield "decision", target
        elif isinstance(node, CallActivity):
            target = _static(node.called_element.process_id)
            if target:
                yield "process", target
        elif isinstance(node, UserTask | StartEvent) and node.form is not None:
            target = _static(node.form.form_id)
            if target:
                yield "form", target


class CorpusIndex:
    """Every process, decision and form id of the corpus, by the file that holds it."""

    def __init__(self, corpus: Path) -> None:
        self.by_id: dict[tuple[str, str], Path] = {}
        self.links: dict[Path, set[tuple[str, str]]] = {}
        for path in corpus_files(corpus):
            for kind, found in self._ids(path):
                self.by_id.setdefault((kind, found), path)

    def _ids(self, path: Path) -> list[tuple[str, str]]:
        data = path.read_bytes()
        try:
            if path.suffix == ".dmn":
                return [("decision", d) for d in parse_dmn(data, path.name).decisions]
            if path.suffix == ".form":
                return [("form", parse_form(data, path.name).form_id)]
            models = parse_bpmn(data, path.name).processes
        except (BpmnDeployError, DmnError, FormDeployError):
            return []  # refused at deploy: links nothing, is linked by nothing
        self.links[path] = {link for model in models for link in _links(model)}
        return [("process", model.process_id) for model in models]

    def bundle(self, path: Path) -> Bundle:
        """``path`` and every corpus file it needs, transitively; the links that are missing."""
        files: list[Path] = [path]
        missing: list[str] = []
        pending = [path]
        while pending:
            for kind, target in sorted(self.links.get(pending.pop(), ())):
                found = self.by_id.get((kind, target))
                if found is None:
                    missing.append(f"{kind} '{target}'")
                elif found not in files:
                    files.append(found)
                    pending.append(found)
        return Bundle(tuple(files), tuple(dict.fromkeys(missing)))
