"""Process-instance shapes: create, get, search."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from camunda_core.models._base import CamundaModel, RequestModel
from camunda_core.models._enum import OpenEnum
from camunda_core.models.element_instances import ElementInstanceState
from camunda_core.models.keys import ElementInstanceKey, ProcessDefinitionKey, ProcessInstanceKey
from camunda_core.models.search import (
    DateTimeMatch,
    EnumFilter,
    IntegerMatch,
    KeyMatch,
    StringMatch,
    VariableValueFilter,
)

__all__ = [
    "PROCESS_INSTANCE_SORT_FIELDS",
    "CancelProcessInstanceRequest",
    "CreateProcessInstanceById",
    "CreateProcessInstanceByKey",
    "CreatedProcessInstance",
    "ProcessInstance",
    "ProcessInstanceFilter",
    "ProcessInstanceFilterFields",
    "ProcessInstanceState",
    "StartInstruction",
]


#: Fields ``POST /process-instances/search`` can sort by.
PROCESS_INSTANCE_SORT_FIELDS = frozenset(
    {
        "processInstanceKey",
        "processDefinitionId",
        "processDefinitionName",
        "processDefinitionVersion",
        "processDefinitionVersionTag",
        "processDefinitionKey",
        "parentProcessInstanceKey",
        "parentElementInstanceKey",
        "startDate",
        "endDate",
        "state",
        "hasIncident",
        "tenantId",
        "businessId",
    }
)


class ProcessInstanceState(OpenEnum):
    """State of a process instance."""

    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    TERMINATED = "TERMINATED"


class StartInstruction(RequestModel):
    """Start the new instance before this element instead of at the start event."""

    element_id: str


class _CreateProcessInstance(RequestModel):
    variables: dict[str, Any] | None = None
    tenant_id: str | None = None
    operation_reference: int | None = Field(None, ge=1)
    start_instructions: list[StartInstruction] | None = None
    await_completion: bool | None = None
    request_timeout: int | None = Field(None, ge=0)
    fetch_variables: list[str] | None = None
    tags: list[str] | None = Field(None, max_length=10)
    business_id: str | None = Field(None, min_length=1, max_length=256)


class CreateProcessInstanceById(_CreateProcessInstance):
    """Create an instance of the latest (or a given) version of a BPMN process id."""

    process_definition_id: str = Field(min_length=1)
    process_definition_version: int | None = None


class CreateProcessInstanceByKey(_CreateProcessInstance):
    """Create an instance of one deployed process definition."""

    process_definition_key: ProcessDefinitionKey


class CreatedProcessInstance(CamundaModel):
    """The answer to a create: the new instance's key (and variables when awaited)."""

    process_instance_key: ProcessInstanceKey
    process_definition_key: ProcessDefinitionKey
    process_definition_id: str
    process_definition_version: int
    tenant_id: str = "<default>"
    variables: dict[str, Any] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list)
    business_id: str | None = None


class ProcessInstance(CamundaModel):
    """A process instance as the search/get endpoints return it."""

    process_instance_key: ProcessInstanceKey
    process_definition_key: ProcessDefinitionKey
    process_definition_id: str
    process_definition_name: str | None = None
    process_definition_version: int
    process_definition_version_tag: str | None = None
    start_date: datetime
    end_date: datetime | None = None
    state: ProcessInstanceState
    has_incident: bool = False
    tenant_id: str = "<default>"
    parent_process_instance_key: ProcessInstanceKey | None = None
    parent_element_instance_key: ElementInstanceKey | None = None
    root_process_instance_key: ProcessInstanceKey | None = None
    tags: list[str] = Field(default_factory=list)
    business_id: str | None = None


class CancelProcessInstanceRequest(RequestModel):
    """Body of ``POST /process-instances/{key}/cancellation``."""

    operation_reference: int | None = Field(None, ge=1)


class ProcessInstanceFilterFields(RequestModel):
    """The fields of a process-instance filter (also the shape of each ``$or`` group)."""

    process_instance_key: KeyMatch | None = None
    parent_process_instance_key: KeyMatch | None = None
    parent_element_instance_key: KeyMatch | None = None
    process_definition_key: KeyMatch | None = None
    process_definition_id: StringMatch | None = None
    process_definition_name: StringMatch | None = None
    process_definition_version: IntegerMatch | None = None
    process_definition_version_tag: StringMatch | None = None
    state: ProcessInstanceState | EnumFilter[ProcessInstanceState] | None = None
    start_date: DateTimeMatch | None = None
    end_date: DateTimeMatch | None = None
    has_incident: bool | None = None
    tenant_id: StringMatch | None = None
    variables: list[VariableValueFilter] | None = None
    error_message: StringMatch | None = None
    has_retries_left: bool | None = None
    element_id: StringMatch | None = None
    element_instance_state: ElementInstanceState | EnumFilter[ElementInstanceState] | None = None
    has_element_instance_incident: bool | None = None
    incident_error_hash_code: IntegerMatch | None = None
    tags: list[str] | None = None
    business_id: StringMatch | None = None
    batch_operation_key: StringMatch | None = None


class ProcessInstanceFilter(ProcessInstanceFilterFields):
    """Filter of ``POST /process-instances/search``: the fields AND any one of the ``or_`` groups."""

    or_: list[ProcessInstanceFilterFields] | None = Field(None, alias="$or")
