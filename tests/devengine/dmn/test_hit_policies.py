"""Every hit policy on the authored ``hit_policies.dmn``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from camunda_core.devengine.dmn import (
    DecisionRequirementsGraph,
    DmnEvaluationError,
    HitPolicy,
    evaluate_decision,
    parse_dmn,
)

Loader = Callable[[str], DecisionRequirementsGraph]


@pytest.fixture
def graph(load_fixture: Loader) -> DecisionRequirementsGraph:
    return load_fixture("hit_policies.dmn")


@pytest.mark.parametrize(
    ("decision_id", "score", "expected"),
    [
        ("unique_grade", 10, "fail"),
        ("unique_grade", 50, "pass"),
        ("unique_grade", 79.5, "pass"),
        ("unique_grade", 80, "distinction"),
        ("unique_grade", None, None),
        ("unique_overlap", 15, "a"),
        ("unique_overlap", 5, None),
        ("first_grade", 95, "A"),
        ("first_grade", 80, "B"),
        ("first_grade", 60, "C"),
        ("first_grade", 10, "F"),
        ("first_grade", None, "F"),
        ("any_adult", 30, True),
        ("any_adult", 19, True),
        ("any_adult", 12, False),
        ("any_conflict", 30, "adult"),
        ("priority_level", 95, "high"),
        ("priority_level", 60, "medium"),
        ("priority_level", 10, "low"),
        ("priority_level", -5, None),
        ("collect_tags", 25, ["gt10", "gt20"]),
        ("collect_tags", 35, ["gt10", "gt20", "gt30"]),
        ("collect_tags", 5, None),
        ("collect_sum", 25, 3.5),
        ("collect_sum", 35, 7.5),
        ("collect_sum", 15, 1),
        ("collect_sum", 5, None),
        ("collect_min", 35, 1),
        ("collect_min", 15, 3),
        ("collect_max", 25, 3),
        ("collect_max", 35, 5),
        ("collect_count", 25, 2),
        ("collect_count", 35, 3),
        ("collect_count", 5, None),
        ("rule_order_tags", 35, ["gt30", "gt10", "gt20"]),
        ("rule_order_tags", 15, ["gt10"]),
        ("output_order_tags", 35, ["gt30", "gt20", "gt10"]),
        ("output_order_tags", 25, ["gt20", "gt10"]),
        ("with_default", 500, "big"),
        ("with_default", 5, "none matched"),
    ],
)
def test_hit_policy_results(
    graph: DecisionRequirementsGraph, decision_id: str, score: Any, expected: Any
) -> None:
    assert evaluate_decision(graph, decision_id, {"score": score}).output == expected


def test_the_default_hit_policy_is_unique(graph: DecisionRequirementsGraph) -> None:
    table = graph.decision("unique_grade").logic
    assert getattr(table, "hit_policy", None) is HitPolicy.UNIQUE


def test_several_outputs_give_a_context(graph: DecisionRequirementsGraph) -> None:
    result = evaluate_decision(graph, "multi_output", {"score": 60, "bonus": True})
    assert result.output == {"label": "high+", "points": 70}
    other = evaluate_decision(graph, "multi_output", {"score": 60, "bonus": False})
    assert other.output == {"label": "other", "points": None}


def test_first_only_reports_the_first_matching_rule(graph: DecisionRequirementsGraph) -> None:
    result = evaluate_decision(graph, "first_grade", {"score": 95})
    [record] = result.evaluated_decisions
    assert [(rule.rule_id, rule.rule_index) for rule in record.matched_rules] == [("first_a", 1)]


def test_collect_reports_every_matching_rule(graph: DecisionRequirementsGraph) -> None:
    result = evaluate_decision(graph, "collect_sum", {"score": 25})
    [record] = result.evaluated_decisions
    assert [rule.rule_id for rule in record.matched_rules] == ["sum_gt10", "sum_gt20"]
    outputs = [rule.evaluated_outputs[0].output_value for rule in record.matched_rules]
    assert outputs == [1, 2.5]


def test_unique_with_several_matches_fails(graph: DecisionRequirementsGraph) -> None:
    with pytest.raises(DmnEvaluationError) as caught:
        evaluate_decision(graph, "unique_overlap", {"score": 25})
    error = caught.value
    assert error.decision_id == error.failed_decision_id == "unique_overlap"
    assert "Expected to evaluate decision 'unique_overlap'" in str(error)
    assert "hit policy 'UNIQUE'" in str(error)
    assert "overlap_gt10" in str(error)
    assert "overlap_gt20" in str(error)


def test_any_with_different_outputs_fails(graph: DecisionRequirementsGraph) -> None:
    with pytest.raises(DmnEvaluationError, match="hit policy 'ANY'"):
        evaluate_decision(graph, "any_conflict", {"score": 70})


def test_aggregation_over_non_numbers_fails(
    dmn_document: Callable[..., str], simple_table: Callable[..., str]
) -> None:
    rules = (
        '<rule id="r1"><inputEntry id="i1"><text>-</text></inputEntry>'
        '<outputEntry id="o1"><text>"a"</text></outputEntry></rule>'
    )
    table = simple_table(rules, hit_policy="COLLECT", extra_table_attributes='aggregation="SUM"')
    xml = dmn_document(table)
    graph = parse_dmn(xml, "sum.dmn")
    with pytest.raises(DmnEvaluationError, match="SUM expects numbers"):
        evaluate_decision(graph, "d", {"x": 1})
