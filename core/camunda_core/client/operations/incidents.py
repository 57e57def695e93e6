"""Incident operations: search, get, resolve."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from camunda_core.client._call import Call, parse_model, parse_none
from camunda_core.client.operations._common import PageInput, key, search_body, wire
from camunda_core.models.incidents import (
    INCIDENT_SORT_FIELDS,
    Incident,
    IncidentFilter,
    ResolveIncidentRequest,
)
from camunda_core.models.search import SearchResult, SortInput

__all__ = ["get_incident", "resolve_incident", "search_incidents"]

_parse_page = parse_model(SearchResult[Incident])


def search_incidents(
    filter: IncidentFilter | Mapping[str, Any] | None = None,
    *,
    sort: Sequence[SortInput] | SortInput | None = None,
    page: PageInput | None = None,
) -> Call[SearchResult[Incident]]:
    """``POST /incidents/search`` (eventually consistent)."""
    return Call(
        "searchIncidents",
        "POST",
        "/incidents/search",
        parse=_parse_page,
        json=search_body(IncidentFilter, filter, sort, page, sort_fields=INCIDENT_SORT_FIELDS),
    )


def get_incident(incident_key: str) -> Call[Incident]:
    """``GET /incidents/{incidentKey}`` (eventually consistent)."""
    return Call(
        "getIncident",
        "GET",
        f"/incidents/{key(incident_key, 'incident_key')}",
        parse=parse_model(Incident),
    )


def resolve_incident(incident_key: str, *, operation_reference: int | None = None) -> Call[None]:
    """``POST /incidents/{incidentKey}/resolution``; give a failed job retries first."""
    body = ResolveIncidentRequest(operation_reference=operation_reference)
    return Call(
        "resolveIncident",
        "POST",
        f"/incidents/{key(incident_key, 'incident_key')}/resolution",
        parse=parse_none,
        json=wire(body) or None,
    )
