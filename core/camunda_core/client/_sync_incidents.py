"""Incident methods of the synchronous client. GENERATED from ``_async_incidents.py`` by ``scripts/unasync.py``.

Do not edit: change ``_async_incidents.py`` and run ``python scripts/unasync.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from camunda_core.client import _pagination
from camunda_core.client._sync_core import ClientCore
from camunda_core.client.operations import incidents
from camunda_core.client.operations._common import PageInput
from camunda_core.models.incidents import Incident, IncidentFilter
from camunda_core.models.search import SearchResult, SortInput

__all__ = ["IncidentOperations"]


class IncidentOperations(ClientCore):
    """Find, read and resolve incidents."""

    def search_incidents(
        self,
        filter: IncidentFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
    ) -> SearchResult[Incident]:
        """One page of incidents matching ``filter`` (e.g. ``{"state": "ACTIVE"}``)."""
        return self._send(incidents.search_incidents(filter, sort=sort, page=page))

    def iter_incidents(
        self,
        filter: IncidentFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
    ) -> Iterator[Incident]:
        """Every incident matching ``filter``, following the cursor page by page."""
        return self._paginate(
            lambda page: incidents.search_incidents(filter, sort=sort, page=page), page_size
        )

    def get_incident(self, incident_key: str) -> Incident:
        """One incident by key."""
        return self._send(incidents.get_incident(incident_key))

    def resolve_incident(
        self, incident_key: str, *, operation_reference: int | None = None
    ) -> None:
        """Resolve an incident so its element runs again (give a failed job retries first)."""
        self._send(
            incidents.resolve_incident(incident_key, operation_reference=operation_reference)
        )
