"""User-task pages: a filtered list, a detail page with variables and the linked form, and
the assign-to-me, unassign and complete actions.

The completion form is the task's linked Camunda Form rendered by ``camunda_core.taskforms``
(or one JSON field when the task has none). A submission that does not fit re-renders the
page with an error per field and sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from camunda_core.errors import CamundaError
from camunda_core.models.user_tasks import UserTask
from camunda_core.models.variables import Variable
from camunda_core.taskforms import (
    FormSpec,
    SubmissionError,
    form_spec,
    parse_submission,
    variables_field,
)
from camunda_flask.extension import get_state
from camunda_flask.views.access import current_user, protected
from camunda_flask.views.blueprint import blueprint
from camunda_flask.views.common import (
    MAX_SHOWN_VARIABLES,
    action_failed,
    cursor_page,
    form_values,
    log_action,
    page_request,
    require_key,
    shown_variables,
    variable_values,
)

__all__: list[str] = []

#: The state filter's choices; "" shows every state.
TASK_STATES = ("CREATED", "COMPLETED", "CANCELED", "FAILED", "")
#: Query parameter -> field of the user-task search filter.
_TASK_FILTERS = {
    "state": "state",
    "assignee": "assignee",
    "candidate_group": "candidateGroup",
    "process": "processDefinitionId",
}


@blueprint.get("/tasks")
@protected("tasks.view")
def task_list() -> str:
    """User tasks, newest first, filtered by state, assignee, candidate group and process."""
    state = get_state()
    filters = {
        "state": request.args.get("state", "CREATED"),
        "assignee": request.args.get("assignee", "").strip(),
        "candidate_group": request.args.get("candidate_group", "").strip(),
        "process": request.args.get("process", "").strip(),
    }
    if filters["state"] not in TASK_STATES:
        filters["state"] = "CREATED"
    query = {_TASK_FILTERS[name]: value for name, value in filters.items() if value}
    size = state.config.views.page_size
    result = state.client.search_user_tasks(query, sort=["-creationDate"], page=page_request(size))
    return render_template(
        "camunda/task_list.html",
        page=cursor_page(result, size),
        filters=filters,
        states=TASK_STATES,
    )


@blueprint.get("/tasks/<key>")
@protected("tasks.view")
def task_detail(key: str) -> str:
    """One task: its fields, its variables, and the completion form."""
    return _render(_load(require_key(key)))


@dataclass(frozen=True)
class _TaskPage:
    """What the detail page shows: the task, its variables, its completion form."""

    task: UserTask
    variables: list[Variable]
    spec: FormSpec


def _load(key: str) -> _TaskPage:
    client = get_state().client
    task = client.get_user_task(key)
    variables = list(
        islice(client.iter_user_task_effective_variables(key), MAX_SHOWN_VARIABLES + 1)
    )
    return _TaskPage(task, variables, _form_of(task, variable_values(variables)))


def _render(
    page: _TaskPage,
    *,
    errors: dict[str, str] | None = None,
    submitted: dict[str, Any] | None = None,
) -> str:
    return render_template(
        "camunda/task_detail.html",
        task=page.task,
        variables=shown_variables(page.variables),
        more_variables=len(page.variables) > MAX_SHOWN_VARIABLES,
        spec=page.spec,
        errors=errors or {},
        submitted=submitted,
        user=current_user(),
    )


def _form_of(task: UserTask, values: dict[str, Any]) -> FormSpec:
    """The linked form with the task's variables as defaults, or the JSON field."""
    if task.form_key is None:
        return variables_field()
    form = get_state().client.get_user_task_form(task.user_task_key)
    if form is None:
        return variables_field()
    return form_spec(form.parse_schema(), values)


@blueprint.post("/tasks/<key>/assign")
@protected("tasks.assign")
def task_assign(key: str) -> Response:
    """Assign the task to the signed-in user (refused when someone else has it)."""
    key = require_key(key)
    user = current_user()
    if user is None:
        flash("Cannot assign: no signed-in user is known; configure CAMUNDA_VIEWS_USER.", "error")
        return redirect(url_for(".task_detail", key=key))
    try:
        get_state().client.assign_user_task(key, user, allow_override=False)
    except CamundaError as error:
        action_failed("tasks.assign", key, error)
    else:
        log_action("tasks.assign", key, assignee=user)
        flash(f"Task {key} is assigned to you.", "success")
    return redirect(url_for(".task_detail", key=key))


@blueprint.post("/tasks/<key>/unassign")
@protected("tasks.unassign")
def task_unassign(key: str) -> Response:
    """Remove the task's assignee."""
    key = require_key(key)
    try:
        get_state().client.unassign_user_task(key)
    except CamundaError as error:
        action_failed("tasks.unassign", key, error)
    else:
        log_action("tasks.unassign", key)
        flash(f"Task {key} is unassigned.", "success")
    return redirect(url_for(".task_detail", key=key))


@blueprint.post("/tasks/<key>/complete")
@protected("tasks.complete")
def task_complete(key: str) -> Response | tuple[str, int]:
    """Complete the task with the form's values; a bad submission re-renders with errors."""
    key = require_key(key)
    page = _load(key)
    submitted = form_values(page.spec.fields, request.form)
    try:
        variables = parse_submission(page.spec, submitted)
    except SubmissionError as error:
        return _render(page, errors=error.errors, submitted=submitted), 400
    try:
        get_state().client.complete_user_task(key, variables=variables)
    except CamundaError as error:
        action_failed("tasks.complete", key, error)
        return redirect(url_for(".task_detail", key=key))
    log_action("tasks.complete", key, variables=sorted(variables))
    flash(f"Task {key} is completed.", "success")
    return redirect(url_for(".task_list"))
