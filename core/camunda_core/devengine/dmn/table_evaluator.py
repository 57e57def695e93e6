"""Evaluation of one decision table: inputs, matching rules, outputs, hit policy, audit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from camunda_core.devengine.feel import FeelEvaluationError, FeelExpression, to_json

from .hit_policies import HitPolicyViolationError, apply_hit_policy, row_value
from .model import Decision, DecisionTable, HitPolicy, Rule
from .results import EvaluatedDecision, EvaluatedInput, EvaluatedOutput, MatchedRule

Clock = Callable[[], datetime]


class DecisionFailedError(Exception):
    """One decision failed; the session turns it into a DmnEvaluationError with context."""


def evaluate_feel(expression: FeelExpression, scope: Mapping[str, Any], now: Clock | None) -> Any:
    """Evaluate FEEL for a decision; a FEEL error becomes a DecisionFailedError naming the text."""
    try:
        return expression.evaluate(scope, now=now)
    except FeelEvaluationError as exc:
        raise DecisionFailedError(
            f"failed to evaluate expression '{expression.source}': {exc.reason}"
        ) from exc


def _rule_matches(
    rule: Rule, values: list[Any], scope: Mapping[str, Any], now: Clock | None
) -> bool:
    for entry, value in zip(rule.input_entries, values, strict=True):
        try:
            if not entry.matches(value, scope, now=now):
                return False
        except FeelEvaluationError as exc:
            raise DecisionFailedError(
                f"failed to evaluate input entry '{entry.source}' of rule '{rule.id}': {exc.reason}"
            ) from exc
    return True


def _matching_rules(
    table: DecisionTable, values: list[Any], scope: Mapping[str, Any], now: Clock | None
) -> list[Rule]:
    matched: list[Rule] = []
    for rule in table.rules:
        if _rule_matches(rule, values, scope, now):
            matched.append(rule)
            if table.hit_policy is HitPolicy.FIRST:
                break
    return matched


def _rule_outputs(
    rule: Rule, table: DecisionTable, scope: Mapping[str, Any], now: Clock | None
) -> dict[str, Any]:
    return {
        output.name: None if entry is None else evaluate_feel(entry, scope, now)
        for output, entry in zip(table.outputs, rule.output_entries, strict=True)
    }


def _default_output(table: DecisionTable, scope: Mapping[str, Any], now: Clock | None) -> Any:
    """No rule matched: the default output entries if the table has any, else null."""
    defaults = {
        output.name: evaluate_feel(output.default_output, scope, now)
        for output in table.outputs
        if output.default_output is not None
    }
    return row_value(defaults) if defaults else None


def evaluate_table(
    decision: Decision, table: DecisionTable, scope: Mapping[str, Any], now: Clock | None
) -> tuple[Any, EvaluatedDecision]:
    """The table's output and its audit record; raises DecisionFailedError."""
    values = [evaluate_feel(clause.expression, scope, now) for clause in table.inputs]
    matched = _matching_rules(table, values, scope, now)
    rows = [_rule_outputs(rule, table, scope, now) for rule in matched]
    if rows:
        try:
            output = apply_hit_policy(table, [rule.id for rule in matched], rows)
        except HitPolicyViolationError as violation:
            raise DecisionFailedError(str(violation)) from violation
    else:
        output = _default_output(table, scope, now)
    matched_rules = [
        MatchedRule(
            rule.id,
            rule.index,
            [EvaluatedOutput(out.id, out.name, to_json(row[out.name])) for out in table.outputs],
        )
        for rule, row in zip(matched, rows, strict=True)
    ]
    inputs = [
        EvaluatedInput(clause.id, clause.name, to_json(value))
        for clause, value in zip(table.inputs, values, strict=True)
    ]
    record = EvaluatedDecision(
        decision.id, decision.name, decision.kind.value, to_json(output), matched_rules, inputs
    )
    return output, record
