"""Job shapes: activation, completion, failure, BPMN errors, updates."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import Field

from camunda_core.models._base import CamundaModel, RequestModel
from camunda_core.models._enum import OpenEnum
from camunda_core.models.keys import (
    ElementInstanceKey,
    FormKey,
    JobKey,
    ProcessDefinitionKey,
    ProcessInstanceKey,
    UserTaskKey,
)
from camunda_core.models.search import (
    DateTimeMatch,
    EnumFilter,
    IntegerMatch,
    KeyMatch,
    StringMatch,
)

__all__ = [
    "JOB_SORT_FIELDS",
    "ActivateJobsRequest",
    "ActivatedJob",
    "CompleteJobRequest",
    "FailJobRequest",
    "JobActivationResult",
    "JobChangeset",
    "JobFilter",
    "JobInfo",
    "JobKind",
    "JobListenerEventType",
    "JobResultCorrections",
    "JobState",
    "ThrowJobErrorRequest",
    "UpdateJobRequest",
    "UserTaskJobResult",
    "UserTaskProperties",
]


#: Fields ``POST /jobs/search`` can sort by.
JOB_SORT_FIELDS = frozenset(
    {
        "deadline",
        "deniedReason",
        "elementId",
        "elementInstanceKey",
        "endTime",
        "errorCode",
        "errorMessage",
        "hasFailedWithRetriesLeft",
        "isDenied",
        "jobKey",
        "kind",
        "listenerEventType",
        "processDefinitionId",
        "processDefinitionKey",
        "processInstanceKey",
        "retries",
        "state",
        "tenantId",
        "type",
        "worker",
    }
)


class JobKind(OpenEnum):
    """What created the job."""

    BPMN_ELEMENT = "BPMN_ELEMENT"
    EXECUTION_LISTENER = "EXECUTION_LISTENER"
    TASK_LISTENER = "TASK_LISTENER"
    AD_HOC_SUB_PROCESS = "AD_HOC_SUB_PROCESS"


class JobListenerEventType(OpenEnum):
    """For listener jobs: the lifecycle event that triggered it."""

    UNSPECIFIED = "UNSPECIFIED"
    START = "START"
    END = "END"
    CREATING = "CREATING"
    ASSIGNING = "ASSIGNING"
    UPDATING = "UPDATING"
    COMPLETING = "COMPLETING"
    CANCELING = "CANCELING"


class JobState(OpenEnum):
    """Where a job is in its lifecycle (as the search endpoint reports it)."""

    CREATED = "CREATED"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    ERROR_THROWN = "ERROR_THROWN"
    RETRIES_UPDATED = "RETRIES_UPDATED"
    TIMED_OUT = "TIMED_OUT"
    CANCELED = "CANCELED"
    MIGRATED = "MIGRATED"


class ActivateJobsRequest(RequestModel):
    """Body of ``POST /jobs/activation``."""

    type: str = Field(min_length=1)
    worker: str | None = None
    timeout: int = Field(gt=0)
    max_jobs_to_activate: int = Field(gt=0)
    fetch_variable: list[str] | None = None
    request_timeout: int | None = None
    tenant_ids: list[str] | None = None
    tenant_filter: Literal["PROVIDED", "ASSIGNED"] | None = None


class UserTaskProperties(CamundaModel):
    """The user task behind a task-listener job."""

    user_task_key: UserTaskKey | None = None
    action: str | None = None
    assignee: str | None = None
    candidate_groups: list[str] = Field(default_factory=list)
    candidate_users: list[str] = Field(default_factory=list)
    changed_attributes: list[str] = Field(default_factory=list)
    due_date: str | None = None
    follow_up_date: str | None = None
    form_key: FormKey | None = None
    priority: int | None = None


class ActivatedJob(CamundaModel):
    """A job locked to this worker until ``deadline`` (epoch milliseconds)."""

    job_key: JobKey
    type: str
    worker: str = ""
    retries: int
    deadline: int
    variables: dict[str, Any] = Field(default_factory=dict)
    custom_headers: dict[str, Any] = Field(default_factory=dict)
    process_instance_key: ProcessInstanceKey
    process_definition_key: ProcessDefinitionKey
    process_definition_id: str
    process_definition_version: int
    element_id: str
    element_instance_key: ElementInstanceKey
    tenant_id: str = "<default>"
    kind: JobKind = JobKind.BPMN_ELEMENT
    listener_event_type: JobListenerEventType = JobListenerEventType.UNSPECIFIED
    user_task: UserTaskProperties | None = None
    tags: list[str] = Field(default_factory=list)
    root_process_instance_key: ProcessInstanceKey | None = None

    @property
    def deadline_at(self) -> datetime:
        """``deadline`` as an aware UTC datetime."""
        return datetime.fromtimestamp(self.deadline / 1000, tz=timezone.utc)


class JobActivationResult(CamundaModel):
    """Answer of ``POST /jobs/activation``."""

    jobs: list[ActivatedJob] = Field(default_factory=list)


class JobResultCorrections(RequestModel):
    """Corrections a task listener applies to the user task (empty string/list clears)."""

    assignee: str | None = None
    due_date: datetime | str | None = None
    follow_up_date: datetime | str | None = None
    candidate_users: list[str] | None = None
    candidate_groups: list[str] | None = None
    priority: int | None = Field(None, ge=0, le=100)


class UserTaskJobResult(RequestModel):
    """Result of a task-listener job: deny the transition, or correct the task."""

    type: Literal["userTask"] = "userTask"
    denied: bool | None = None
    denied_reason: str | None = None
    corrections: JobResultCorrections | None = None


class CompleteJobRequest(RequestModel):
    """Body of ``POST /jobs/{jobKey}/completion``."""

    variables: dict[str, Any] | None = None
    result: UserTaskJobResult | None = None


class FailJobRequest(RequestModel):
    """Body of ``POST /jobs/{jobKey}/failure``."""

    retries: int = Field(ge=0)
    error_message: str | None = None
    retry_back_off: int | None = Field(None, ge=0)
    variables: dict[str, Any] | None = None


class ThrowJobErrorRequest(RequestModel):
    """Body of ``POST /jobs/{jobKey}/error``: a BPMN error for a catch event."""

    error_code: str = Field(min_length=1)
    error_message: str | None = None
    variables: dict[str, Any] | None = None


class JobChangeset(RequestModel):
    """What ``PATCH /jobs/{jobKey}`` changes."""

    retries: int | None = Field(None, ge=0)
    timeout: int | None = Field(None, gt=0)


class UpdateJobRequest(RequestModel):
    """Body of ``PATCH /jobs/{jobKey}``."""

    changeset: JobChangeset
    operation_reference: int | None = Field(None, ge=1)


class JobInfo(CamundaModel):
    """A job as ``POST /jobs/search`` returns it (``deadline`` is a datetime here)."""

    job_key: JobKey
    type: str
    worker: str = ""
    state: JobState
    kind: JobKind = JobKind.BPMN_ELEMENT
    listener_event_type: JobListenerEventType = JobListenerEventType.UNSPECIFIED
    retries: int
    tenant_id: str = "<default>"
    process_definition_id: str
    process_definition_key: ProcessDefinitionKey
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    element_id: str | None = None
    element_instance_key: ElementInstanceKey
    custom_headers: dict[str, str] = Field(default_factory=dict)
    has_failed_with_retries_left: bool = False
    error_code: str | None = None
    error_message: str | None = None
    is_denied: bool | None = None
    denied_reason: str | None = None
    deadline: datetime | None = None
    end_time: datetime | None = None
    creation_time: datetime | None = None
    last_update_time: datetime | None = None


class JobFilter(RequestModel):
    """Filter of ``POST /jobs/search`` (plain values match exactly)."""

    job_key: KeyMatch | None = None
    type: StringMatch | None = None
    worker: StringMatch | None = None
    state: JobState | EnumFilter[JobState] | None = None
    kind: JobKind | EnumFilter[JobKind] | None = None
    listener_event_type: JobListenerEventType | EnumFilter[JobListenerEventType] | None = None
    retries: IntegerMatch | None = None
    tenant_id: StringMatch | None = None
    process_definition_id: StringMatch | None = None
    process_definition_key: KeyMatch | None = None
    process_instance_key: KeyMatch | None = None
    element_id: StringMatch | None = None
    element_instance_key: KeyMatch | None = None
    error_code: StringMatch | None = None
    error_message: StringMatch | None = None
    denied_reason: StringMatch | None = None
    has_failed_with_retries_left: bool | None = None
    is_denied: bool | None = None
    deadline: DateTimeMatch | None = None
    end_time: DateTimeMatch | None = None
    creation_time: DateTimeMatch | None = None
    last_update_time: DateTimeMatch | None = None
