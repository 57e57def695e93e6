"""Variables: search (values truncated unless ``truncateValues=false``) and get (full value).

Values are JSON text, as on the wire. Values longer than :data:`TRUNCATE_AT` characters are
cut in search results and flagged ``isTruncated``, as Camunda's secondary storage does (8191
characters is its default threshold); ``GET /variables/{key}`` always gives the whole value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from camunda_core.devengine.api.dispatch import Call, Operation, found, query_flag
from camunda_core.devengine.api.filters import EXACT_BOOL, EXACT_TENANT, KEY_FILTER, STRING
from camunda_core.devengine.api.search import Field, SearchContext, SearchSpec, run_search
from camunda_core.devengine.api.views import VARIABLE
from camunda_core.devengine.http.messages import Response, json_response
from camunda_core.devengine.records import VariableRecord
from camunda_core.models.variables import VARIABLE_SORT_FIELDS

__all__ = ["NAME_SEARCH", "OPERATIONS", "SEARCH", "TRUNCATE_AT", "search_item"]

TRUNCATE_AT = 8191
SORTS = VARIABLE_SORT_FIELDS


def search_item(truncate: bool) -> Callable[[VariableRecord], dict[str, Any]]:
    """The ``VariableSearchResult`` serialiser for this request's ``truncateValues``."""

    def serialize(record: VariableRecord) -> dict[str, Any]:
        out = VARIABLE(record)
        cut = truncate and len(record.value) > TRUNCATE_AT
        if cut:
            out["value"] = record.value[:TRUNCATE_AT]
        out["isTruncated"] = cut
        return out

    return serialize


SEARCH = SearchSpec(
    key="variable_key",
    fields={
        "name": Field(STRING),
        "value": Field(STRING),
        "tenantId": Field(EXACT_TENANT),
        "isTruncated": Field(
            EXACT_BOOL, computed=lambda context: lambda r: len(r.value) > TRUNCATE_AT
        ),
        "variableKey": Field(KEY_FILTER),
        "scopeKey": Field(KEY_FILTER),
        "processInstanceKey": Field(KEY_FILTER),
    },
    sorts=SORTS,
)
#: The user-task variable searches filter by name only.
NAME_SEARCH = SearchSpec(key="variable_key", fields={"name": Field(STRING)}, sorts=SORTS)


def search_variables(call: Call) -> Response:
    """Variables defined directly at the matching scopes."""
    truncate = query_flag(call, "truncateValues", True)
    engine = call.engine
    with engine.reading():
        store = engine.store
        result = run_search(
            SEARCH, call.body, store.variables.values(), SearchContext(store), search_item(truncate)
        )
    return json_response(result)


def get_variable(call: Call) -> Response:
    """One variable with its whole value."""
    engine = call.engine
    with engine.reading():
        record = found(engine.store.variables, call.params["variableKey"], "Variable")
        return json_response(VARIABLE(record))


OPERATIONS = [
    Operation("POST", "/variables/search", "searchVariables", search_variables),
    Operation("GET", "/variables/{variableKey}", "getVariable", get_variable),
]
