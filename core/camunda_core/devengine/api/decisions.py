"""Decision evaluation (``POST /decision-definitions/evaluation``), by id (latest) or key."""

from __future__ import annotations

import json
from typing import Any

from camunda_core.devengine.api.dispatch import Call, Operation
from camunda_core.devengine.api.validation import (
    KEY,
    TENANT_ID,
    VARIABLES,
    Object,
    RequestError,
    String,
)
from camunda_core.devengine.contract import DecisionEvaluation
from camunda_core.devengine.http.messages import Response, json_response

__all__ = ["OPERATIONS", "evaluation_result"]

BY_ID = Object(
    {"decisionDefinitionId": String(min_length=1), "variables": VARIABLES, "tenantId": TENANT_ID},
    required=("decisionDefinitionId",),
)
BY_KEY = Object(
    {"decisionDefinitionKey": KEY, "variables": VARIABLES, "tenantId": TENANT_ID},
    required=("decisionDefinitionKey",),
)


def evaluate_decision(call: Call) -> Response:
    """Evaluate a decision (and the decisions it requires) with the given variables."""
    body = call.body
    if not isinstance(body, dict):
        raise RequestError("", "must be an object")
    body = (BY_KEY if "decisionDefinitionKey" in body else BY_ID).check(body, "")
    evaluation = call.engine.evaluate_decision(
        decision_definition_id=body.get("decisionDefinitionId"),
        decision_definition_key=body.get("decisionDefinitionKey"),
        variables=body.get("variables"),
        tenant_id=body.get("tenantId"),
    )
    return json_response(evaluation_result(evaluation))


def evaluation_result(evaluation: DecisionEvaluation) -> dict[str, Any]:
    """An ``EvaluateDecisionResult``; outputs are JSON text, as the spec says."""
    decision = evaluation.decision
    requirements = evaluation.decision_requirements
    return {
        "decisionDefinitionId": decision.decision_definition_id,
        "decisionDefinitionKey": decision.decision_definition_key,
        "decisionDefinitionName": decision.name or decision.decision_definition_id,
        "decisionDefinitionVersion": decision.version,
        "decisionEvaluationKey": evaluation.decision_evaluation_key,
        "decisionInstanceKey": evaluation.decision_evaluation_key,
        "decisionRequirementsId": requirements.decision_requirements_id,
        "decisionRequirementsKey": requirements.decision_requirements_key,
        "evaluatedDecisions": evaluation.evaluated_decisions,
        "failedDecisionDefinitionId": evaluation.failed_decision_id,
        "failureMessage": evaluation.failure_message,
        "output": json.dumps(evaluation.output, ensure_ascii=False),
        "tenantId": decision.tenant_id,
    }


OPERATIONS = [
    Operation(
        "POST",
        "/decision-definitions/evaluation",
        "evaluateDecision",
        evaluate_decision,
        body_required=True,
    ),
]
