"""Variable operations: search and get."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from camunda_core.client._call import Call, parse_model
from camunda_core.client.operations._common import PageInput, key, search_body, truncate_param
from camunda_core.models.search import SearchResult, SortInput
from camunda_core.models.variables import VARIABLE_SORT_FIELDS, Variable, VariableFilter

__all__ = ["get_variable", "search_variables"]

_parse_page = parse_model(SearchResult[Variable])


def search_variables(
    filter: VariableFilter | Mapping[str, Any] | None = None,
    *,
    sort: Sequence[SortInput] | SortInput | None = None,
    page: PageInput | None = None,
    truncate_values: bool | None = None,
) -> Call[SearchResult[Variable]]:
    """``POST /variables/search``: variables defined directly at the matching scopes."""
    return Call(
        "searchVariables",
        "POST",
        "/variables/search",
        parse=_parse_page,
        json=search_body(VariableFilter, filter, sort, page, sort_fields=VARIABLE_SORT_FIELDS),
        params=truncate_param(truncate_values),
    )


def get_variable(variable_key: str) -> Call[Variable]:
    """``GET /variables/{variableKey}``: the full, never truncated value."""
    return Call(
        "getVariable",
        "GET",
        f"/variables/{key(variable_key, 'variable_key')}",
        parse=parse_model(Variable),
    )
