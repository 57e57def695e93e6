"""Fixtures of the BPMN parser tests: small BPMN documents, parse helpers, the real corpus."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from camunda_core.devengine.bpmn import (
    BpmnDeployError,
    BpmnProblem,
    BpmnResource,
    ProcessModel,
    parse_bpmn,
)

RESOURCE = "test.bpmn"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
_NAMESPACES = (
    'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)
CORPUS_SUMMARY_KEY = pytest.StashKey[dict[str, list[str]]]()

Document = Callable[..., bytes]
Refused = Callable[[bytes, str | None, str | None, str], BpmnProblem]


def _document(
    body: str, definitions: str = "", *, process_id: str = "p", executable: bool = True
) -> bytes:
    flag = "true" if executable else "false"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<bpmn:definitions {_NAMESPACES} id="Defs" targetNamespace="http://example.com/test">\n'
        f'<bpmn:process id="{process_id}" isExecutable="{flag}">\n{body}\n</bpmn:process>\n'
        f"{definitions}\n</bpmn:definitions>\n"
    ).encode()


def _around(element: str, element_id: str, extra: str = "") -> str:
    """A start event -> ``element`` -> end event process body (plus ``extra`` XML)."""
    return (
        f'<bpmn:startEvent id="Start" />\n'
        f'<bpmn:sequenceFlow id="In" sourceRef="Start" targetRef="{element_id}" />\n'
        f"{element}\n"
        f'<bpmn:sequenceFlow id="Out" sourceRef="{element_id}" targetRef="End" />\n'
        f'<bpmn:endEvent id="End" />\n{extra}'
    )


@pytest.fixture
def document() -> Document:
    """Build a BPMN file from a process body: ``document(body, definitions_xml)``."""
    return _document


@pytest.fixture
def around() -> Callable[..., str]:
    """A process body start -> element -> end: ``around(element_xml, element_id, extra)``."""
    return _around


@pytest.fixture
def parse() -> Callable[[bytes], BpmnResource]:
    """Parse bytes as ``test.bpmn``."""
    return lambda data: parse_bpmn(data, RESOURCE)


@pytest.fixture
def problems_of() -> Callable[[bytes], list[BpmnProblem]]:
    """Parse bytes that must be refused; return the problems."""

    def run(data: bytes) -> list[BpmnProblem]:
        with pytest.raises(BpmnDeployError) as info:
            parse_bpmn(data, RESOURCE)
        return info.value.problems

    return run


@pytest.fixture
def refused(problems_of: Callable[[bytes], list[BpmnProblem]]) -> Refused:
    """Assert a refusal naming this element id, element type and (part of the) reason."""

    def check(
        data: bytes, element_id: str | None, element_type: str | None, reason: str
    ) -> BpmnProblem:
        problems = problems_of(data)
        for problem in problems:
            same_element = (problem.element_id, problem.element_type) == (element_id, element_type)
            if same_element and reason in problem.reason:
                assert problem.resource_name == RESOURCE
                return problem
        listing = "\n".join(str(problem) for problem in problems)
        raise AssertionError(
            f"no problem ({element_id}, {element_type}, {reason!r}) in:\n{listing}"
        )

    return check


@pytest.fixture(scope="session")
def order_model() -> ProcessModel:
    """The hand-written fixture ``fixtures/order_fulfilment.bpmn``, parsed."""
    path = FIXTURES / "order_fulfilment.bpmn"
    return parse_bpmn(path.read_bytes(), path.name).processes[0]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of real BPMN files (CAMUNDA_BPMN_CORPUS or ../shared/bpmn-corpus)."""
    configured = os.environ.get("CAMUNDA_BPMN_CORPUS")
    repo_root = Path(__file__).resolve().parents[3]
    path = Path(configured) if configured else repo_root / ".." / "shared" / "bpmn-corpus"
    if not path.is_dir():
        pytest.skip(f"BPMN corpus not found at {path} (set CAMUNDA_BPMN_CORPUS to its folder)")
    return path


@pytest.fixture(scope="session")
def corpus_summary(request: pytest.FixtureRequest) -> dict[str, list[str]]:
    """Outcomes of the corpus files, printed in the terminal summary."""
    return request.config.stash.setdefault(
        CORPUS_SUMMARY_KEY, {"parsed": [], "refused": [], "forms": []}
    )


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Print the corpus counts: parsed / refused (with the reasons) / forms."""
    summary = config.stash.get(CORPUS_SUMMARY_KEY, None)
    if not summary:
        return
    terminalreporter.section("BPMN corpus")
    terminalreporter.line(
        f"parsed: {len(summary['parsed'])}  refused: {len(summary['refused'])}  forms: "
        f"{len(summary['forms'])}"
    )
    for line in summary["refused"]:
        terminalreporter.line(f"refused {line}")
