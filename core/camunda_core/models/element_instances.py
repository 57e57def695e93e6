"""Element-instance shapes: search, get, and setting variables on a scope."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from camunda_core.models._base import CamundaModel, RequestModel
from camunda_core.models._enum import OpenEnum
from camunda_core.models.keys import (
    ElementInstanceKey,
    IncidentKey,
    LongKey,
    ProcessDefinitionKey,
    ProcessInstanceKey,
)
from camunda_core.models.search import DateTimeMatch, EnumFilter

__all__ = [
    "ELEMENT_INSTANCE_SORT_FIELDS",
    "ElementInstance",
    "ElementInstanceFilter",
    "ElementInstanceState",
    "ElementType",
    "SetVariablesRequest",
]

#: Fields ``POST /element-instances/search`` can sort by.
ELEMENT_INSTANCE_SORT_FIELDS = frozenset(
    {
        "elementInstanceKey",
        "processInstanceKey",
        "processDefinitionKey",
        "processDefinitionId",
        "startDate",
        "endDate",
        "elementId",
        "elementName",
        "type",
        "state",
        "incidentKey",
        "tenantId",
    }
)


class ElementInstanceState(OpenEnum):
    """State of one element instance (an activity, event, gateway ... being executed)."""

    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    TERMINATED = "TERMINATED"


class ElementType(OpenEnum):
    """The BPMN element type of an element instance."""

    UNSPECIFIED = "UNSPECIFIED"
    UNKNOWN = "UNKNOWN"
    PROCESS = "PROCESS"
    SUB_PROCESS = "SUB_PROCESS"
    EVENT_SUB_PROCESS = "EVENT_SUB_PROCESS"
    AD_HOC_SUB_PROCESS = "AD_HOC_SUB_PROCESS"
    AD_HOC_SUB_PROCESS_INNER_INSTANCE = "AD_HOC_SUB_PROCESS_INNER_INSTANCE"
    MULTI_INSTANCE_BODY = "MULTI_INSTANCE_BODY"
    CALL_ACTIVITY = "CALL_ACTIVITY"
    START_EVENT = "START_EVENT"
    INTERMEDIATE_CATCH_EVENT = "INTERMEDIATE_CATCH_EVENT"
    INTERMEDIATE_THROW_EVENT = "INTERMEDIATE_THROW_EVENT"
    BOUNDARY_EVENT = "BOUNDARY_EVENT"
    END_EVENT = "END_EVENT"
    SERVICE_TASK = "SERVICE_TASK"
    RECEIVE_TASK = "RECEIVE_TASK"
    USER_TASK = "USER_TASK"
    MANUAL_TASK = "MANUAL_TASK"
    TASK = "TASK"
    BUSINESS_RULE_TASK = "BUSINESS_RULE_TASK"
    SCRIPT_TASK = "SCRIPT_TASK"
    SEND_TASK = "SEND_TASK"
    EXCLUSIVE_GATEWAY = "EXCLUSIVE_GATEWAY"
    INCLUSIVE_GATEWAY = "INCLUSIVE_GATEWAY"
    PARALLEL_GATEWAY = "PARALLEL_GATEWAY"
    EVENT_BASED_GATEWAY = "EVENT_BASED_GATEWAY"
    SEQUENCE_FLOW = "SEQUENCE_FLOW"


class ElementInstance(CamundaModel):
    """One execution of a BPMN element inside a process instance."""

    element_instance_key: ElementInstanceKey
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    process_definition_key: ProcessDefinitionKey
    process_definition_id: str
    element_id: str
    element_name: str | None = None
    type: ElementType
    state: ElementInstanceState
    has_incident: bool = False
    incident_key: IncidentKey | None = None
    tenant_id: str = "<default>"
    start_date: datetime
    end_date: datetime | None = None


class ElementInstanceFilter(RequestModel):
    """Filter of ``POST /element-instances/search``.

    ``element_instance_scope_key`` (a process-instance or element-instance key) returns only
    the direct children of that scope.
    """

    process_definition_id: str | None = None
    state: ElementInstanceState | EnumFilter[ElementInstanceState] | None = None
    type: ElementType | None = None
    element_id: str | None = None
    element_name: str | None = None
    has_incident: bool | None = None
    tenant_id: str | None = None
    element_instance_key: ElementInstanceKey | None = None
    process_instance_key: ProcessInstanceKey | None = None
    process_definition_key: ProcessDefinitionKey | None = None
    incident_key: IncidentKey | None = None
    start_date: DateTimeMatch | None = None
    end_date: DateTimeMatch | None = None
    element_instance_scope_key: LongKey | None = None


class SetVariablesRequest(RequestModel):
    """Body of ``PUT /element-instances/{key}/variables``."""

    variables: dict[str, Any]
    local: bool | None = None
    operation_reference: int | None = Field(None, ge=1)
