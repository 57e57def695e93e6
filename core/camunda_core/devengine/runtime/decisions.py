"""DMN decisions: business rule tasks (``zeebe:calledDecision``) and the evaluate command.

The DMN module evaluates a decision with its required decisions and reports every decision
it evaluated; here that report becomes the REST ``EvaluateDecisionResult`` shape (camelCase
keys, outputs and input/output values as JSON text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import BindingType, CalledDecision
from camunda_core.devengine.contract import DecisionEvaluation, InvalidArgument, NotFound
from camunda_core.devengine.dmn import (
    DmnEvaluationError,
    EvaluatedDecision,
    MatchedRule,
    evaluate_decision,
)
from camunda_core.devengine.records import DecisionDefinitionRecord
from camunda_core.devengine.runtime import variables
from camunda_core.devengine.runtime.expressions import evaluate_string
from camunda_core.devengine.runtime.names import (
    CALLED_DECISION_ERROR,
    DECISION_EVALUATION_ERROR,
    EXTRACT_VALUE_ERROR,
)
from camunda_core.devengine.runtime.state import StepFailure

if TYPE_CHECKING:
    from collections.abc import Mapping

    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["evaluate_command", "evaluate_for_task"]


def _decision_for_task(
    rt: Runtime, run: Run, called: CalledDecision, decision_id: str
) -> DecisionDefinitionRecord | None:
    tenant = run.inst.record.tenant_id
    versions = rt.store.decision_versions.get((tenant, decision_id), [])
    if called.binding_type is BindingType.DEPLOYMENT:
        deployment = run.inst.definition.deployment_key
        for record in reversed(versions):
            drg = rt.store.decision_requirements.get(record.decision_requirements_key)
            if drg is not None and drg.deployment_key == deployment:
                return record
        return None
    return versions[-1] if versions else None


def evaluate_for_task(rt: Runtime, run: Run, called: CalledDecision) -> Any:
    """The output of the decision a business rule task calls (StepFailure on failure)."""
    decision_id = evaluate_string(rt, called.decision_id, run, EXTRACT_VALUE_ERROR)
    record = _decision_for_task(rt, run, called, decision_id)
    if record is None:
        raise StepFailure(
            CALLED_DECISION_ERROR,
            f"Expected to evaluate decision '{decision_id}', but no decision found for id "
            f"'{decision_id}'",
        )
    graph = rt.store.decision_requirements[record.decision_requirements_key].graph
    try:
        result = evaluate_decision(
            graph, decision_id, variables.view(rt, run), now=rt.clock.now_datetime
        )
    except DmnEvaluationError as exc:
        raise StepFailure(DECISION_EVALUATION_ERROR, exc.failure_message) from exc
    return result.output


def _records_by_id(rt: Runtime, drg_key: str) -> dict[str, DecisionDefinitionRecord]:
    return {
        record.decision_definition_id: record
        for record in rt.store.decision_definitions.values()
        if record.decision_requirements_key == drg_key
    }


def _matched_rule(rule: MatchedRule) -> dict[str, Any]:
    return {
        "ruleId": rule.rule_id,
        "ruleIndex": rule.rule_index,
        "evaluatedOutputs": [
            {
                "outputId": output.output_id,
                "outputName": output.output_name,
                "outputValue": variables.encode(output.output_value),
                "ruleId": rule.rule_id,
                "ruleIndex": rule.rule_index,
            }
            for output in rule.evaluated_outputs
        ],
    }


def _rest_shape(
    evaluated: EvaluatedDecision,
    record: DecisionDefinitionRecord | None,
    evaluation_key: str,
    index: int,
    tenant_id: str,
) -> dict[str, Any]:
    return {
        "decisionDefinitionId": evaluated.decision_id,
        "decisionDefinitionKey": record.decision_definition_key if record else "",
        "decisionDefinitionName": evaluated.decision_name,
        "decisionDefinitionVersion": record.version if record else 0,
        "decisionDefinitionType": evaluated.decision_type,
        "decisionEvaluationInstanceKey": f"{evaluation_key}-{index}",
        "tenantId": tenant_id,
        "output": variables.encode(evaluated.output),
        "matchedRules": [_matched_rule(rule) for rule in evaluated.matched_rules],
        "evaluatedInputs": [
            {
                "inputId": item.input_id,
                "inputName": item.input_name,
                "inputValue": variables.encode(item.input_value),
            }
            for item in evaluated.evaluated_inputs
        ],
    }


def _find(
    rt: Runtime, decision_id: str | None, decision_key: str | None, tenant_id: str
) -> DecisionDefinitionRecord:
    if (decision_id is None) == (decision_key is None):
        raise InvalidArgument("give exactly one of decisionDefinitionId or decisionDefinitionKey")
    if decision_key is not None:
        record = rt.store.decision_definitions.get(decision_key)
        described = f"key '{decision_key}'"
    else:
        assert decision_id is not None
        record = rt.store.latest_decision(tenant_id, decision_id)
        described = f"id '{decision_id}'"
    if record is None:
        raise NotFound(f"Expected to evaluate decision with {described}, but no decision found")
    return record


def evaluate_command(
    rt: Runtime,
    *,
    decision_definition_id: str | None,
    decision_definition_key: str | None,
    context: Mapping[str, Any],
    tenant_id: str,
) -> DecisionEvaluation:
    """The evaluate-decision command: by id (latest version) or by key.

    A failing evaluation is reported in the result (``failed_decision_id``,
    ``failure_message``, the decisions evaluated before), not raised.
    """
    record = _find(rt, decision_definition_id, decision_definition_key, tenant_id)
    drg = rt.store.decision_requirements[record.decision_requirements_key]
    key = rt.keys.next()
    by_id = _records_by_id(rt, drg.decision_requirements_key)

    def shaped(evaluated: list[EvaluatedDecision]) -> list[dict[str, Any]]:
        return [
            _rest_shape(item, by_id.get(item.decision_id), key, index, record.tenant_id)
            for index, item in enumerate(evaluated, start=1)
        ]

    try:
        result = evaluate_decision(
            drg.graph, record.decision_definition_id, context, now=rt.clock.now_datetime
        )
    except DmnEvaluationError as exc:
        return DecisionEvaluation(
            record,
            drg,
            key,
            None,
            shaped(exc.evaluated_decisions),
            failed_decision_id=exc.failed_decision_id,
            failure_message=exc.failure_message,
        )
    return DecisionEvaluation(record, drg, key, result.output, shaped(result.evaluated_decisions))
