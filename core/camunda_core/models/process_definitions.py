"""Process-definition shapes: search and get (the XML and start form have their own calls)."""

from __future__ import annotations

from pydantic import Field

from camunda_core.models._base import CamundaModel, RequestModel
from camunda_core.models._enum import OpenEnum
from camunda_core.models.keys import ProcessDefinitionKey
from camunda_core.models.search import StringMatch

__all__ = [
    "PROCESS_DEFINITION_SORT_FIELDS",
    "ProcessDefinition",
    "ProcessDefinitionFilter",
    "ProcessDefinitionState",
]

#: Fields ``POST /process-definitions/search`` can sort by.
PROCESS_DEFINITION_SORT_FIELDS = frozenset(
    {
        "processDefinitionKey",
        "name",
        "resourceName",
        "version",
        "versionTag",
        "processDefinitionId",
        "tenantId",
    }
)


class ProcessDefinitionState(OpenEnum):
    """Whether a definition is deployed or was deleted (deleted ones stay searchable)."""

    ACTIVE = "ACTIVE"
    DELETED = "DELETED"


class ProcessDefinition(CamundaModel):
    """A deployed version of a BPMN process."""

    process_definition_key: ProcessDefinitionKey
    process_definition_id: str
    name: str | None = None
    resource_name: str
    version: int
    version_tag: str | None = None
    tenant_id: str = "<default>"
    has_start_form: bool = False
    state: ProcessDefinitionState = ProcessDefinitionState.ACTIVE


class ProcessDefinitionFilter(RequestModel):
    """Filter of ``POST /process-definitions/search``.

    With ``is_latest_version=True`` paging is forward only and sorting is limited to
    ``processDefinitionId`` and ``tenantId``.
    """

    name: StringMatch | None = None
    is_latest_version: bool | None = None
    resource_name: str | None = None
    version: int | None = Field(None, ge=1)
    version_tag: str | None = None
    process_definition_id: StringMatch | None = None
    tenant_id: str | None = None
    process_definition_key: ProcessDefinitionKey | None = None
    has_start_form: bool | None = None
    state: ProcessDefinitionState | None = None
