"""Jobs: long-poll activation, completion, failure, BPMN errors, updates, search.

Activation and completion are the worker's hot path (benchmark B1), so their bodies are built
as dict literals and their checks are a handful of ``isinstance`` calls.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from camunda_core.devengine.api.dispatch import Call, Operation, when_done
from camunda_core.devengine.api.filters import (
    DATE,
    EXACT_BOOL,
    INTEGER,
    KEY_FILTER,
    STRING,
    enum_filter,
)
from camunda_core.devengine.api.search import Field, SearchContext, SearchSpec, run_search
from camunda_core.devengine.api.times import format_ms
from camunda_core.devengine.api.validation import (
    INT32,
    INT64,
    OPERATION_REFERENCE,
    TENANT_ID,
    VARIABLES,
    AnyObject,
    Array,
    Boolean,
    Integer,
    Object,
    Schema,
    String,
)
from camunda_core.devengine.api.views import JOB
from camunda_core.devengine.contract import ActivatedJob, EngineAPI
from camunda_core.devengine.http.messages import Response, json_response, no_content
from camunda_core.devengine.records import DEFAULT_TENANT
from camunda_core.models.jobs import JOB_SORT_FIELDS

__all__ = ["OPERATIONS", "SEARCH", "activated_job"]

STATES = (
    "CANCELED",
    "COMPLETED",
    "CREATED",
    "ERROR_THROWN",
    "FAILED",
    "MIGRATED",
    "RETRIES_UPDATED",
    "TIMED_OUT",
)
KINDS = ("BPMN_ELEMENT", "EXECUTION_LISTENER", "TASK_LISTENER", "AD_HOC_SUB_PROCESS")
LISTENER_EVENTS = (
    "ASSIGNING",
    "CANCELING",
    "COMPLETING",
    "CREATING",
    "END",
    "START",
    "UNSPECIFIED",
    "UPDATING",
)

ACTIVATION = Object(
    {
        "type": String(min_length=1),
        "worker": String(),
        "timeout": Integer(bits=64, minimum=1),
        "maxJobsToActivate": Integer(bits=32, minimum=1),
        "fetchVariable": Array(String()),
        "requestTimeout": INT64,
        "tenantIds": Array(TENANT_ID),
        "tenantFilter": String(enum=("PROVIDED", "ASSIGNED")),
    },
    required=("maxJobsToActivate", "timeout", "type"),
)


def activate_jobs(call: Call) -> Response | Future[Response]:
    """Lock up to ``maxJobsToActivate`` jobs; wait up to ``requestTimeout`` for the first."""
    body = call.body
    tenants = body.get("tenantIds", ())
    if body.get("tenantFilter") == "ASSIGNED":
        tenants = (DEFAULT_TENANT,)  # the dev user is assigned to the default tenant only
    future = call.engine.activate_jobs(
        job_type=body["type"],
        worker=body.get("worker", ""),
        timeout_ms=body["timeout"],
        max_jobs=body["maxJobsToActivate"],
        fetch_variables=body.get("fetchVariable", ()),
        tenant_ids=tenants,
        request_timeout_ms=body.get("requestTimeout", 0),
    )
    engine = call.engine
    return when_done(call, future, lambda jobs: _activated(engine, jobs))


def _activated(engine: EngineAPI, jobs: list[ActivatedJob]) -> Response:
    response = json_response({"jobs": [activated_job(j) for j in jobs]})
    if jobs:
        activations = [(j.job.job_key, j.job.deadline or 0) for j in jobs]
        response.undelivered = lambda: engine.return_jobs(activations)
    return response


def activated_job(activated: ActivatedJob) -> dict[str, Any]:
    """An ``ActivatedJobResult`` (``deadline`` is epoch milliseconds here, not a date-time)."""
    job = activated.job
    return {
        "type": job.type,
        "processDefinitionId": job.process_definition_id,
        "processDefinitionVersion": job.process_definition_version,
        "elementId": job.element_id,
        "customHeaders": dict(job.custom_headers),
        "worker": job.worker,
        "retries": job.retries,
        "deadline": job.deadline,
        "variables": activated.variables,
        "tenantId": job.tenant_id,
        "jobKey": job.job_key,
        "processInstanceKey": job.process_instance_key,
        "processDefinitionKey": job.process_definition_key,
        "elementInstanceKey": job.element_instance_key,
        "kind": job.kind,
        "listenerEventType": job.listener_event_type,
        "userTask": _user_task_properties(activated),
        "tags": list(job.tags),
        "rootProcessInstanceKey": job.root_process_instance_key,
    }


def _user_task_properties(activated: ActivatedJob) -> dict[str, Any] | None:
    task = activated.user_task
    if task is None:
        return None
    return {
        "action": activated.user_task_action or "",
        "assignee": task.assignee,
        "candidateGroups": list(task.candidate_groups),
        "candidateUsers": list(task.candidate_users),
        "changedAttributes": list(activated.changed_attributes),
        "dueDate": format_ms(task.due_date),
        "followUpDate": format_ms(task.follow_up_date),
        "formKey": task.form_key,
        "priority": task.priority,
        "userTaskKey": task.user_task_key,
    }


def complete_job(call: Call) -> Response:
    """Complete; ``result`` carries a task listener's verdict or an ad-hoc sub-process's."""
    body = call.body or {}
    call.engine.complete_job(
        call.params["jobKey"], variables=body.get("variables"), result=body.get("result")
    )
    return no_content()


def fail_job(call: Call) -> Response:
    """Fail with the retries left; 0 raises an incident."""
    body = call.body or {}
    call.engine.fail_job(
        call.params["jobKey"],
        retries=body.get("retries", 0),
        error_message=body.get("errorMessage"),
        retry_backoff_ms=body.get("retryBackOff", 0),
        variables=body.get("variables"),
    )
    return no_content()


def throw_job_error(call: Call) -> Response:
    """Throw a BPMN error from the job's element."""
    body = call.body
    call.engine.throw_job_error(
        call.params["jobKey"],
        error_code=body["errorCode"],
        error_message=body.get("errorMessage"),
        variables=body.get("variables"),
    )
    return no_content()


