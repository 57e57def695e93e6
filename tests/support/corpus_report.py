"""What the corpus did over HTTP: the counts, the refusals and the non-completions with reasons.

The fidelity corpus test fills one :class:`CorpusReport`; the fidelity ``conftest.py`` prints
it in the terminal summary and the test writes it as JSON (``build/corpus-report.json``).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest
from corpus_driver import Outcome

__all__ = ["REPORT_KEY", "CorpusReport", "Refusal", "refusals_in"]

#: Where the corpus test leaves its report for the terminal summary.
REPORT_KEY = pytest.StashKey["CorpusReport"]()

_PROBLEM = re.compile(
    r"^(?P<file>.+?): element '(?P<element>[^']*)' \((?P<type>[^)]*)\): (?P<reason>.+)$"
)


@dataclass(frozen=True)
class Refusal:
    """One problem of a refused deployment, as the engine named it."""

    file: str
    element_id: str
    element_type: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: element '{self.element_id}' ({self.element_type}): {self.reason}"


def refusals_in(detail: str) -> list[Refusal]:
    """The ``file: element 'id' (type): reason`` lines of a deployment's problem detail."""
    found = (_PROBLEM.match(line.strip()) for line in detail.splitlines())
    return [
        Refusal(match["file"], match["element"], match["type"], match["reason"])
        for match in found
        if match
    ]


@dataclass
class CorpusReport:
    """Deploy counts (each file alone) and run outcomes (each BPMN file with its bundle)."""

    corpus: str
    files: int = 0
    deployed: list[str] = field(default_factory=list)
    refused: dict[str, list[Refusal]] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)
    #: Links a BPMN file makes that no corpus file satisfies (decision, form or process ids).
    missing: dict[str, list[str]] = field(default_factory=dict)
    #: Why each non-completion is expected (the pins of the test), by file.
    explanations: dict[str, str] = field(default_factory=dict)

    @property
    def completed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.completed]

    @property
    def not_completed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.completed]

    def summary_lines(self) -> list[str]:
        """The report as terminal lines: counts first, then every reason."""
        lines = [f"corpus: {self.corpus}"]
        if self.files:
            lines.append(
                f"deployed over HTTP: {len(self.deployed)} of {self.files} files; "
                f"refused: {len(self.refused)}"
            )
        for problems in self.refused.values():
            lines.extend(f"  refused {problem}" for problem in problems)
        if self.outcomes:
            lines.append(
                f"ran {len(self.outcomes)} processes: {len(self.completed)} ran to completion, "
                f"{len(self.not_completed)} could not complete"
            )
        for outcome in self.not_completed:
            lines.append(f"  could not complete {outcome.resource}: {outcome.described[:200]}")
            why = self.explanations.get(outcome.resource)
            if why:
                lines.append(f"    why: {why}")
        return lines

    def as_json(self) -> dict[str, Any]:
        """The report as a JSON document."""
        return {
            "corpus": self.corpus,
            "deploy": {
                "files": self.files,
                "deployed": len(self.deployed),
                "refused": len(self.refused),
                "refusals": [asdict(p) for problems in self.refused.values() for p in problems],
            },
            "run": {
                "processes": len(self.outcomes),
                "completed": len(self.completed),
                "not_completed": len(self.not_completed),
                "outcomes": [self._outcome(outcome) for outcome in self.outcomes],
            },
        }

    def _outcome(self, outcome: Outcome) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "file": outcome.resource,
            "process_id": outcome.process_id,
            "state": outcome.state,
            "jobs": outcome.jobs,
            "user_tasks": outcome.user_tasks,
        }
        if not outcome.completed:
            entry["reasons"] = outcome.reasons
            entry["missing_from_corpus"] = self.missing.get(outcome.resource, [])
            entry["why"] = self.explanations.get(outcome.resource, "")
        return entry

    def write(self, path: Path) -> None:
        """Write the JSON document to ``path`` (its folder is created)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_json(), indent=2) + "\n", encoding="utf-8")
