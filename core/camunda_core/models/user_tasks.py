"""Camunda user-task shapes: search, get, assign, complete, update."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from camunda_core.models._base import CamundaModel, RequestModel
from camunda_core.models._enum import OpenEnum
from camunda_core.models.keys import (
    ElementInstanceKey,
    FormKey,
    ProcessDefinitionKey,
    ProcessInstanceKey,
    UserTaskKey,
)
from camunda_core.models.search import (
    DateTimeMatch,
    EnumFilter,
    IntegerMatch,
    StringMatch,
    VariableValueFilter,
)

__all__ = [
    "USER_TASK_SORT_FIELDS",
    "AssignUserTaskRequest",
    "CompleteUserTaskRequest",
    "UpdateUserTaskRequest",
    "UserTask",
    "UserTaskChangeset",
    "UserTaskFilter",
    "UserTaskState",
]


#: Fields ``POST /user-tasks/search`` can sort by.
USER_TASK_SORT_FIELDS = frozenset(
    {"creationDate", "completionDate", "followUpDate", "dueDate", "priority", "name"}
)


class UserTaskState(OpenEnum):
    """Lifecycle state of a user task."""

    CREATING = "CREATING"
    CREATED = "CREATED"
    ASSIGNING = "ASSIGNING"
    UPDATING = "UPDATING"
    COMPLETING = "COMPLETING"
    COMPLETED = "COMPLETED"
    CANCELING = "CANCELING"
    CANCELED = "CANCELED"
    FAILED = "FAILED"


class UserTask(CamundaModel):
    """A Camunda user task."""

    user_task_key: UserTaskKey
    name: str | None = None
    state: UserTaskState
    assignee: str | None = None
    candidate_groups: list[str] = Field(default_factory=list)
    candidate_users: list[str] = Field(default_factory=list)
    element_id: str
    element_instance_key: ElementInstanceKey
    process_definition_id: str
    process_definition_key: ProcessDefinitionKey
    process_definition_version: int | None = None
    process_name: str | None = None
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    creation_date: datetime
    completion_date: datetime | None = None
    due_date: datetime | None = None
    follow_up_date: datetime | None = None
    tenant_id: str = "<default>"
    form_key: FormKey | None = None
    external_form_reference: str | None = None
    custom_headers: dict[str, str] = Field(default_factory=dict)
    priority: int = 50
    tags: list[str] = Field(default_factory=list)


class UserTaskFilter(RequestModel):
    """Filter of ``POST /user-tasks/search`` (plain values match exactly)."""

    state: UserTaskState | EnumFilter[UserTaskState] | None = None
    assignee: StringMatch | None = None
    priority: IntegerMatch | None = None
    element_id: str | None = None
    name: StringMatch | None = None
    candidate_group: StringMatch | None = None
    candidate_user: StringMatch | None = None
    tenant_id: StringMatch | None = None
    process_definition_id: str | None = None
    creation_date: DateTimeMatch | None = None
    completion_date: DateTimeMatch | None = None
    follow_up_date: DateTimeMatch | None = None
    due_date: DateTimeMatch | None = None
    process_instance_variables: list[VariableValueFilter] | None = None
    local_variables: list[VariableValueFilter] | None = None
    user_task_key: UserTaskKey | None = None
    process_definition_key: ProcessDefinitionKey | None = None
    process_instance_key: ProcessInstanceKey | None = None
    element_instance_key: ElementInstanceKey | None = None
    tags: list[str] | None = None


class AssignUserTaskRequest(RequestModel):
    """Body of ``POST /user-tasks/{key}/assignment``."""

    assignee: str = Field(min_length=1)
    allow_override: bool | None = None
    action: str | None = None


class CompleteUserTaskRequest(RequestModel):
    """Body of ``POST /user-tasks/{key}/completion``."""

    variables: dict[str, Any] | None = None
    action: str | None = None


class UserTaskChangeset(RequestModel):
    """What ``PATCH /user-tasks/{key}`` changes; ``None`` keeps, ``""``/``[]`` clears."""

    due_date: datetime | str | None = None
    follow_up_date: datetime | str | None = None
    candidate_users: list[str] | None = None
    candidate_groups: list[str] | None = None
    priority: int | None = Field(None, ge=0, le=100)


class UpdateUserTaskRequest(RequestModel):
    """Body of ``PATCH /user-tasks/{key}``."""

    changeset: UserTaskChangeset | None = None
    action: str | None = None
