"""The user task commands: assign, unassign, update and complete.

Each checks the task can take the command (it exists and is CREATED) and starts the
transition; the Future resolves when the transition's listeners are done (``user_tasks``).
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import TaskListenerEvent
from camunda_core.devengine.contract import InvalidState, NotFound
from camunda_core.devengine.records import UserTaskRecord
from camunda_core.devengine.runtime import task_props
from camunda_core.devengine.runtime.user_tasks import (
    CANCELED,
    COMPLETED,
    CREATED,
    Transition,
    begin,
)

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["command"]


def _run_of(rt: Runtime, task_key: str, verb: str) -> tuple[Run, UserTaskRecord]:
    task = rt.store.user_tasks.get(task_key)
    run = rt.runs.get(task.element_instance_key) if task is not None else None
    if task is None or run is None or task.state in (COMPLETED, CANCELED):
        raise NotFound(
            f"Expected to {verb} user task with key '{task_key}', but no such user task was found"
        )
    if task.state != CREATED:
        raise InvalidState(
            f"Expected to {verb} user task with key '{task_key}', but it is in state '{task.state}'"
        )
    return run, task


def command(
    rt: Runtime,
    task_key: str,
    verb: str,
    future: Future[None],
    *,
    assignee: str | None = None,
    allow_override: bool = True,
    changeset: dict[str, Any] | None = None,
    values: dict[str, str] | None = None,
    action: str | None = None,
) -> None:
    """assign / unassign / update / complete: start the transition (future resolves later)."""
    run, task = _run_of(rt, task_key, verb)
    if verb == "assign":
        if not allow_override and task.assignee:
            raise InvalidState(
                f"Expected to assign user task with key '{task_key}', but it is already "
                f"assigned to '{task.assignee}' and overriding is not allowed"
            )
        transition = Transition(
            TaskListenerEvent.ASSIGNING, action or "assign", {"assignee": assignee or None}
        )
    elif verb == "unassign":
        transition = Transition(
            TaskListenerEvent.ASSIGNING, action or "unassign", {"assignee": None}
        )
    elif verb == "update":
        transition = Transition(
            TaskListenerEvent.UPDATING, action or "update", task_props.normalize_all(changeset)
        )
    else:
        transition = Transition(TaskListenerEvent.COMPLETING, action or "complete", values=values)
    rt.task_futures[task_key] = future
    begin(rt, run, transition)