def update_job(call: Call) -> Response:
    """Change retries and/or the lock timeout (from now)."""
    changeset = call.body["changeset"]
    call.engine.update_job(
        call.params["jobKey"], retries=changeset.get("retries"), timeout_ms=changeset.get("timeout")
    )
    return no_content()


def search_jobs(call: Call) -> Response:
    """Search jobs."""
    engine = call.engine
    with engine.reading():
        store = engine.store
        result = run_search(SEARCH, call.body, store.jobs.values(), SearchContext(store), JOB)
    return json_response(result)


SEARCH = SearchSpec(
    key="job_key",
    fields={
        "deadline": Field(DATE, nullable=True),
        "deniedReason": Field(STRING),
        "elementId": Field(STRING),
        "elementInstanceKey": Field(KEY_FILTER),
        "endTime": Field(DATE),
        "errorCode": Field(STRING),
        "errorMessage": Field(STRING),
        "hasFailedWithRetriesLeft": Field(EXACT_BOOL),
        "isDenied": Field(EXACT_BOOL, nullable=True),
        "jobKey": Field(KEY_FILTER),
        "kind": Field(enum_filter(KINDS)),
        "listenerEventType": Field(enum_filter(LISTENER_EVENTS)),
        "processDefinitionId": Field(STRING),
        "processDefinitionKey": Field(KEY_FILTER),
        "processInstanceKey": Field(KEY_FILTER),
        "retries": Field(INTEGER),
        "state": Field(enum_filter(STATES)),
        "tenantId": Field(STRING),
        "type": Field(STRING),
        "worker": Field(STRING),
        "creationTime": Field(DATE),
        "lastUpdateTime": Field(DATE),
    },
    sorts=JOB_SORT_FIELDS,
)

_CORRECTIONS = Object(
    {
        "assignee": String(nullable=True),
        "dueDate": String(nullable=True),
        "followUpDate": String(nullable=True),
        "candidateUsers": Array(String(), nullable=True),
        "candidateGroups": Array(String(), nullable=True),
        "priority": Integer(minimum=0, maximum=100, nullable=True),
    },
    closed=False,
    nullable=True,
)
_RESULT_FIELDS: dict[str, Schema] = {
    "type": String(enum=("userTask", "adHocSubProcess")),
    "denied": Boolean(nullable=True),
    "deniedReason": String(nullable=True),
    "corrections": _CORRECTIONS,
    "activateElements": Array(AnyObject()),
    "isCompletionConditionFulfilled": Boolean(),
    "isCancelRemainingInstances": Boolean(),
}
COMPLETION = Object(
    {
        "variables": AnyObject(nullable=True),
        "result": Object(_RESULT_FIELDS, closed=False, nullable=True),
    },
    nullable=True,
)
FAILURE = Object(
    {"retries": INT32, "errorMessage": String(), "retryBackOff": INT64, "variables": VARIABLES},
    nullable=True,
)
ERROR = Object(
    {
        "errorCode": String(min_length=1),
        "errorMessage": String(nullable=True),
        "variables": AnyObject(nullable=True),
    },
    required=("errorCode",),
)
UPDATE = Object(
    {
        "changeset": Object(
            {"retries": Integer(nullable=True), "timeout": Integer(bits=64, nullable=True)},
            closed=False,
        ),
        "operationReference": OPERATION_REFERENCE,
    },
    required=("changeset",),
)

OPERATIONS = [
    Operation(
        "POST", "/jobs/activation", "activateJobs", activate_jobs, ACTIVATION, body_required=True
    ),
    Operation("POST", "/jobs/{jobKey}/completion", "completeJob", complete_job, COMPLETION),
    Operation("POST", "/jobs/{jobKey}/failure", "failJob", fail_job, FAILURE),
    Operation(
        "POST", "/jobs/{jobKey}/error", "throwJobError", throw_job_error, ERROR, body_required=True
    ),
    Operation("PATCH", "/jobs/{jobKey}", "updateJob", update_job, UPDATE, body_required=True),
    Operation("POST", "/jobs/search", "searchJobs", search_jobs),
]
