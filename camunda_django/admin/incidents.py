"""Admin pages for incidents, live from the cluster: list, detail, retry, resolve.

Reading needs ``camunda_django.view_incident``; retrying and resolving
``camunda_django.resolve_incident``. "Retry" gives the incident's job new retries and then
resolves the incident, so a worker takes the job again; "resolve" alone suits incidents
without a job (an expression fixed by a variable change, for example).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from camunda_core import CamundaError, NotFoundError
from camunda_core.models.incidents import Incident as ClusterIncident
from camunda_core.models.incidents import IncidentErrorType, IncidentState
from camunda_django.admin.live import LiveClusterAdmin
from camunda_django.admin.paging import CursorPage, page_request
from camunda_django.models import Incident

__all__ = ["IncidentAdmin"]

FILTERS = {"state": "state", "error_type": "errorType", "process": "processDefinitionId"}
STATES = [state.value for state in IncidentState]
ERROR_TYPES = [error_type.value for error_type in IncidentErrorType]
MAX_RETRIES = 100


class IncidentAdmin(LiveClusterAdmin):
    """The "Incidents" pages of the Camunda section."""

    pages = (
        ("", "list_view", "changelist", False),
        ("<str:object_id>/change/", "detail_view", "change", False),
        ("<str:object_id>/retry/", "retry_view", "retry", True),
        ("<str:object_id>/resolve/", "resolve_view", "resolve", True),
    )

    def list_view(self, request: HttpRequest) -> HttpResponse:
        """Incidents matching the filters (active ones unless asked), newest first."""
        self.require(request, "view")
        filters = {key: request.GET.get(key, "").strip() for key in FILTERS}
        if "state" not in request.GET:
            filters["state"] = IncidentState.ACTIVE.value
        if filters["state"] not in ("", *STATES):
            filters["state"] = ""
        if filters["error_type"] not in ("", *ERROR_TYPES):
            filters["error_type"] = ""
        search = {FILTERS[key]: value for key, value in filters.items() if value}
        page, error = None, None
        try:
            result = self.client().search_incidents(
                search, sort=["-creationTime"], page=page_request(request)
            )
            page = CursorPage.of(request, result)
        except CamundaError as failure:
            error = str(failure)
        return self.render(
            request,
            "camunda_django/admin/incident_list.html",
            {
                "title": "Incidents",
                "page": page,
                "error": error,
                "filters": filters,
                "states": STATES,
                "error_types": ERROR_TYPES,
            },
        )

    def detail_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """One incident with its full error message and the actions."""
        self.require(request, "view")
        incident = self._incident(object_id)
        return self.render(
            request,
            "camunda_django/admin/incident_detail.html",
            {
                "title": f"Incident {incident.incident_key}",
                "incident": incident,
                "active": incident.state == IncidentState.ACTIVE,
                "can_resolve": request.user.has_perm("camunda_django.resolve_incident"),
            },
        )

    def retry_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Give the job ``retries`` (default 1) and resolve the incident."""
        self.require(request, "resolve")
        retries = _retries(request.POST.get("retries", "1"))
        if retries is None:
            messages.error(request, f"Retries must be a whole number from 1 to {MAX_RETRIES}.")
            return self._back(object_id)
        incident = self._incident(object_id)
        if not incident.job_key:
            messages.error(request, "This incident has no job to retry; resolve it instead.")
            return self._back(object_id)
        try:
            self.client().update_job(incident.job_key, retries=retries)
            self.client().resolve_incident(object_id)
        except CamundaError as error:
            self.cluster_failed(request, error)
            return self._back(object_id)
        self.log(
            request,
            _logged(incident),
            f"Retried: job {incident.job_key} given {retries} retries; incident resolved",
        )
        messages.success(request, f"Job {incident.job_key} will run again ({retries} retries).")
        return self._back(object_id)

    def resolve_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Resolve the incident as it is."""
        self.require(request, "resolve")
        incident = self._incident(object_id)
        try:
            self.client().resolve_incident(object_id)
        except CamundaError as error:
            self.cluster_failed(request, error)
            return self._back(object_id)
        self.log(request, _logged(incident), "Resolved")
        messages.success(request, "The incident is resolved.")
        return self._back(object_id)

    def _incident(self, key: str) -> ClusterIncident:
        try:
            return self.client().get_incident(key)
        except NotFoundError:
            raise Http404(f"No incident {key} in the cluster.") from None
        except ValueError:  # not a key: refused before sending
            raise Http404("Not an incident key.") from None

    def _back(self, key: str) -> HttpResponse:
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:camunda_django_incident_change", args=(key,))
        )


def _logged(incident: ClusterIncident) -> Incident:
    return Incident(key=incident.incident_key, error_type=str(incident.error_type))


def _retries(text: str) -> int | None:
    try:
        value = int(text)
    except ValueError:
        return None
    return value if 1 <= value <= MAX_RETRIES else None
