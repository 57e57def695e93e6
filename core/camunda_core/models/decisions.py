"""Decision (DMN) shapes: evaluate, search and get decision definitions.

Decision outputs and the evaluated input/output values are JSON documents sent as strings;
the ``*_json()`` helpers parse them.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from camunda_core.models._base import CamundaModel, RequestModel
from camunda_core.models.keys import (
    DecisionDefinitionKey,
    DecisionEvaluationKey,
    DecisionRequirementsKey,
)

__all__ = [
    "DECISION_DEFINITION_SORT_FIELDS",
    "DecisionDefinition",
    "DecisionDefinitionFilter",
    "DecisionEvaluation",
    "EvaluateDecisionById",
    "EvaluateDecisionByKey",
    "EvaluatedDecision",
    "EvaluatedInput",
    "EvaluatedOutput",
    "MatchedRule",
]

#: Fields ``POST /decision-definitions/search`` can sort by.
DECISION_DEFINITION_SORT_FIELDS = frozenset(
    {
        "decisionDefinitionKey",
        "decisionDefinitionId",
        "name",
        "version",
        "decisionRequirementsId",
        "decisionRequirementsKey",
        "decisionRequirementsName",
        "decisionRequirementsVersion",
        "tenantId",
    }
)


class _EvaluateDecision(RequestModel):
    variables: dict[str, Any] | None = None
    tenant_id: str | None = None


class EvaluateDecisionById(_EvaluateDecision):
    """Evaluate the latest version of a decision by its DMN decision id."""

    decision_definition_id: str = Field(min_length=1)


class EvaluateDecisionByKey(_EvaluateDecision):
    """Evaluate one deployed decision version by its key."""

    decision_definition_key: DecisionDefinitionKey


class EvaluatedInput(CamundaModel):
    """One input of a decision table and the value it had (JSON text)."""

    input_id: str
    input_name: str | None = None
    input_value: str

    def json_value(self) -> Any:
        """The input value as Python data."""
        return json.loads(self.input_value)


class EvaluatedOutput(CamundaModel):
    """One output of a matched rule and its value (JSON text)."""

    output_id: str
    output_name: str | None = None
    output_value: str
    rule_id: str | None = None
    rule_index: int | None = None

    def json_value(self) -> Any:
        """The output value as Python data."""
        return json.loads(self.output_value)


class MatchedRule(CamundaModel):
    """A decision-table rule that matched, with the outputs it produced."""

    rule_id: str
    rule_index: int
    evaluated_outputs: list[EvaluatedOutput] = Field(default_factory=list)


class EvaluatedDecision(CamundaModel):
    """One decision evaluated along the way (the called one and those it requires)."""

    decision_definition_id: str
    decision_definition_key: DecisionDefinitionKey
    decision_definition_name: str | None = None
    decision_definition_version: int
    decision_definition_type: str | None = None
    decision_evaluation_instance_key: str | None = None
    tenant_id: str = "<default>"
    output: str
    matched_rules: list[MatchedRule] = Field(default_factory=list)
    evaluated_inputs: list[EvaluatedInput] = Field(default_factory=list)

    def output_json(self) -> Any:
        """This decision's output as Python data."""
        return json.loads(self.output)


class DecisionEvaluation(CamundaModel):
    """The result of evaluating a decision: its output and how it was reached."""

    decision_definition_id: str
    decision_definition_key: DecisionDefinitionKey
    decision_definition_name: str | None = None
    decision_definition_version: int
    decision_requirements_id: str | None = None
    decision_requirements_key: DecisionRequirementsKey | None = None
    decision_evaluation_key: DecisionEvaluationKey | None = None
    #: Deprecated by Camunda in favour of ``decision_evaluation_key``.
    decision_instance_key: str | None = None
    tenant_id: str = "<default>"
    output: str
    failed_decision_definition_id: str | None = None
    failure_message: str | None = None
    evaluated_decisions: list[EvaluatedDecision] = Field(default_factory=list)

    def output_json(self) -> Any:
        """The decision's output as Python data (``None`` when the result was null)."""
        return json.loads(self.output)


class DecisionDefinition(CamundaModel):
    """A deployed version of a DMN decision."""

    decision_definition_key: DecisionDefinitionKey
    decision_definition_id: str
    name: str | None = None
    version: int
    decision_requirements_id: str | None = None
    decision_requirements_key: DecisionRequirementsKey | None = None
    decision_requirements_name: str | None = None
    decision_requirements_version: int | None = None
    tenant_id: str = "<default>"


class DecisionDefinitionFilter(RequestModel):
    """Filter of ``POST /decision-definitions/search`` (exact values only)."""

    decision_definition_id: str | None = None
    name: str | None = None
    is_latest_version: bool | None = None
    version: int | None = Field(None, ge=1)
    decision_requirements_id: str | None = None
    tenant_id: str | None = None
    decision_definition_key: DecisionDefinitionKey | None = None
    decision_requirements_key: DecisionRequirementsKey | None = None
    decision_requirements_name: str | None = None
    decision_requirements_version: int | None = Field(None, ge=1)
