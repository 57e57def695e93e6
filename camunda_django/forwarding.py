"""Core events in, Django signals out.

The worker emits job events on its asyncio event loop, where Django forbids the ORM
(``SynchronousOnlyOperation``). ``SignalSink`` therefore hands events from the loop to one
delivery thread, in order, so receivers may use the database as anywhere else; called
outside an event loop (a Celery task) it sends at once. User-task events are sent inline,
on the handler's thread, because a receiver's ``deny()`` must be known before the listener
job is completed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from django.db import close_old_connections, connections

from camunda_core.events import BackgroundSink, JobEvent, event_arguments
from camunda_core.worker.task_listeners import (
    UserTaskEvent,
    user_task_arguments,
    user_task_signal,
)
from camunda_django.signals import JOB_SIGNALS, USER_TASK_SIGNALS

__all__ = ["SignalSink", "send_user_task_signal"]

logger = logging.getLogger("camunda_django.signals")


class SignalSink(BackgroundSink):
    """An ``EventSink`` that sends each job event as the signal of the same name.

    ``senders`` maps job types to the handler functions used as the signals' sender; it is
    read per event, so a mapping filled later (a Celery worker discovers handlers at its first
    job) is seen.
    """

    thread_name = "camunda-django-signals"

    def __init__(self, senders: Mapping[str, Callable[..., Any]]) -> None:
        super().__init__()
        self._senders = senders

    def deliver(self, event: JobEvent) -> None:
        """Send ``event``'s signal now; a failing receiver is logged, never raised."""
        signal = JOB_SIGNALS[event.name]
        sender = self._senders.get(event.job.type)
        for receiver, result in signal.send_robust(
            sender=sender, event=event, **event_arguments(event)
        ):
            if isinstance(result, Exception):
                logger.error(
                    "Receiver %r of %s failed for job %s",
                    receiver,
                    event.name,
                    event.job.key,
                    exc_info=result,
                )

    def before_each(self) -> None:
        close_old_connections()

    def on_thread_exit(self) -> None:
        connections.close_all()  # this thread's connections


def send_user_task_signal(event: UserTaskEvent) -> None:
    """The task-listener receiver: send the ``user_task_<event type>`` signal."""
    signal = user_task_signal(USER_TASK_SIGNALS, event, logger)
    if signal is not None:
        signal.send(sender=UserTaskEvent, **user_task_arguments(event))
