"""User-task operations: search, get, assign, unassign, complete, update, form, variables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from camunda_core.client._call import Call, parse_model, parse_none, parse_optional_model
from camunda_core.client.operations._common import (
    PageInput,
    as_dict,
    key,
    offset_page,
    search_body,
    truncate_param,
    wire,
)
from camunda_core.models.forms import Form
from camunda_core.models.search import SearchResult, SortInput
from camunda_core.models.user_tasks import (
    USER_TASK_SORT_FIELDS,
    AssignUserTaskRequest,
    CompleteUserTaskRequest,
    UpdateUserTaskRequest,
    UserTask,
    UserTaskChangeset,
    UserTaskFilter,
)
from camunda_core.models.variables import VARIABLE_SORT_FIELDS, UserTaskVariableFilter, Variable

__all__ = [
    "assign_user_task",
    "complete_user_task",
    "get_user_task",
    "get_user_task_form",
    "search_user_task_effective_variables",
    "search_user_task_variables",
    "search_user_tasks",
    "unassign_user_task",
    "update_user_task",
]

_parse_page = parse_model(SearchResult[UserTask])


def search_user_tasks(
    filter: UserTaskFilter | Mapping[str, Any] | None = None,
    *,
    sort: Sequence[SortInput] | SortInput | None = None,
    page: PageInput | None = None,
) -> Call[SearchResult[UserTask]]:
    """``POST /user-tasks/search`` (eventually consistent)."""
    return Call(
        "searchUserTasks",
        "POST",
        "/user-tasks/search",
        parse=_parse_page,
        json=search_body(UserTaskFilter, filter, sort, page, sort_fields=USER_TASK_SORT_FIELDS),
    )


def _task_path(user_task_key: str) -> str:
    return f"/user-tasks/{key(user_task_key, 'user_task_key')}"


def get_user_task(user_task_key: str) -> Call[UserTask]:
    """``GET /user-tasks/{userTaskKey}`` (eventually consistent)."""
    return Call("getUserTask", "GET", _task_path(user_task_key), parse=parse_model(UserTask))


def assign_user_task(
    user_task_key: str,
    assignee: str,
    *,
    allow_override: bool | None = None,
    action: str | None = None,
) -> Call[None]:
    """``POST /user-tasks/{key}/assignment``; ``allow_override=False`` refuses a taken task (409)."""
    body = AssignUserTaskRequest(assignee=assignee, allow_override=allow_override, action=action)
    return Call(
        "assignUserTask",
        "POST",
        f"{_task_path(user_task_key)}/assignment",
        parse=parse_none,
        json=wire(body),
    )


def unassign_user_task(user_task_key: str) -> Call[None]:
    """``DELETE /user-tasks/{key}/assignee``."""
    return Call(
        "unassignUserTask",
        "DELETE",
        f"{_task_path(user_task_key)}/assignee",
        parse=parse_none,
    )


def complete_user_task(
    user_task_key: str,
    *,
    variables: Mapping[str, Any] | None = None,
    action: str | None = None,
) -> Call[None]:
    """``POST /user-tasks/{key}/completion``; ``action`` is a custom verb such as "approve"."""
    body = CompleteUserTaskRequest(variables=as_dict(variables), action=action)
    return Call(
        "completeUserTask",
        "POST",
        f"{_task_path(user_task_key)}/completion",
        parse=parse_none,
        json=wire(body) or {},
    )


def update_user_task(
    user_task_key: str,
    *,
    due_date: datetime | str | None = None,
    follow_up_date: datetime | str | None = None,
    candidate_users: Sequence[str] | None = None,
    candidate_groups: Sequence[str] | None = None,
    priority: int | None = None,
    action: str | None = None,
) -> Call[None]:
    """``PATCH /user-tasks/{key}``: ``None`` keeps a value, ``""`` or ``[]`` clears it."""
    changeset = UserTaskChangeset(
        due_date=due_date,
        follow_up_date=follow_up_date,
        candidate_users=list(candidate_users) if candidate_users is not None else None,
        candidate_groups=list(candidate_groups) if candidate_groups is not None else None,
        priority=priority,
    )
    body = UpdateUserTaskRequest(changeset=changeset, action=action)
    return Call(
        "updateUserTask",
        "PATCH",
        _task_path(user_task_key),
        parse=parse_none,
        json=wire(body),
    )


def get_user_task_form(user_task_key: str) -> Call[Form | None]:
    """``GET /user-tasks/{key}/form``: the linked form; 204 (no form) becomes ``None``."""
    return Call(
        "getUserTaskForm",
        "GET",
        f"{_task_path(user_task_key)}/form",
        parse=parse_optional_model(Form),
    )


_parse_variables = parse_model(SearchResult[Variable])


def search_user_task_variables(
    user_task_key: str,
    filter: UserTaskVariableFilter | Mapping[str, Any] | None = None,
    *,
    sort: Sequence[SortInput] | SortInput | None = None,
    page: PageInput | None = None,
    truncate_values: bool | None = None,
) -> Call[SearchResult[Variable]]:
    """``POST /user-tasks/{key}/variables/search``: every scope's copy of each name."""
    return Call(
        "searchUserTaskVariables",
        "POST",
        f"{_task_path(user_task_key)}/variables/search",
        parse=_parse_variables,
        json=search_body(
            UserTaskVariableFilter, filter, sort, page, sort_fields=VARIABLE_SORT_FIELDS
        ),
        params=truncate_param(truncate_values),
    )


def search_user_task_effective_variables(
    user_task_key: str,
    filter: UserTaskVariableFilter | Mapping[str, Any] | None = None,
    *,
    sort: Sequence[SortInput] | SortInput | None = None,
    page: PageInput | None = None,
    truncate_values: bool | None = None,
) -> Call[SearchResult[Variable]]:
    """``POST /user-tasks/{key}/effective-variables/search``: one entry per name, innermost wins.

    This endpoint pages by offset only (``from_`` + ``limit``).
    """
    body = search_body(UserTaskVariableFilter, filter, sort, None, sort_fields=VARIABLE_SORT_FIELDS)
    page_wire = offset_page(page)
    if page_wire is not None:
        body["page"] = page_wire
    return Call(
        "searchUserTaskEffectiveVariables",
        "POST",
        f"{_task_path(user_task_key)}/effective-variables/search",
        parse=_parse_variables,
        json=body,
        params=truncate_param(truncate_values),
    )
