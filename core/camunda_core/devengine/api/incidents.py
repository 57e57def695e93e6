"""Incidents: search, get, resolve."""

from __future__ import annotations

from camunda_core.devengine.api.dispatch import Call, Operation, found
from camunda_core.devengine.api.filters import (
    BASIC_STRING,
    DATE,
    KEY_FILTER,
    STRING,
    enum_filter,
)
from camunda_core.devengine.api.search import Field, SearchContext, SearchSpec, run_search
from camunda_core.devengine.api.validation import OPERATION_REFERENCE, Object
from camunda_core.devengine.api.views import INCIDENT
from camunda_core.devengine.http.messages import Response, json_response, no_content
from camunda_core.models.incidents import INCIDENT_SORT_FIELDS

__all__ = ["INCIDENT", "OPERATIONS", "SEARCH"]

STATES = ("ACTIVE", "MIGRATED", "PENDING", "RESOLVED", "UNKNOWN")
ERROR_TYPES = (
    "AD_HOC_SUB_PROCESS_NO_RETRIES",
    "CALLED_DECISION_ERROR",
    "CALLED_ELEMENT_ERROR",
    "CONDITION_ERROR",
    "DECISION_EVALUATION_ERROR",
    "EXECUTION_LISTENER_NO_RETRIES",
    "EXTRACT_VALUE_ERROR",
    "FORM_NOT_FOUND",
    "IO_MAPPING_ERROR",
    "JOB_NO_RETRIES",
    "MESSAGE_SIZE_EXCEEDED",
    "RESOURCE_NOT_FOUND",
    "TASK_LISTENER_NO_RETRIES",
    "UNHANDLED_ERROR_EVENT",
    "UNKNOWN",
    "UNSPECIFIED",
)

SEARCH = SearchSpec(
    key="incident_key",
    fields={
        "processDefinitionId": Field(STRING),
        "errorType": Field(enum_filter(ERROR_TYPES, not_in=True)),
        "errorMessage": Field(STRING),
        "elementId": Field(STRING),
        "creationTime": Field(DATE),
        "state": Field(enum_filter(STATES, not_in=True)),
        "tenantId": Field(STRING),
        "incidentKey": Field(BASIC_STRING),
        "processDefinitionKey": Field(KEY_FILTER),
        "processInstanceKey": Field(KEY_FILTER),
        "elementInstanceKey": Field(KEY_FILTER),
        "jobKey": Field(KEY_FILTER),
    },
    sorts=INCIDENT_SORT_FIELDS,
)


def search_incidents(call: Call) -> Response:
    """Search incidents."""
    engine = call.engine
    with engine.reading():
        store = engine.store
        result = run_search(
            SEARCH, call.body, store.incidents.values(), SearchContext(store), INCIDENT
        )
    return json_response(result)


def get_incident(call: Call) -> Response:
    """One incident."""
    engine = call.engine
    with engine.reading():
        record = found(engine.store.incidents, call.params["incidentKey"], "Incident")
        return json_response(INCIDENT(record))


def resolve_incident(call: Call) -> Response:
    """Resolve: the element tries again (409 when a job still has no retries)."""
    call.engine.resolve_incident(call.params["incidentKey"])
    return no_content()


OPERATIONS = [
    Operation("POST", "/incidents/search", "searchIncidents", search_incidents),
    Operation("GET", "/incidents/{incidentKey}", "getIncident", get_incident),
    Operation(
        "POST",
        "/incidents/{incidentKey}/resolution",
        "resolveIncident",
        resolve_incident,
        Object({"operationReference": OPERATION_REFERENCE}, nullable=True),
    ),
]
