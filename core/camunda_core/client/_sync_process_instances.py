"""Process-instance methods of the synchronous client. GENERATED from ``_async_process_instances.py`` by ``scripts/unasync.py``.

Do not edit: change ``_async_process_instances.py`` and run ``python scripts/unasync.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from camunda_core.client import _pagination
from camunda_core.client._sync_core import ClientCore
from camunda_core.client.operations import process_instances
from camunda_core.client.operations._common import PageInput
from camunda_core.models.incidents import Incident, IncidentFilter
from camunda_core.models.process_instances import (
    CreatedProcessInstance,
    ProcessInstance,
    ProcessInstanceFilter,
)
from camunda_core.models.search import SearchResult, SortInput

__all__ = ["ProcessInstanceOperations"]


class ProcessInstanceOperations(ClientCore):
    """Start, cancel, read and search process instances (and an instance's incidents)."""

    def create_process_instance(
        self,
        process_definition_id: str | None = None,
        *,
        process_definition_key: str | None = None,
        version: int | None = None,
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
        await_completion: bool = False,
        request_timeout_ms: int | None = None,
        fetch_variables: Sequence[str] | None = None,
        start_before: Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        business_id: str | None = None,
        operation_reference: int | None = None,
    ) -> CreatedProcessInstance:
        """Start a process instance by BPMN process id (latest or given version) or by key.

        With ``await_completion`` the call returns when the instance completes, with its
        variables (``fetch_variables`` narrows them).
        """
        return self._send(
            process_instances.create_process_instance(
                self.settings,
                process_definition_id,
                process_definition_key=process_definition_key,
                version=version,
                variables=variables,
                tenant_id=tenant_id,
                await_completion=await_completion,
                request_timeout_ms=request_timeout_ms,
                fetch_variables=fetch_variables,
                start_before=start_before,
                tags=tags,
                business_id=business_id,
                operation_reference=operation_reference,
            )
        )

    def cancel_process_instance(
        self, process_instance_key: str, *, operation_reference: int | None = None
    ) -> None:
        """Cancel a running process instance."""
        self._send(
            process_instances.cancel_process_instance(
                process_instance_key, operation_reference=operation_reference
            )
        )

    def get_process_instance(self, process_instance_key: str) -> ProcessInstance:
        """One process instance (eventually consistent: wrap in ``wait_until`` after a create)."""
        return self._send(process_instances.get_process_instance(process_instance_key))

    def search_process_instances(
        self,
        filter: ProcessInstanceFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
    ) -> SearchResult[ProcessInstance]:
        """One page of process instances matching ``filter`` (e.g. ``{"state": "ACTIVE"}``)."""
        return self._send(process_instances.search_process_instances(filter, sort=sort, page=page))

    def iter_process_instances(
        self,
        filter: ProcessInstanceFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
    ) -> Iterator[ProcessInstance]:
        """Every process instance matching ``filter``, following the cursor page by page."""
        return self._paginate(
            lambda page: process_instances.search_process_instances(filter, sort=sort, page=page),
            page_size,
        )

    def search_process_instance_incidents(
        self,
        process_instance_key: str,
        filter: IncidentFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
    ) -> SearchResult[Incident]:
        """One page of the incidents of one process instance."""
        return self._send(
            process_instances.search_process_instance_incidents(
                process_instance_key, filter, sort=sort, page=page
            )
        )

    def iter_process_instance_incidents(
        self,
        process_instance_key: str,
        filter: IncidentFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
    ) -> Iterator[Incident]:
        """Every incident of one process instance, page by page."""
        return self._paginate(
            lambda page: process_instances.search_process_instance_incidents(
                process_instance_key, filter, sort=sort, page=page
            ),
            page_size,
        )
