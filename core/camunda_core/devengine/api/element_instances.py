"""Element instances: search, get, and setting variables on a scope."""

from __future__ import annotations

from typing import Any

from camunda_core.devengine.api.dispatch import Call, Operation, found
from camunda_core.devengine.api.filters import (
    DATE,
    EXACT_BOOL,
    EXACT_KEY,
    EXACT_STRING,
    EXACT_TENANT,
    enum_filter,
    exact_enum,
)
from camunda_core.devengine.api.search import Field, SearchContext, SearchSpec, run_search
from camunda_core.devengine.api.validation import OPERATION_REFERENCE, VARIABLES, Boolean, Object
from camunda_core.devengine.api.views import ELEMENT_INSTANCE
from camunda_core.devengine.http.messages import Response, json_response, no_content
from camunda_core.models.element_instances import ELEMENT_INSTANCE_SORT_FIELDS

__all__ = ["OPERATIONS", "TYPES"]

STATES = ("ACTIVE", "COMPLETED", "TERMINATED")
TYPES = (
    "UNSPECIFIED",
    "PROCESS",
    "SUB_PROCESS",
    "EVENT_SUB_PROCESS",
    "AD_HOC_SUB_PROCESS",
    "AD_HOC_SUB_PROCESS_INNER_INSTANCE",
    "START_EVENT",
    "INTERMEDIATE_CATCH_EVENT",
    "INTERMEDIATE_THROW_EVENT",
    "BOUNDARY_EVENT",
    "END_EVENT",
    "SERVICE_TASK",
    "RECEIVE_TASK",
    "USER_TASK",
    "MANUAL_TASK",
    "TASK",
    "EXCLUSIVE_GATEWAY",
    "INCLUSIVE_GATEWAY",
    "PARALLEL_GATEWAY",
    "EVENT_BASED_GATEWAY",
    "SEQUENCE_FLOW",
    "MULTI_INSTANCE_BODY",
    "CALL_ACTIVITY",
    "BUSINESS_RULE_TASK",
    "SCRIPT_TASK",
    "SEND_TASK",
    "UNKNOWN",
)


def _element_name(record: Any) -> str:
    """The name as answered: the element id when the element has no name."""
    return str(record.element_name or record.element_id)


SEARCH = SearchSpec(
    key="element_instance_key",
    fields={
        "processDefinitionId": Field(EXACT_STRING),
        "state": Field(enum_filter(STATES)),
        "type": Field(exact_enum(TYPES)),
        "elementId": Field(EXACT_STRING),
        "elementName": Field(EXACT_STRING, computed=lambda context: _element_name),
        "hasIncident": Field(EXACT_BOOL),
        "tenantId": Field(EXACT_TENANT),
        "elementInstanceKey": Field(EXACT_KEY),
        "processInstanceKey": Field(EXACT_KEY),
        "processDefinitionKey": Field(EXACT_KEY),
        "incidentKey": Field(EXACT_KEY),
        "startDate": Field(DATE),
        "endDate": Field(DATE),
        # Direct children of a scope (a process instance or an element instance).
        "elementInstanceScopeKey": Field(EXACT_KEY, attr="flow_scope_key"),
    },
    sorts=ELEMENT_INSTANCE_SORT_FIELDS,
    computed_sorts={"elementName": lambda context: _element_name},
)


def search_element_instances(call: Call) -> Response:
    """Search element instances."""
    engine = call.engine
    with engine.reading():
        store = engine.store
        result = run_search(
            SEARCH,
            call.body,
            store.element_instances.values(),
            SearchContext(store),
            ELEMENT_INSTANCE,
        )
    return json_response(result)


def get_element_instance(call: Call) -> Response:
    """One element instance."""
    engine = call.engine
    with engine.reading():
        key = call.params["elementInstanceKey"]
        return json_response(
            ELEMENT_INSTANCE(found(engine.store.element_instances, key, "Element instance"))
        )


def set_variables(call: Call) -> Response:
    """Set variables on a scope; ``local`` keeps them there instead of propagating up."""
    body = call.body
    call.engine.set_variables(
        call.params["elementInstanceKey"], body["variables"], local=body.get("local", False)
    )
    return no_content()


OPERATIONS = [
    Operation(
        "POST", "/element-instances/search", "searchElementInstances", search_element_instances
    ),
    Operation(
        "GET", "/element-instances/{elementInstanceKey}", "getElementInstance", get_element_instance
    ),
    Operation(
        "PUT",
        "/element-instances/{elementInstanceKey}/variables",
        "createElementInstanceVariables",
        set_variables,
        Object(
            {"variables": VARIABLES, "local": Boolean(), "operationReference": OPERATION_REFERENCE},
            required=("variables",),
        ),
        body_required=True,
    ),
]
