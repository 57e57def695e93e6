"""Incident shapes: search (all, or of one process instance), get, resolve."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from camunda_core.models._base import CamundaModel, RequestModel
from camunda_core.models._enum import OpenEnum
from camunda_core.models.keys import (
    ElementInstanceKey,
    IncidentKey,
    JobKey,
    ProcessDefinitionKey,
    ProcessInstanceKey,
)
from camunda_core.models.search import DateTimeMatch, EnumFilterWithNotIn, KeyMatch, StringMatch

__all__ = [
    "INCIDENT_SORT_FIELDS",
    "Incident",
    "IncidentErrorType",
    "IncidentFilter",
    "IncidentState",
    "ResolveIncidentRequest",
]

#: Fields the incident searches can sort by.
INCIDENT_SORT_FIELDS = frozenset(
    {
        "incidentKey",
        "processDefinitionKey",
        "processDefinitionId",
        "processInstanceKey",
        "errorType",
        "elementId",
        "elementInstanceKey",
        "creationTime",
        "state",
        "jobKey",
        "tenantId",
    }
)


class IncidentState(OpenEnum):
    """Whether an incident still blocks its element."""

    ACTIVE = "ACTIVE"
    PENDING = "PENDING"
    RESOLVED = "RESOLVED"
    MIGRATED = "MIGRATED"
    UNKNOWN = "UNKNOWN"


class IncidentErrorType(OpenEnum):
    """What went wrong (``JOB_NO_RETRIES``: a job failed with no retries left)."""

    AD_HOC_SUB_PROCESS_NO_RETRIES = "AD_HOC_SUB_PROCESS_NO_RETRIES"
    CALLED_DECISION_ERROR = "CALLED_DECISION_ERROR"
    CALLED_ELEMENT_ERROR = "CALLED_ELEMENT_ERROR"
    CONDITION_ERROR = "CONDITION_ERROR"
    DECISION_EVALUATION_ERROR = "DECISION_EVALUATION_ERROR"
    EXECUTION_LISTENER_NO_RETRIES = "EXECUTION_LISTENER_NO_RETRIES"
    EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR"
    FORM_NOT_FOUND = "FORM_NOT_FOUND"
    IO_MAPPING_ERROR = "IO_MAPPING_ERROR"
    JOB_NO_RETRIES = "JOB_NO_RETRIES"
    MESSAGE_SIZE_EXCEEDED = "MESSAGE_SIZE_EXCEEDED"
    RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND"
    TASK_LISTENER_NO_RETRIES = "TASK_LISTENER_NO_RETRIES"
    UNHANDLED_ERROR_EVENT = "UNHANDLED_ERROR_EVENT"
    UNKNOWN = "UNKNOWN"
    UNSPECIFIED = "UNSPECIFIED"


class Incident(CamundaModel):
    """A problem that stopped a process instance at one element until resolved."""

    incident_key: IncidentKey
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    process_definition_key: ProcessDefinitionKey
    process_definition_id: str
    element_id: str
    element_instance_key: ElementInstanceKey
    job_key: JobKey | None = None
    error_type: IncidentErrorType
    error_message: str = ""
    state: IncidentState
    creation_time: datetime | None = None
    tenant_id: str = "<default>"


class IncidentFilter(RequestModel):
    """Filter of the incident searches (plain values match exactly)."""

    incident_key: KeyMatch | None = None
    process_definition_id: StringMatch | None = None
    process_definition_key: KeyMatch | None = None
    process_instance_key: KeyMatch | None = None
    element_id: StringMatch | None = None
    element_instance_key: KeyMatch | None = None
    job_key: KeyMatch | None = None
    error_type: IncidentErrorType | EnumFilterWithNotIn[IncidentErrorType] | None = None
    error_message: StringMatch | None = None
    state: IncidentState | EnumFilterWithNotIn[IncidentState] | None = None
    creation_time: DateTimeMatch | None = None
    tenant_id: StringMatch | None = None


class ResolveIncidentRequest(RequestModel):
    """Body of ``POST /incidents/{incidentKey}/resolution``."""

    operation_reference: int | None = Field(None, ge=1)
