"""``evaluate_decision``: required decisions first, then the decision itself, with an audit.

A required decision's result is in scope under the required decision's id (and under its
variable name when that differs), as Camunda does. Every failure becomes DmnEvaluationError
with a message in Zeebe's words: "Expected to evaluate decision '<id>', but <reason>".
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from camunda_core.devengine.feel import to_json

from .errors import DmnEvaluationError
from .model import Decision, DecisionRequirementsGraph, LiteralExpression
from .results import DecisionEvaluationResult, EvaluatedDecision
from .table_evaluator import DecisionFailedError, evaluate_feel, evaluate_table

Clock = Callable[[], datetime]


def evaluate_decision(
    graph: DecisionRequirementsGraph,
    decision_id: str,
    variables: Mapping[str, Any],
    *,
    now: Clock | None = None,
) -> DecisionEvaluationResult:
    """Evaluate ``decision_id`` of ``graph`` with ``variables``; raises DmnEvaluationError."""
    decision = graph.decisions.get(decision_id)
    if decision is None:
        raise DmnEvaluationError(
            decision_id,
            f"Expected to evaluate decision '{decision_id}', but no decision found for id "
            f"'{decision_id}' in '{graph.resource_name}'",
        )
    session = _Session(graph, variables, now, decision_id)
    output = session.evaluate(decision)
    return DecisionEvaluationResult(
        decision_id=decision.id,
        decision_name=decision.name,
        output=to_json(output),
        evaluated_decisions=session.records,
    )


class _Session:
    """Evaluates each decision at most once and records them in evaluation order."""

    def __init__(
        self,
        graph: DecisionRequirementsGraph,
        variables: Mapping[str, Any],
        now: Clock | None,
        root_id: str,
    ) -> None:
        self.graph = graph
        self.variables = variables
        self.now = now
        self.root_id = root_id
        self.results: dict[str, Any] = {}
        self.records: list[EvaluatedDecision] = []

    def evaluate(self, decision: Decision) -> Any:
        if decision.id in self.results:
            return self.results[decision.id]
        scope = self._scope(decision)
        try:
            output, record = self._evaluate_logic(decision, scope)
        except DecisionFailedError as failure:
            raise DmnEvaluationError(
                self.root_id,
                f"Expected to evaluate decision '{self.root_id}', but {failure}",
                failed_decision_id=decision.id,
                evaluated_decisions=self.records,
            ) from failure
        self.results[decision.id] = output
        self.records.append(record)
        return output

    def _scope(self, decision: Decision) -> Mapping[str, Any]:
        if not decision.required_decisions:
            return self.variables
        required: dict[str, Any] = {}
        for required_id in decision.required_decisions:
            required_decision = self.graph.decisions[required_id]
            value = self.evaluate(required_decision)
            required[required_decision.variable_name] = value
            required[required_id] = value
        return ChainMap(required, self.variables)  # type: ignore[arg-type]

    def _evaluate_logic(
        self, decision: Decision, scope: Mapping[str, Any]
    ) -> tuple[Any, EvaluatedDecision]:
        logic = decision.logic
        if isinstance(logic, LiteralExpression):
            output = evaluate_feel(logic.expression, scope, self.now)
            record = EvaluatedDecision(
                decision.id, decision.name, decision.kind.value, to_json(output)
            )
            return output, record
        return evaluate_table(decision, logic, scope, self.now)
