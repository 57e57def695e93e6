"""Incident methods of the asynchronous client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from camunda_core.client import _pagination
from camunda_core.client._async_core import AsyncClientCore
from camunda_core.client.operations import incidents
from camunda_core.client.operations._common import PageInput
from camunda_core.models.incidents import Incident, IncidentFilter
from camunda_core.models.search import SearchResult, SortInput

__all__ = ["AsyncIncidentOperations"]


class AsyncIncidentOperations(AsyncClientCore):
    """Find, read and resolve incidents."""

    async def search_incidents(
        self,
        filter: IncidentFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
    ) -> SearchResult[Incident]:
        """One page of incidents matching ``filter`` (e.g. ``{"state": "ACTIVE"}``)."""
        return await self._send(incidents.search_incidents(filter, sort=sort, page=page))

    def iter_incidents(
        self,
        filter: IncidentFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
    ) -> AsyncIterator[Incident]:
        """Every incident matching ``filter``, following the cursor page by page."""
        return self._paginate(
            lambda page: incidents.search_incidents(filter, sort=sort, page=page), page_size
        )

    async def get_incident(self, incident_key: str) -> Incident:
        """One incident by key."""
        return await self._send(incidents.get_incident(incident_key))

    async def resolve_incident(
        self, incident_key: str, *, operation_reference: int | None = None
    ) -> None:
        """Resolve an incident so its element runs again (give a failed job retries first)."""
        await self._send(
            incidents.resolve_incident(incident_key, operation_reference=operation_reference)
        )
