"""Bridges from the framework-free worker to Flask: app contexts for handlers, signals for events.

Handlers run on worker threads (sync) or the worker's event loop (async), where no app
context exists; each call is wrapped so ``current_app``, ``g`` and extensions such as
Flask-SQLAlchemy work inside a handler as they do inside a view. The wrapper keeps the
handler's signature (``functools.wraps`` sets ``__wrapped__``), so variables are still
injected by parameter name.

Job events arrive on the worker's event loop. Receivers may block (a database write), so
``SignalSink`` hands them to one delivery thread, in order, and sends them there inside an
app context. User-task signals are sent inline on the listener job's thread, because a
receiver's ``deny()`` must be known before that job is completed.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask

from camunda_core.events import BackgroundSink, JobEvent, event_arguments
from camunda_core.worker.task_listeners import (
    UserTaskEvent,
    UserTaskReceiver,
    user_task_arguments,
    user_task_signal,
)
from camunda_flask.signals import JOB_SIGNALS, USER_TASK_SIGNALS

__all__ = ["SignalSink", "in_app_context", "user_task_receivers"]

logger = logging.getLogger("camunda_flask.signals")


def in_app_context(app: Flask, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` wrapped to run inside ``app.app_context()`` (async stays async)."""
    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def run_async(*args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return await func(*args, **kwargs)

        return run_async

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        with app.app_context():
            return func(*args, **kwargs)

    return run


class SignalSink(BackgroundSink):
    """An ``EventSink`` that sends each job event as the blinker signal of the same name.

    Keyword arguments are the event's fields (``job``, ``variables``, ``duration``...) plus
    ``event``, so the signal's documentation and the event class cannot disagree. Outside an
    event loop (a Celery task) the signal is sent at once.
    """

    def __init__(self, app: Flask) -> None:
        super().__init__()
        self.app = app
        self.thread_name = f"camunda-flask-signals-{app.name}"

    def __repr__(self) -> str:
        return f"<SignalSink {self.app.name}>"

    def __call__(self, event: JobEvent) -> None:
        if JOB_SIGNALS[event.name].receivers:  # no receivers: do nothing
            super().__call__(event)

    def deliver(self, event: JobEvent) -> None:
        """Send ``event``'s signal now; a failing receiver is logged, never raised."""
        arguments = event_arguments(event)
        signal = JOB_SIGNALS[event.name]
        with self.app.app_context():
            for receiver in signal.receivers_for(self.app):
                try:
                    receiver(self.app, event=event, **arguments)
                except Exception:  # one bad receiver must not starve the others
                    logger.exception(
                        "Receiver %r of %s failed for job %s", receiver, event.name, event.job.key
                    )


def user_task_receivers(app: Flask) -> Callable[[], Iterable[UserTaskReceiver]]:
    """What ``user_task_listener`` calls per job: one receiver sending ``user_task_<type>``."""

    def send(event: UserTaskEvent) -> None:
        signal = user_task_signal(USER_TASK_SIGNALS, event, logger)
        if signal is not None:
            signal.send(app, **user_task_arguments(event))

    return lambda: [send]
