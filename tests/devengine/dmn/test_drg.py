"""Decision requirements graphs: required decisions, literal expressions and the audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from camunda_core.devengine.dmn import (
    DecisionRequirementsGraph,
    DmnEvaluationError,
    EvaluatedInput,
    EvaluatedOutput,
    MatchedRule,
    evaluate_decision,
    parse_dmn,
)
from camunda_core.errors import CamundaError

Loader = Callable[[str], DecisionRequirementsGraph]
Builder = Callable[..., str]


@pytest.fixture
def loan(load_fixture: Loader) -> DecisionRequirementsGraph:
    return load_fixture("loan_approval.dmn")


@pytest.mark.parametrize(
    ("applicant", "expected"),
    [
        ({"income": 1000, "debts": 100, "age": 30}, "approved at 10.0%"),
        ({"income": 1000, "debts": 300, "age": 30}, "approved at 30.0%"),
        ({"income": 1000, "debts": 600, "age": 30}, "rejected: too risky"),
        ({"income": 1000, "debts": 100, "age": 16}, "rejected: too young"),
    ],
)
def test_required_decisions_feed_the_dependent_ones(
    loan: DecisionRequirementsGraph, applicant: dict[str, Any], expected: str
) -> None:
    assert evaluate_decision(loan, "summary", {"applicant": applicant}).output == expected


def test_every_decision_is_evaluated_once_in_dependency_order(
    loan: DecisionRequirementsGraph,
) -> None:
    result = evaluate_decision(loan, "summary", {"applicant": {"income": 1000, "debts": 250}})
    order = [(d.decision_id, d.decision_type) for d in result.evaluated_decisions]
    assert order == [
        ("risk_score", "LITERAL_EXPRESSION"),
        ("risk_class", "DECISION_TABLE"),
        ("approval", "DECISION_TABLE"),
        ("summary", "LITERAL_EXPRESSION"),
    ]
    assert (result.decision_id, result.decision_name) == ("summary", "Summary")


def test_audit_records_hold_json_values(loan: DecisionRequirementsGraph) -> None:
    applicant = {"income": 1000, "debts": 250, "age": 40}
    result = evaluate_decision(loan, "approval", {"applicant": applicant})
    risk_score, risk_class, approval = result.evaluated_decisions
    assert risk_score.output == 25
    assert risk_score.matched_rules == []
    assert risk_score.evaluated_inputs == []
    assert risk_class.decision_name == "Risk class"
    assert risk_class.output == "medium"
    assert risk_class.evaluated_inputs == [EvaluatedInput("risk_class_input", "Risk score", 25)]
    assert risk_class.matched_rules == [
        MatchedRule(
            "risk_medium", 2, [EvaluatedOutput("risk_class_output", "risk_class", "medium")]
        )
    ]
    assert approval.output == {"approved": True, "reason": "risk medium"}
    assert approval.evaluated_inputs == [
        EvaluatedInput("approval_class", "Risk class", "medium"),
        EvaluatedInput("approval_age", "Age", 40),
    ]
    assert approval.matched_rules == [
        MatchedRule(
            "approval_ok",
            3,
            [
                EvaluatedOutput("approval_approved", "approved", True),
                EvaluatedOutput("approval_reason", "reason", "risk medium"),
            ],
        )
    ]
    assert result.output == {"approved": True, "reason": "risk medium"}


def test_a_literal_expression_decision_on_its_own(loan: DecisionRequirementsGraph) -> None:
    result = evaluate_decision(loan, "risk_score", {"applicant": {"income": 200, "debts": 50}})
    assert result.output == 25
    [record] = result.evaluated_decisions
    assert (record.decision_id, record.output) == ("risk_score", 25)


def test_a_failing_required_decision_is_named(loan: DecisionRequirementsGraph) -> None:
    with pytest.raises(DmnEvaluationError) as caught:
        evaluate_decision(loan, "approval", {"applicant": {"income": 0, "debts": 5}})
    error = caught.value
    assert error.decision_id == "approval"
    assert error.failed_decision_id == "risk_score"
    assert error.evaluated_decisions == []
    assert str(error) == (
        "Expected to evaluate decision 'approval', but failed to evaluate expression "
        "'applicant.debts / applicant.income * 100': division by zero"
    )
    assert error.failure_message == str(error)


def test_a_failure_keeps_the_decisions_evaluated_before(
    dmn_document: Builder, simple_table: Builder
) -> None:
    body = (
        '<decision id="base"><literalExpression><text>x * 2</text></literalExpression></decision>'
        '<decision id="top"><informationRequirement id="r"><requiredDecision href="#base"/>'
        "</informationRequirement><literalExpression><text>no_such_function(base)</text>"
        "</literalExpression></decision>"
    )
    graph = parse_dmn(dmn_document(body), "chain.dmn")
    with pytest.raises(DmnEvaluationError) as caught:
        evaluate_decision(graph, "top", {"x": 2})
    assert caught.value.failed_decision_id == "top"
    assert [d.decision_id for d in caught.value.evaluated_decisions] == ["base"]
    assert "no function found with name 'no_such_function'" in str(caught.value)


def test_an_input_expression_that_raises_fails_the_decision(
    dmn_document: Builder, simple_table: Builder
) -> None:
    rules = (
        '<rule id="r1"><inputEntry id="i"><text>-</text></inputEntry>'
        '<outputEntry id="o"><text>1</text></outputEntry></rule>'
    )
    graph = parse_dmn(dmn_document(simple_table(rules, input_expression="x / 0")), "div.dmn")
    with pytest.raises(DmnEvaluationError, match="failed to evaluate expression 'x / 0'"):
        evaluate_decision(graph, "d", {"x": 1})


def test_an_input_entry_that_raises_names_the_rule(
    dmn_document: Builder, simple_table: Builder
) -> None:
    rules = (
        '<rule id="r9"><inputEntry id="i"><text>&lt; 1 / 0</text></inputEntry>'
        '<outputEntry id="o"><text>1</text></outputEntry></rule>'
    )
    graph = parse_dmn(dmn_document(simple_table(rules)), "entry.dmn")
    with pytest.raises(DmnEvaluationError, match="input entry '< 1 / 0' of rule 'r9'"):
        evaluate_decision(graph, "d", {"x": 1})


def test_missing_variables_are_null_not_errors(loan: DecisionRequirementsGraph) -> None:
    result = evaluate_decision(loan, "risk_class", {})
    assert result.output is None
    assert result.evaluated_decisions[0].output is None


def test_unknown_decision_id(loan: DecisionRequirementsGraph) -> None:
    with pytest.raises(DmnEvaluationError, match="no decision found for id 'nope'") as caught:
        evaluate_decision(loan, "nope", {})
    assert caught.value.failed_decision_id == "nope"
    assert isinstance(caught.value, CamundaError)


def test_required_results_are_also_visible_under_the_variable_name(
    dmn_document: Builder,
) -> None:
    body = (
        '<decision id="base_id"><variable name="base_var"/>'
        "<literalExpression><text>21</text></literalExpression></decision>"
        '<decision id="top"><informationRequirement id="r"><requiredDecision href="#base_id"/>'
        "</informationRequirement><literalExpression><text>base_id + base_var</text>"
        "</literalExpression></decision>"
    )
    graph = parse_dmn(dmn_document(body), "names.dmn")
    assert evaluate_decision(graph, "top", {}).output == 42


def test_the_clock_reaches_the_expressions(
    dmn_document: Builder, fixed_clock: Callable[[], datetime]
) -> None:
    body = (
        '<decision id="d"><literalExpression><text>string(today())</text>'
        "</literalExpression></decision>"
    )
    graph = parse_dmn(dmn_document(body), "clock.dmn")
    assert evaluate_decision(graph, "d", {}, now=fixed_clock).output == "2024-05-17"


def test_temporal_outputs_are_serialised(dmn_document: Builder) -> None:
    body = (
        '<decision id="d"><literalExpression><text>'
        '{due: date("2024-01-31") + duration("P1M"), wait: duration("PT90M")}'
        "</text></literalExpression></decision>"
    )
    graph = parse_dmn(dmn_document(body), "temporal.dmn")
    assert evaluate_decision(graph, "d", {}).output == {"due": "2024-02-29", "wait": "PT1H30M"}
