"""Framework-free events of the job worker, and the sinks that receive them.

The worker emits one event per step of a job's life. ``camunda_django`` and ``camunda_flask``
register sinks that forward them as Django signals / blinker signals with the same names.
A sink that raises is logged and never disturbs the worker.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from camunda_core.worker.job import Job

__all__ = [
    "JOB_EVENT_NAMES",
    "BackgroundSink",
    "EventSink",
    "JobActivated",
    "JobCompleted",
    "JobErrorThrown",
    "JobEvent",
    "JobFailed",
    "JobReportRejected",
    "JobReturned",
    "emit",
    "event_arguments",
]

logger = logging.getLogger("camunda_core.events")


@dataclass(frozen=True)
class JobEvent:
    """Base of the job events: the job (type, key, variables, headers...)."""

    job: Job

    @property
    def name(self) -> str:
        """The signal name frameworks use (``job_activated`` ...)."""
        return _NAMES[type(self)]


@dataclass(frozen=True)
class JobActivated(JobEvent):
    """The worker locked the job and is about to run its handler."""


@dataclass(frozen=True)
class JobCompleted(JobEvent):
    """The job was completed with ``variables``."""

    variables: dict[str, Any] | None
    duration: float


@dataclass(frozen=True)
class JobFailed(JobEvent):
    """The job was failed; ``retries`` are left (0 raised an incident)."""

    message: str
    retries: int
    duration: float


@dataclass(frozen=True)
class JobErrorThrown(JobEvent):
    """A BPMN error with ``code`` was thrown from the job's element."""

    code: str
    message: str | None
    duration: float


@dataclass(frozen=True)
class JobReturned(JobEvent):
    """The job was handed back untouched (the worker stopped before it finished)."""

    reason: str


@dataclass(frozen=True)
class JobReportRejected(JobEvent):
    """Camunda refused the outcome: the job was gone (404) or in another state (409).

    Nothing is lost: the job was completed elsewhere, or is offered again, or sits in an
    incident. This is how repeated deliveries become visible.
    """

    outcome: str
    status: int
    detail: str | None


_NAMES: dict[type[JobEvent], str] = {
    JobActivated: "job_activated",
    JobCompleted: "job_completed",
    JobFailed: "job_failed",
    JobErrorThrown: "bpmn_error_thrown",
    JobReturned: "job_returned",
    JobReportRejected: "job_report_rejected",
}

#: The signal names of the job events, in a job's order of life.
JOB_EVENT_NAMES = tuple(_NAMES.values())

#: Receives every event; must be quick (it runs on the worker's event loop).
EventSink = Callable[[JobEvent], Any]


def event_arguments(event: JobEvent) -> dict[str, Any]:
    """The event's fields as keyword arguments (what the signals send besides ``event``)."""
    return {item.name: getattr(event, item.name) for item in fields(event)}


_STOP = object()


class BackgroundSink:
    """A sink that delivers events in order on one thread, so receivers may block.

    The worker emits events on its event loop, where a receiver must not block (nor, in
    Django, touch the ORM). Called on an event loop, this queues the event for a delivery
    thread; called elsewhere (a Celery task, a handler's thread) it delivers at once.
    Subclasses implement ``deliver``; ``before_each`` and ``on_thread_exit`` let them manage
    per-thread resources (database connections).
    """

    thread_name = "camunda-events"

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def __call__(self, event: JobEvent) -> None:
        if _in_event_loop():
            self._start_thread()
            self._queue.put(event)
        else:
            self.deliver(event)

    def deliver(self, event: JobEvent) -> None:
        """Hand ``event`` to its receivers; must not raise."""
        raise NotImplementedError

    def before_each(self) -> None:
        """Called on the delivery thread before each event."""

    def on_thread_exit(self) -> None:
        """Called on the delivery thread when it stops."""

    def close(self, timeout: float = 10.0) -> None:
        """Deliver what is queued (up to ``timeout`` seconds) and stop the delivery thread."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(_STOP)
            thread.join(timeout)

    def _start_thread(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name=self.thread_name, daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            event = self._queue.get()
            if event is _STOP:
                self.on_thread_exit()
                return
            assert isinstance(event, JobEvent)
            self.before_each()
            self.deliver(event)


def _in_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def emit(sinks: Iterable[EventSink], event: JobEvent) -> None:
    """Deliver ``event`` to every sink; a failing sink is logged, never raised."""
    for sink in sinks:
        try:
            sink(event)
        except Exception:
            logger.exception(
                "Event sink %r failed on %s for job %s", sink, event.name, event.job.key
            )
