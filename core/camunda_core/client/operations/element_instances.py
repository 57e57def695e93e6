"""Element-instance operations: search, get, and set variables on a scope."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from camunda_core.client._call import Call, parse_model, parse_none
from camunda_core.client.operations._common import PageInput, key, search_body, wire
from camunda_core.models.element_instances import (
    ELEMENT_INSTANCE_SORT_FIELDS,
    ElementInstance,
    ElementInstanceFilter,
    SetVariablesRequest,
)
from camunda_core.models.search import SearchResult, SortInput

__all__ = ["get_element_instance", "search_element_instances", "set_variables"]

_parse_page = parse_model(SearchResult[ElementInstance])


def search_element_instances(
    filter: ElementInstanceFilter | Mapping[str, Any] | None = None,
    *,
    sort: Sequence[SortInput] | SortInput | None = None,
    page: PageInput | None = None,
) -> Call[SearchResult[ElementInstance]]:
    """``POST /element-instances/search`` (eventually consistent)."""
    return Call(
        "searchElementInstances",
        "POST",
        "/element-instances/search",
        parse=_parse_page,
        json=search_body(
            ElementInstanceFilter, filter, sort, page, sort_fields=ELEMENT_INSTANCE_SORT_FIELDS
        ),
    )


def get_element_instance(element_instance_key: str) -> Call[ElementInstance]:
    """``GET /element-instances/{key}`` (eventually consistent)."""
    return Call(
        "getElementInstance",
        "GET",
        f"/element-instances/{key(element_instance_key, 'element_instance_key')}",
        parse=parse_model(ElementInstance),
    )


def set_variables(
    element_instance_key: str,
    variables: Mapping[str, Any],
    *,
    local: bool | None = None,
    operation_reference: int | None = None,
) -> Call[None]:
    """``PUT /element-instances/{key}/variables``: merge ``variables`` into a scope.

    The key may be a process-instance key (its root scope). Without ``local`` the variables
    propagate to the outermost scope that already defines them.
    """
    body = SetVariablesRequest(
        variables=dict(variables), local=local, operation_reference=operation_reference
    )
    return Call(
        "createElementInstanceVariables",
        "PUT",
        f"/element-instances/{key(element_instance_key, 'element_instance_key')}/variables",
        parse=parse_none,
        json=wire(body),
    )
