"""Camunda user tasks: search, get, assign, unassign, complete, update, form, variables.

Lifecycle commands may wait for task listeners (a Future from the runtime); a listener that
denies the transition is a 409, one that takes too long a 504.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from camunda_core.devengine.api import variables
from camunda_core.devengine.api.dispatch import Call, Operation, found, query_flag, when_done
from camunda_core.devengine.api.filters import (
    DATE,
    EXACT_KEY,
    EXACT_STRING,
    INTEGER,
    STRING,
    enum_filter,
)
from camunda_core.devengine.api.search import Field, SearchContext, SearchSpec, run_search
from camunda_core.devengine.api.validation import (
    AnyObject,
    Array,
    Boolean,
    Integer,
    Object,
    String,
)
from camunda_core.devengine.api.views import USER_TASK, tags_filter, variable_values_filter
from camunda_core.devengine.http.messages import Response, json_response, no_content
from camunda_core.devengine.records import UserTaskRecord, VariableRecord
from camunda_core.models.user_tasks import USER_TASK_SORT_FIELDS

__all__ = ["OPERATIONS", "SEARCH", "form_result"]

STATES = (
    "CREATING",
    "CREATED",
    "ASSIGNING",
    "UPDATING",
    "COMPLETING",
    "COMPLETED",
    "CANCELING",
    "CANCELED",
    "FAILED",
)

SEARCH = SearchSpec(
    key="user_task_key",
    fields={
        "state": Field(enum_filter(STATES)),
        "assignee": Field(STRING),
        "priority": Field(INTEGER),
        "elementId": Field(EXACT_STRING),
        "name": Field(STRING),
        "candidateGroup": Field(STRING, attr="candidate_groups", many=True),
        "candidateUser": Field(STRING, attr="candidate_users", many=True),
        "tenantId": Field(STRING),
        "processDefinitionId": Field(EXACT_STRING),
        "creationDate": Field(DATE),
        "completionDate": Field(DATE),
        "followUpDate": Field(DATE),
        "dueDate": Field(DATE),
        "processInstanceVariables": variable_values_filter(lambda t: t.process_instance_key),
        "localVariables": variable_values_filter(lambda t: t.element_instance_key),
        "userTaskKey": Field(EXACT_KEY),
        "processDefinitionKey": Field(EXACT_KEY),
        "processInstanceKey": Field(EXACT_KEY),
        "elementInstanceKey": Field(EXACT_KEY),
        "tags": tags_filter,
    },
    sorts=USER_TASK_SORT_FIELDS,
)


def search_user_tasks(call: Call) -> Response:
    """Search user tasks."""
    engine = call.engine
    with engine.reading():
        store = engine.store
        result = run_search(
            SEARCH, call.body, store.user_tasks.values(), SearchContext(store), USER_TASK
        )
    return json_response(result)


def get_user_task(call: Call) -> Response:
    """One user task."""
    engine = call.engine
    with engine.reading():
        task = found(engine.store.user_tasks, call.params["userTaskKey"], "User task")
        return json_response(USER_TASK(task))


def _done(call: Call, future: Future[None]) -> Response | Future[Response]:
    return when_done(call, future, lambda _: no_content())


def assign_user_task(call: Call) -> Response | Future[Response]:
    """Assign; with ``allowOverride: false`` a task that has an assignee is a 409."""
    body = call.body
    allow = body.get("allowOverride")
    future = call.engine.assign_user_task(
        call.params["userTaskKey"],
        assignee=body["assignee"],
        allow_override=True if allow is None else allow,
        action=body.get("action"),
    )
    return _done(call, future)


def unassign_user_task(call: Call) -> Response | Future[Response]:
    """Remove the assignee."""
    return _done(call, call.engine.unassign_user_task(call.params["userTaskKey"]))


def complete_user_task(call: Call) -> Response | Future[Response]:
    """Complete with variables; ``action`` is a custom verb (approve, reject...)."""
    body = call.body or {}
    future = call.engine.complete_user_task(
        call.params["userTaskKey"], variables=body.get("variables"), action=body.get("action")
    )
    return _done(call, future)


def update_user_task(call: Call) -> Response | Future[Response]:
    """Change dates, candidates or priority (``null`` keeps, empty clears)."""
    body = call.body or {}
    future = call.engine.update_user_task(
        call.params["userTaskKey"],
        changeset=body.get("changeset") or {},
        action=body.get("action"),
    )
    return _done(call, future)


def get_user_task_form(call: Call) -> Response:
    """The linked form, or 204 when the task has none."""
    engine = call.engine
    with engine.reading():
        store = engine.store
        task: UserTaskRecord = found(store.user_tasks, call.params["userTaskKey"], "User task")
        if task.form_key is None:
            return no_content()
        return json_response(form_result(found(store.forms, task.form_key, "Form")))


def form_result(form: Any) -> dict[str, Any]:
    """A ``FormResult`` (the schema stays JSON text)."""
    return {
        "tenantId": form.tenant_id,
        "formId": form.form_id,
        "schema": form.schema,
        "version": form.version,
        "formKey": form.form_key,
    }


def _visible(call: Call) -> list[VariableRecord]:
    """The variables visible from the task's scope, innermost first; none for an unknown task
    (the spec documents no 404 here: a search that finds nothing is an empty page)."""
    engine = call.engine
    with engine.reading():
        task = engine.store.user_tasks.get(call.params["userTaskKey"])
    return engine.visible_variables(task.element_instance_key) if task is not None else []


def search_user_task_variables(call: Call) -> Response:
    """Every variable visible from the task, parents' copies of a name included."""
    truncate = query_flag(call, "truncateValues", True)
    visible = _visible(call)
    engine = call.engine
    with engine.reading():
        result = run_search(
            variables.NAME_SEARCH,
            call.body,
            visible,
            SearchContext(engine.store),
            variables.search_item(truncate),
        )
    return json_response(result)


