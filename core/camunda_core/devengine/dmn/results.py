"""What an evaluation reports: the output plus an audit record per evaluated decision.

All values are JSON-compatible (FEEL results go through ``to_json``) so the engine can store
and serve them as they are. The field names follow Camunda's EvaluateDecisionResult.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class EvaluatedInput:
    input_id: str
    input_name: str
    input_value: Any


@dataclass(frozen=True, slots=True)
class EvaluatedOutput:
    output_id: str
    output_name: str
    output_value: Any


@dataclass(frozen=True, slots=True)
class MatchedRule:
    rule_id: str
    rule_index: int  # 1-based
    evaluated_outputs: list[EvaluatedOutput] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EvaluatedDecision:
    """One decision of the evaluation (required decisions come first)."""

    decision_id: str
    decision_name: str
    decision_type: str  # "DECISION_TABLE" or "LITERAL_EXPRESSION"
    output: Any
    matched_rules: list[MatchedRule] = field(default_factory=list)
    evaluated_inputs: list[EvaluatedInput] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DecisionEvaluationResult:
    """The result of :func:`evaluate_decision` for the requested decision."""

    decision_id: str
    decision_name: str
    output: Any
    evaluated_decisions: list[EvaluatedDecision] = field(default_factory=list)
