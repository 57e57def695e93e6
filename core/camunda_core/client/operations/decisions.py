"""Decision operations: evaluate, search and get decision definitions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from camunda_core.client._call import Call, parse_model
from camunda_core.client.operations._common import (
    PageInput,
    as_dict,
    default_tenant,
    key,
    search_body,
    wire,
)
from camunda_core.models._base import RequestModel
from camunda_core.models.decisions import (
    DECISION_DEFINITION_SORT_FIELDS,
    DecisionDefinition,
    DecisionDefinitionFilter,
    DecisionEvaluation,
    EvaluateDecisionById,
    EvaluateDecisionByKey,
)
from camunda_core.models.search import SearchResult, SortInput
from camunda_core.settings import CamundaSettings

__all__ = ["evaluate_decision", "get_decision_definition", "search_decision_definitions"]


def evaluate_decision(
    settings: CamundaSettings,
    decision_definition_id: str | None = None,
    *,
    decision_definition_key: str | None = None,
    variables: Mapping[str, Any] | None = None,
    tenant_id: str | None = None,
) -> Call[DecisionEvaluation]:
    """``POST /decision-definitions/evaluation`` by DMN decision id (latest) or by key."""
    if (decision_definition_id is None) == (decision_definition_key is None):
        raise ValueError("give exactly one of decision_definition_id and decision_definition_key")
    tenant = default_tenant(settings, tenant_id)
    body: RequestModel
    if decision_definition_key is not None:
        body = EvaluateDecisionByKey(
            decision_definition_key=key(decision_definition_key, "decision_definition_key"),
            variables=as_dict(variables),
            tenant_id=tenant,
        )
    else:
        assert decision_definition_id is not None
        body = EvaluateDecisionById(
            decision_definition_id=decision_definition_id,
            variables=as_dict(variables),
            tenant_id=tenant,
        )
    return Call(
        "evaluateDecision",
        "POST",
        "/decision-definitions/evaluation",
        parse=parse_model(DecisionEvaluation),
        json=wire(body),
        resend_safe=False,
    )


_parse_page = parse_model(SearchResult[DecisionDefinition])


def search_decision_definitions(
    filter: DecisionDefinitionFilter | Mapping[str, Any] | None = None,
    *,
    sort: Sequence[SortInput] | SortInput | None = None,
    page: PageInput | None = None,
) -> Call[SearchResult[DecisionDefinition]]:
    """``POST /decision-definitions/search`` (eventually consistent)."""
    return Call(
        "searchDecisionDefinitions",
        "POST",
        "/decision-definitions/search",
        parse=_parse_page,
        json=search_body(
            DecisionDefinitionFilter,
            filter,
            sort,
            page,
            sort_fields=DECISION_DEFINITION_SORT_FIELDS,
        ),
    )


def get_decision_definition(decision_definition_key: str) -> Call[DecisionDefinition]:
    """``GET /decision-definitions/{key}`` (eventually consistent)."""
    return Call(
        "getDecisionDefinition",
        "GET",
        f"/decision-definitions/{key(decision_definition_key, 'decision_definition_key')}",
        parse=parse_model(DecisionDefinition),
    )
