"""Incident pages: a filtered list, a detail page with the process variables, retry and resolve.

"Retry" is what an operator means by fixing a failed job: give the job retries, then resolve
the incident so the element runs again. "Resolve" alone suits incidents that are not about a
job (a failed expression whose input was corrected meanwhile).
"""

from __future__ import annotations

from itertools import islice

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from camunda_core.errors import CamundaError
from camunda_core.models.incidents import IncidentErrorType
from camunda_flask.extension import get_state
from camunda_flask.views.access import protected
from camunda_flask.views.blueprint import blueprint
from camunda_flask.views.common import (
    MAX_SHOWN_VARIABLES,
    action_failed,
    cursor_page,
    log_action,
    page_request,
    require_key,
    shown_variables,
)

__all__: list[str] = []

INCIDENT_STATES = ("ACTIVE", "RESOLVED", "")
ERROR_TYPES = tuple(sorted(member.value for member in IncidentErrorType))
MAX_RETRIES = 100
#: Query parameter -> field of the incident search filter.
_INCIDENT_FILTERS = {
    "state": "state",
    "error_type": "errorType",
    "process": "processDefinitionId",
}


@blueprint.get("/")
@protected("tasks.view")
def index() -> Response:
    """The blueprint's root shows the open tasks."""
    return redirect(url_for(".task_list"))


@blueprint.get("/incidents")
@protected("incidents.view")
def incident_list() -> str:
    """Incidents, newest first, filtered by state, error type and process."""
    state = get_state()
    filters = {
        "state": request.args.get("state", "ACTIVE"),
        "error_type": request.args.get("error_type", ""),
        "process": request.args.get("process", "").strip(),
    }
    if filters["state"] not in INCIDENT_STATES:
        filters["state"] = "ACTIVE"
    if filters["error_type"] not in ERROR_TYPES:
        filters["error_type"] = ""
    query = {_INCIDENT_FILTERS[name]: value for name, value in filters.items() if value}
    size = state.config.views.page_size
    result = state.client.search_incidents(query, sort=["-creationTime"], page=page_request(size))
    return render_template(
        "camunda/incident_list.html",
        page=cursor_page(result, size),
        filters=filters,
        states=INCIDENT_STATES,
        error_types=ERROR_TYPES,
    )


@blueprint.get("/incidents/<key>")
@protected("incidents.view")
def incident_detail(key: str) -> str:
    """One incident, its error message, and the variables of its process instance."""
    return _render_detail(require_key(key))


def _render_detail(key: str, *, retries_error: str | None = None, retries: str = "1") -> str:
    client = get_state().client
    incident = client.get_incident(key)
    variables = list(
        islice(
            client.iter_variables({"processInstanceKey": incident.process_instance_key}),
            MAX_SHOWN_VARIABLES + 1,
        )
    )
    return render_template(
        "camunda/incident_detail.html",
        incident=incident,
        variables=shown_variables(variables),
        more_variables=len(variables) > MAX_SHOWN_VARIABLES,
        retries_error=retries_error,
        retries=retries,
        max_retries=MAX_RETRIES,
    )


@blueprint.post("/incidents/<key>/retry")
@protected("incidents.retry")
def incident_retry(key: str) -> Response | tuple[str, int]:
    """Give the incident's job ``retries`` and resolve the incident."""
    key = require_key(key)
    raw = request.form.get("retries", "").strip()
    if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_RETRIES):
        message = f"Retries must be a whole number from 1 to {MAX_RETRIES}."
        return _render_detail(key, retries_error=message, retries=raw), 400
    retries = int(raw)
    client = get_state().client
    try:
        incident = client.get_incident(key)
        if incident.job_key is not None:
            client.update_job(incident.job_key, retries=retries)
        client.resolve_incident(key)
    except CamundaError as error:
        action_failed("incidents.retry", key, error)
        return redirect(url_for(".incident_detail", key=key))
    log_action("incidents.retry", key, job=incident.job_key, retries=retries)
    flash(f"Incident {key} is resolved; the job runs again.", "success")
    return redirect(url_for(".incident_list"))


@blueprint.post("/incidents/<key>/resolve")
@protected("incidents.resolve")
def incident_resolve(key: str) -> Response:
    """Resolve an incident whose cause was fixed (job incidents need retries: use retry)."""
    key = require_key(key)
    try:
        get_state().client.resolve_incident(key)
    except CamundaError as error:
        action_failed("incidents.resolve", key, error)
        return redirect(url_for(".incident_detail", key=key))
    log_action("incidents.resolve", key)
    flash(f"Incident {key} is resolved.", "success")
    return redirect(url_for(".incident_list"))