def search_user_task_effective_variables(call: Call) -> Response:
    """One variable per name, the innermost scope's (offset paging only)."""
    truncate = query_flag(call, "truncateValues", True)
    visible = _visible(call)
    effective: dict[str, VariableRecord] = {}
    for variable in visible:  # innermost first: the first of a name wins
        effective.setdefault(variable.name, variable)
    engine = call.engine
    with engine.reading():
        result = run_search(
            EFFECTIVE_SEARCH,
            call.body,
            list(effective.values()),
            SearchContext(engine.store),
            variables.search_item(truncate),
        )
    return json_response(result)


EFFECTIVE_SEARCH = SearchSpec(
    key="variable_key",
    fields=variables.NAME_SEARCH.fields,
    sorts=variables.SORTS,
    offset_only=True,
)

ASSIGNMENT = Object(
    {
        "assignee": String(min_length=1),
        "allowOverride": Boolean(nullable=True),
        "action": String(nullable=True),
    },
    required=("assignee",),
)
COMPLETION = Object(
    {"variables": AnyObject(nullable=True), "action": String(nullable=True)}, nullable=True
)
CHANGESET = Object(
    {
        "dueDate": String(nullable=True),
        "followUpDate": String(nullable=True),
        "candidateUsers": Array(String(), nullable=True),
        "candidateGroups": Array(String(), nullable=True),
        "priority": Integer(minimum=0, maximum=100, nullable=True),
    },
    closed=False,
    nullable=True,
)
UPDATE = Object({"changeset": CHANGESET, "action": String(nullable=True)}, nullable=True)

_TASK = "/user-tasks/{userTaskKey}"
OPERATIONS = [
    Operation("POST", "/user-tasks/search", "searchUserTasks", search_user_tasks),
    Operation("GET", _TASK, "getUserTask", get_user_task),
    Operation(
        "POST",
        f"{_TASK}/assignment",
        "assignUserTask",
        assign_user_task,
        ASSIGNMENT,
        body_required=True,
    ),
    Operation("DELETE", f"{_TASK}/assignee", "unassignUserTask", unassign_user_task),
    Operation("POST", f"{_TASK}/completion", "completeUserTask", complete_user_task, COMPLETION),
    Operation("PATCH", _TASK, "updateUserTask", update_user_task, UPDATE),
    Operation("GET", f"{_TASK}/form", "getUserTaskForm", get_user_task_form),
    Operation(
        "POST",
        f"{_TASK}/variables/search",
        "searchUserTaskVariables",
        search_user_task_variables,
    ),
    Operation(
        "POST",
        f"{_TASK}/effective-variables/search",
        "searchUserTaskEffectiveVariables",
        search_user_task_effective_variables,
    ),
]
