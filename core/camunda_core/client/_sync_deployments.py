"""Deployment and process-definition methods of the synchronous client. GENERATED from ``_async_deployments.py`` by ``scripts/unasync.py``.

Do not edit: change ``_async_deployments.py`` and run ``python scripts/unasync.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from camunda_core.client import _pagination
from camunda_core.client._sync_core import ClientCore
from camunda_core.client.operations import deployments, process_definitions
from camunda_core.client.operations._common import PageInput
from camunda_core.client.operations.deployments import DeploymentResource
from camunda_core.models.deployments import DeletedResource, Deployment
from camunda_core.models.forms import Form
from camunda_core.models.process_definitions import ProcessDefinition, ProcessDefinitionFilter
from camunda_core.models.search import SearchResult, SortInput

__all__ = ["DeploymentOperations"]


class DeploymentOperations(ClientCore):
    """Deploy and delete resources; read process definitions, their XML and start forms."""

    def create_deployment(
        self, *resources: DeploymentResource, tenant_id: str | None = None
    ) -> Deployment:
        """Deploy BPMN, DMN and form files (paths or ``(name, bytes)`` pairs) in one go."""
        return self._send(
            deployments.create_deployment(self.settings, resources, tenant_id=tenant_id)
        )

    def delete_resource(
        self,
        resource_key: str,
        *,
        delete_history: bool | None = None,
        operation_reference: int | None = None,
    ) -> DeletedResource:
        """Undeploy a process, decision requirements or form by its key."""
        return self._send(
            deployments.delete_resource(
                resource_key,
                delete_history=delete_history,
                operation_reference=operation_reference,
            )
        )

    def search_process_definitions(
        self,
        filter: ProcessDefinitionFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
    ) -> SearchResult[ProcessDefinition]:
        """One page of deployed process definitions matching ``filter``."""
        return self._send(
            process_definitions.search_process_definitions(filter, sort=sort, page=page)
        )

    def iter_process_definitions(
        self,
        filter: ProcessDefinitionFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
    ) -> Iterator[ProcessDefinition]:
        """Every process definition matching ``filter``, fetched page by page."""
        return self._paginate(
            lambda page: process_definitions.search_process_definitions(
                filter, sort=sort, page=page
            ),
            page_size,
        )

    def get_process_definition(self, process_definition_key: str) -> ProcessDefinition:
        """One process definition by key."""
        return self._send(process_definitions.get_process_definition(process_definition_key))

    def get_process_definition_xml(self, process_definition_key: str) -> str | None:
        """The BPMN XML of a process definition, or ``None`` when it has none."""
        return self._send(process_definitions.get_process_definition_xml(process_definition_key))

    def get_start_process_form(self, process_definition_key: str) -> Form | None:
        """The form linked to the process's start event, or ``None`` when there is none."""
        return self._send(process_definitions.get_start_process_form(process_definition_key))
