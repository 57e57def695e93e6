"""User-task methods of the asynchronous client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from camunda_core.client import _pagination
from camunda_core.client._async_core import AsyncClientCore
from camunda_core.client.operations import user_tasks
from camunda_core.client.operations._common import PageInput
from camunda_core.models.forms import Form
from camunda_core.models.search import SearchResult, SortInput
from camunda_core.models.user_tasks import UserTask, UserTaskFilter
from camunda_core.models.variables import UserTaskVariableFilter, Variable

__all__ = ["AsyncUserTaskOperations"]


class AsyncUserTaskOperations(AsyncClientCore):
    """Find, claim, complete and update user tasks; read their forms and variables."""

    async def search_user_tasks(
        self,
        filter: UserTaskFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
    ) -> SearchResult[UserTask]:
        """One page of user tasks matching ``filter`` (e.g. ``{"state": "CREATED"}``)."""
        return await self._send(user_tasks.search_user_tasks(filter, sort=sort, page=page))

    def iter_user_tasks(
        self,
        filter: UserTaskFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
    ) -> AsyncIterator[UserTask]:
        """Every user task matching ``filter``, following the cursor page by page."""
        return self._paginate(
            lambda page: user_tasks.search_user_tasks(filter, sort=sort, page=page), page_size
        )

    async def get_user_task(self, user_task_key: str) -> UserTask:
        """One user task."""
        return await self._send(user_tasks.get_user_task(user_task_key))

    async def assign_user_task(
        self,
        user_task_key: str,
        assignee: str,
        *,
        allow_override: bool | None = None,
        action: str | None = None,
    ) -> None:
        """Assign a user task; ``allow_override=False`` fails with 409 when already assigned."""
        await self._send(
            user_tasks.assign_user_task(
                user_task_key, assignee, allow_override=allow_override, action=action
            )
        )

    async def unassign_user_task(self, user_task_key: str) -> None:
        """Remove a user task's assignee."""
        await self._send(user_tasks.unassign_user_task(user_task_key))

    async def complete_user_task(
        self,
        user_task_key: str,
        *,
        variables: Mapping[str, Any] | None = None,
        action: str | None = None,
    ) -> None:
        """Complete a user task with ``variables``; ``action`` names the verb ("approve")."""
        await self._send(
            user_tasks.complete_user_task(user_task_key, variables=variables, action=action)
        )

    async def update_user_task(
        self,
        user_task_key: str,
        *,
        due_date: datetime | str | None = None,
        follow_up_date: datetime | str | None = None,
        candidate_users: Sequence[str] | None = None,
        candidate_groups: Sequence[str] | None = None,
        priority: int | None = None,
        action: str | None = None,
    ) -> None:
        """Change dates, candidates or priority of a user task (``""``/``[]`` clears)."""
        await self._send(
            user_tasks.update_user_task(
                user_task_key,
                due_date=due_date,
                follow_up_date=follow_up_date,
                candidate_users=candidate_users,
                candidate_groups=candidate_groups,
                priority=priority,
                action=action,
            )
        )

    async def get_user_task_form(self, user_task_key: str) -> Form | None:
        """The form linked to a user task, or ``None`` when the task has no linked form."""
        return await self._send(user_tasks.get_user_task_form(user_task_key))

    async def search_user_task_variables(
        self,
        user_task_key: str,
        filter: UserTaskVariableFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
        truncate_values: bool | None = None,
    ) -> SearchResult[Variable]:
        """One page of the variables a user task sees, one entry per scope that defines it."""
        return await self._send(
            user_tasks.search_user_task_variables(
                user_task_key, filter, sort=sort, page=page, truncate_values=truncate_values
            )
        )

    def iter_user_task_variables(
        self,
        user_task_key: str,
        filter: UserTaskVariableFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
        truncate_values: bool | None = None,
    ) -> AsyncIterator[Variable]:
        """Every variable visible from a user task, per scope, following the cursor."""
        return self._paginate(
            lambda page: user_tasks.search_user_task_variables(
                user_task_key, filter, sort=sort, page=page, truncate_values=truncate_values
            ),
            page_size,
        )

    async def search_user_task_effective_variables(
        self,
        user_task_key: str,
        filter: UserTaskVariableFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
        truncate_values: bool | None = None,
    ) -> SearchResult[Variable]:
        """One page of the values a user task actually sees: one per name, innermost wins.

        Pages by offset only: ``page={"from": 0, "limit": 50}``.
        """
        return await self._send(
            user_tasks.search_user_task_effective_variables(
                user_task_key, filter, sort=sort, page=page, truncate_values=truncate_values
            )
        )

    def iter_user_task_effective_variables(
        self,
        user_task_key: str,
        filter: UserTaskVariableFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
        truncate_values: bool | None = None,
    ) -> AsyncIterator[Variable]:
        """Every effective variable of a user task, walking the pages by offset."""
        return self._paginate(
            lambda page: user_tasks.search_user_task_effective_variables(
                user_task_key, filter, sort=sort, page=page, truncate_values=truncate_values
            ),
            page_size,
            by_offset=True,
        )
