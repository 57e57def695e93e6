"""Process instances: create (by id or key, optionally awaiting completion), cancel, get, search,
and the search of an instance's incidents."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from camunda_core.devengine.api import incidents
from camunda_core.devengine.api.dispatch import Call, Operation, found, when_done
from camunda_core.devengine.api.filters import (
    DATE,
    EXACT_BOOL,
    INTEGER,
    KEY_FILTER,
    STRING,
    enum_filter,
)
from camunda_core.devengine.api.search import Field, SearchContext, SearchSpec, run_search
from camunda_core.devengine.api.validation import (
    INT32,
    INT64,
    OPERATION_REFERENCE,
    TAGS,
    TENANT_ID,
    VARIABLES,
    AnyObject,
    Array,
    Boolean,
    Object,
    RequestError,
    Schema,
    String,
)
from camunda_core.devengine.api.views import (
    PROCESS_INSTANCE,
    by_process_instance,
    exists_in,
    exists_matching_all,
    tags_filter,
    variable_values_filter,
)
from camunda_core.devengine.http.messages import Response, json_response, no_content
from camunda_core.devengine.records import ProcessInstanceRecord
from camunda_core.models.process_instances import PROCESS_INSTANCE_SORT_FIELDS

__all__ = ["OPERATIONS", "java_string_hash"]

STATES = ("ACTIVE", "COMPLETED", "TERMINATED")


def _creation_schema(by: str) -> Object:
    fields: dict[str, Schema] = {
        "processDefinitionVersion": INT32,
        "variables": VARIABLES,
        "tenantId": TENANT_ID,
        "operationReference": OPERATION_REFERENCE,
        "startInstructions": Array(
            Object({"elementId": String()}, required=("elementId",), closed=False)
        ),
        "runtimeInstructions": Array(AnyObject()),
        "awaitCompletion": Boolean(),
        "requestTimeout": INT64,
        "fetchVariables": Array(String()),
        "tags": TAGS,
        "businessId": String(min_length=1, max_length=256),
    }
    if by == "processDefinitionKey":
        fields["processDefinitionKey"] = String(min_length=1, max_length=25, pattern=r"^-?[0-9]+$")
    else:
        fields["processDefinitionId"] = String(min_length=1)
    return Object(fields, required=(by,))


BY_ID = _creation_schema("processDefinitionId")
BY_KEY = _creation_schema("processDefinitionKey")


def create_process_instance(call: Call) -> Response | Future[Response]:
    """Start an instance; with ``awaitCompletion`` answer once it completed (or 504)."""
    body = call.body
    if not isinstance(body, dict):
        raise RequestError("", "must be an object")
    body = (BY_KEY if "processDefinitionKey" in body else BY_ID).check(body, "")
    if body.get("runtimeInstructions"):
        raise RequestError("runtimeInstructions", "is not supported by the dev engine")
    created = call.engine.create_process_instance(
        process_definition_id=body.get("processDefinitionId"),
        version=body.get("processDefinitionVersion", -1),
        process_definition_key=body.get("processDefinitionKey"),
        variables=body.get("variables"),
        tenant_id=body.get("tenantId"),
        start_before_elements=[i["elementId"] for i in body.get("startInstructions", ())],
        tags=body.get("tags", ()),
        business_id=body.get("businessId"),
        await_completion=body.get("awaitCompletion", False),
        request_timeout_ms=body.get("requestTimeout", 0),
        fetch_variables=body.get("fetchVariables", ()),
    )
    result = _created(created.instance)
    if created.completion is None:
        return json_response(result)

    def answer(variables: dict[str, Any]) -> Response:
        return json_response({**result, "variables": variables})

    return when_done(call, created.completion, answer)


def _created(instance: ProcessInstanceRecord) -> dict[str, Any]:
    return {
        "processDefinitionId": instance.process_definition_id,
        "processDefinitionVersion": instance.process_definition_version,
        "tenantId": instance.tenant_id,
        "variables": {},
        "processDefinitionKey": instance.process_definition_key,
        "processInstanceKey": instance.process_instance_key,
        "tags": list(instance.tags),
        "businessId": instance.business_id,
    }


def cancel_process_instance(call: Call) -> Response:
    """Terminate an active instance (404 when unknown or already finished)."""
    call.engine.cancel_process_instance(call.params["processInstanceKey"])
    return no_content()


def get_process_instance(call: Call) -> Response:
    """One instance."""
    engine = call.engine
    with engine.reading():
        record = found(
            engine.store.process_instances, call.params["processInstanceKey"], "Process instance"
        )
        return json_response(PROCESS_INSTANCE(record))


def search_process_instances(call: Call) -> Response:
    """Search instances (with ``$or`` groups and variable-value filters)."""
    engine = call.engine
    with engine.reading():
        store = engine.store
        result = run_search(
            SEARCH,
            call.body,
            store.process_instances.values(),
            SearchContext(store),
            PROCESS_INSTANCE,
        )
    return json_response(result)


def search_process_instance_incidents(call: Call) -> Response:
    """Incidents of an instance and of the instances it called."""
    key = call.params["processInstanceKey"]
    engine = call.engine
    with engine.reading():
        store = engine.store
        found(store.process_instances, key, "Process instance")
        own = (
            i
            for i in store.incidents.values()
            if i.process_instance_key == key or i.root_process_instance_key == key
        )
        result = run_search(
            incidents.SEARCH, call.body, own, SearchContext(store), incidents.INCIDENT
        )
    return json_response(result)


def java_string_hash(text: str) -> int:
    """Java's ``String.hashCode`` (what Camunda's ``incidentErrorHashCode`` is)."""
    data = text.encode("utf-16-be")
    value = 0
    for i in range(0, len(data), 2):  # UTF-16 code units, as Java's chars
        value = (31 * value + (data[i] << 8 | data[i + 1])) & 0xFFFFFFFF
    return value - (1 << 32) if value >= 1 << 31 else value


_elements = by_process_instance("element_instances")
_incidents = by_process_instance("incidents")
_jobs = by_process_instance("jobs")


def _key(record: Any) -> str:
    return str(record.process_instance_key)


ELEMENT_FIELDS = ("elementId", "elementInstanceState", "hasElementInstanceIncident")


SEARCH = SearchSpec(
    key="process_instance_key",
    or_groups=True,
    fields={
        "processInstanceKey": Field(KEY_FILTER),
        "processDefinitionId": Field(STRING),
        "processDefinitionName": Field(STRING),
        "processDefinitionVersion": Field(INTEGER),
        "processDefinitionVersionTag": Field(STRING),
        "processDefinitionKey": Field(KEY_FILTER),
        "parentProcessInstanceKey": Field(KEY_FILTER),
        "parentElementInstanceKey": Field(KEY_FILTER),
        "startDate": Field(DATE),
        "endDate": Field(DATE),
        "state": Field(enum_filter(STATES)),
        "hasIncident": Field(EXACT_BOOL),
        "tenantId": Field(STRING),
        "businessId": Field(STRING),
        "batchOperationId": Field(STRING, computed=lambda context: lambda record: None),
        "batchOperationKey": Field(STRING, computed=lambda context: lambda record: None),
        "tags": tags_filter,
        "variables": variable_values_filter(_key),
        "errorMessage": exists_in(
            "incidents",
            _incidents,
            STRING,
            lambda i: i.error_message if i.state == "ACTIVE" else None,
            _key,
        ),
        "incidentErrorHashCode": exists_in(
            "incidents", _incidents, INTEGER, lambda i: java_string_hash(i.error_message), _key
        ),
        "hasRetriesLeft": exists_in(
            "jobs", _jobs, EXACT_BOOL, lambda j: j.has_failed_with_retries_left, _key
        ),
    },
    sorts=PROCESS_INSTANCE_SORT_FIELDS,
    # One element instance must match all three; without elementId the other two filter
    # nothing (Camunda's search builds one element-instance query, only from elementId).
    joint={
        ELEMENT_FIELDS: exists_matching_all(
            "elements",
            _elements,
            {
                "elementId": (STRING, lambda e: e.element_id),
                "elementInstanceState": (enum_filter(STATES), lambda e: e.state),
                "hasElementInstanceIncident": (EXACT_BOOL, lambda e: e.has_incident),
            },
            _key,
            required="elementId",
        )
    },
)

OPERATIONS = [
    Operation(
        "POST",
        "/process-instances",
        "createProcessInstance",
        create_process_instance,
        body_required=True,
    ),
    Operation(
        "POST", "/process-instances/search", "searchProcessInstances", search_process_instances
    ),
    Operation(
        "GET", "/process-instances/{processInstanceKey}", "getProcessInstance", get_process_instance
    ),
    Operation(
        "POST",
        "/process-instances/{processInstanceKey}/cancellation",
        "cancelProcessInstance",
        cancel_process_instance,
        Object({"operationReference": OPERATION_REFERENCE}, nullable=True),
    ),
    Operation(
        "POST",
        "/process-instances/{processInstanceKey}/incidents/search",
        "searchProcessInstanceIncidents",
        search_process_instance_incidents,
    ),
]
