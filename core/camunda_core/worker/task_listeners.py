"""User-task events from Camunda task listeners, for signal receivers that may deny them.

A BPMN user task lists task listeners (``zeebe:taskListener eventType="completing"
type="user-task-events"``); each lifecycle transition then creates a job of kind
``TASK_LISTENER`` that must be completed before the transition happens. The frameworks
register ``user_task_listener`` for that job type: every job becomes a ``UserTaskEvent``
handed to the receivers, which may deny the transition (assigning, updating, completing) or
correct the task; the job is then completed with that decision.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from camunda_core.models.jobs import JobKind, UserTaskProperties
from camunda_core.worker.job import Job

__all__ = [
    "DEFAULT_LISTENER_JOB_TYPE",
    "UserTaskEvent",
    "UserTaskReceiver",
    "user_task_arguments",
    "user_task_listener",
    "user_task_signal",
]

#: The job type the frameworks listen on unless configured otherwise.
DEFAULT_LISTENER_JOB_TYPE = "user-task-events"

DENIABLE = frozenset({"assigning", "updating", "completing"})

#: A receiver of user-task events (a signal's send, typically).
UserTaskReceiver = Callable[["UserTaskEvent"], Any]

SignalT = TypeVar("SignalT")


@dataclass
class UserTaskEvent:
    """One lifecycle event of a user task: ``creating``, ``assigning``, ``updating``,
    ``completing`` or ``canceling``.

    Receivers read ``user_task`` and ``variables``, and may call ``deny(reason)`` (not for
    creating/canceling) or ``correct(assignee=..., priority=..., ...)``.
    """

    event_type: str
    job: Job
    denied_reason: str | None = None
    denied: bool = False
    corrections: dict[str, Any] = field(default_factory=dict)

    @property
    def user_task(self) -> UserTaskProperties:
        """The task as it will be after the transition (assignee, candidates, dates...)."""
        return self.job.user_task or UserTaskProperties()

    @property
    def user_task_key(self) -> str | None:
        """The user task's key."""
        return self.user_task.user_task_key

    @property
    def action(self) -> str | None:
        """The action of the command (``assign``, ``complete``, or a custom verb like ``approve``)."""
        return self.user_task.action

    @property
    def variables(self) -> dict[str, Any]:
        """The process variables visible to the task."""
        return self.job.variables

    def deny(self, reason: str = "") -> None:
        """Refuse the transition; the command that asked for it fails."""
        if self.event_type not in DENIABLE:
            raise ValueError(
                f"a {self.event_type} transition cannot be denied (only {', '.join(sorted(DENIABLE))})"
            )
        self.denied = True
        self.denied_reason = self.denied_reason or reason

    def correct(self, **corrections: Any) -> None:
        """Change the task as it transitions (assignee, due_date, follow_up_date,
        candidate_users, candidate_groups, priority)."""
        self.corrections.update(corrections)


def user_task_listener(
    receivers: Callable[[], Iterable[UserTaskReceiver]],
) -> Callable[[Job], None]:
    """A job handler that turns task-listener jobs into ``UserTaskEvent``s for ``receivers``.

    ``receivers`` is called per job, so receivers connected later are seen. The first denial
    wins; corrections of all receivers are merged (later ones win per attribute).
    """

    def handle_user_task_event(job: Job) -> None:
        if job.kind != JobKind.TASK_LISTENER:
            raise ValueError(
                f"job {job.key} of type {job.type!r} is not a task-listener job; use this job type "
                "only in zeebe:taskListener definitions"
            )
        event = UserTaskEvent(str(job.listener_event_type).lower(), job)
        for receive in receivers():
            receive(event)
        if event.denied:
            job.deny(event.denied_reason or "")
        elif event.corrections:
            job.correct(**event.corrections)
        else:
            job.complete()

    return handle_user_task_event


def user_task_signal(
    signals: Mapping[str, SignalT], event: UserTaskEvent, logger: logging.Logger
) -> SignalT | None:
    """The signal of ``event``'s type (``signals`` maps event types to a framework's signals).

    A type without a signal (one a later Camunda adds) is logged on ``logger`` and gives None:
    the listener job is then completed, so the transition is not held up.
    """
    signal = signals.get(event.event_type)
    if signal is None:
        logger.warning(
            "Task-listener job %s has the event type %r, which has no signal; completing it",
            event.job.key,
            event.event_type,
        )
    return signal


def user_task_arguments(event: UserTaskEvent) -> dict[str, Any]:
    """The keyword arguments of the ``user_task_*`` signals (besides the sender)."""
    return {
        "event": event,
        "user_task": event.user_task,
        "variables": event.variables,
        "job": event.job,
    }
