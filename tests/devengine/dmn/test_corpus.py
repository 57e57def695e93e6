"""Every DMN file of the shared conformance corpus parses and evaluates as Camunda would.

The corpus (``../shared/bpmn-corpus``) is read in place, never copied into the repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from camunda_core.devengine.dmn import DecisionRequirementsGraph, evaluate_decision, parse_dmn

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "bpmn-corpus"
CORPUS_FILES = sorted(CORPUS.glob("*/*.dmn")) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(
    not CORPUS_FILES, reason=f"the shared BPMN/DMN corpus is not available at {CORPUS}"
)


def load(relative: str) -> DecisionRequirementsGraph:
    return parse_dmn((CORPUS / relative).read_bytes(), Path(relative).name)


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: path.name)
def test_every_corpus_file_parses(path: Path) -> None:
    graph = parse_dmn(path.read_bytes(), path.name)
    assert graph.decisions
    assert graph.resource_name == path.name


@needs_corpus
def test_the_corpus_has_the_files_this_module_expects() -> None:
    names = {path.name for path in CORPUS_FILES}
    assert {name for _, name, *_ in CASES} <= names


CASES: list[tuple[str, str, str, dict[str, Any], Any]] = [
    ("camunda-community-hub__pyzeebe", "test.dmn", "test", {"input": "1"}, "One"),
    ("camunda-community-hub__pyzeebe", "test.dmn", "test", {"input": "2"}, {"foo": "bar"}),
    ("camunda-community-hub__pyzeebe", "test.dmn", "test", {"input": "3"}, 3),
    ("camunda-community-hub__pyzeebe", "test.dmn", "test", {"input": "4"}, None),
    ("camunda-community-hub__zeebe-play", "is_legal_good.dmn", "is_legal_item",
     {"item": "spice"}, False),
    ("camunda-community-hub__zeebe-play", "is_legal_good.dmn", "is_legal_item",
     {"item": "bread"}, True),
    ("camunda__camunda-8-get-started", "plot-destination.dmn", "plot-destination",
     {"fuelLevel": 95}, "Venus"),
    ("camunda__camunda-8-get-started", "plot-destination.dmn", "plot-destination",
     {"fuelLevel": 75}, "Mars"),
    ("camunda__camunda-8-get-started", "plot-destination.dmn", "plot-destination",
     {"fuelLevel": 50.5}, "Moon"),
    ("camunda__camunda-8-get-started", "plot-destination.dmn", "plot-destination",
     {"fuelLevel": 3}, "Earth"),
    ("camunda__camunda-8-js-sdk", "test-drd.dmn", "test-decision", {"name": "camunda"}, "valid"),
    ("camunda__camunda-8-js-sdk", "test-drd.dmn", "test-decision", {"name": "other"}, None),
    ("camunda__camunda-8-tutorials", "DepartmentLineManager.dmn", "department_line_manager",
     {"department": "sales"}, "John"),
    ("camunda__camunda-8-tutorials", "DepartmentLineManager.dmn", "department_line_manager",
     {"department": "it"}, "Ringo"),
    ("camunda__zeebe-chaos", "fancyDecision.dmn", "fancyDecision", {}, "yolo"),
    ("camunda__zeebe", "invoiceBusinessDecisions_v_1.dmn", "invoiceClassification",
     {"amount": 100, "invoiceCategory": "Travel Expenses"}, "day-to-day expense"),
    ("camunda__zeebe", "invoiceBusinessDecisions_v_1.dmn", "invoiceAssignApprover",
     {"amount": 100, "invoiceCategory": "Misc"}, ["accounting", "sales"]),
    ("camunda__zeebe", "invoiceBusinessDecisions_v_1.dmn", "invoiceAssignApprover",
     {"amount": 1000, "invoiceCategory": "Misc"}, ["management"]),
    ("camunda__zeebe", "invoiceBusinessDecisions_v_1.dmn", "invoiceAssignApprover",
     {"amount": 1000, "invoiceCategory": "Software License Costs"}, ["management"]),
    ("camunda__zeebe", "drg-force-user.dmn", "force_user",
     {"lightsaberColor": "blue", "height": 185}, "Obi-Wan Kenobi"),
    ("camunda__zeebe", "drg-force-user.dmn", "force_user",
     {"lightsaberColor": "red", "height": 210}, "Darth Vader"),
    ("camunda__zeebe", "drg-force-user.dmn", "force_user",
     {"lightsaberColor": "green", "height": 66}, "Yoda"),
    ("camunda__zeebe", "drg-force-user.dmn", "force_user",
     {"lightsaberColor": "purple", "height": 180}, "unknown"),
    ("camunda__zeebe", "literalExpression.dmn", "literalExpression", {"amount": 12.5}, "$12.5"),
    ("camunda__zeebe", "literalExpression.dmn", "literalExpression", {"amount": 100}, "$100"),
]  # fmt: skip


@needs_corpus
@pytest.mark.parametrize(
    ("folder", "name", "decision_id", "variables", "expected"),
    CASES,
    ids=[f"{case[1]}:{case[2]}:{index}" for index, case in enumerate(CASES)],
)
def test_corpus_decisions_evaluate(
    folder: str, name: str, decision_id: str, variables: dict[str, Any], expected: Any
) -> None:
    graph = load(f"{folder}/{name}")
    assert evaluate_decision(graph, decision_id, variables).output == expected


@needs_corpus
def test_the_required_decision_of_the_force_user_drg_is_audited() -> None:
    graph = load("camunda__zeebe/drg-force-user.dmn")
    result = evaluate_decision(graph, "force_user", {"lightsaberColor": "red", "height": 175})
    first, second = result.evaluated_decisions
    assert (first.decision_id, first.output) == ("jedi_or_sith", "Sith")
    assert (second.decision_id, second.output) == ("force_user", "Darth Sidius")
    assert [rule.rule_id for rule in second.matched_rules] == ["DecisionRule_1ua4pcl"]
    assert [inp.input_value for inp in second.evaluated_inputs] == ["Sith", 175]


@needs_corpus
def test_input_data_of_the_js_sdk_drd_is_recorded() -> None:
    graph = load("camunda__camunda-8-js-sdk/test-drd.dmn")
    assert graph.decision("test-decision").required_inputs == ("InputData_1cj4hvf",)
    assert graph.input_data["InputData_1cj4hvf"].name == "name"
