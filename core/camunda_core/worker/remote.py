"""Running a job in another process (a Celery worker), without importing Celery.

The activator sends the activated job; the remote process looks up the handler in a router
registered under a name, runs it, and reports the outcome to Camunda itself. A job whose lock
has already expired is not run: Camunda has offered it again, and running it now could
complete it twice (F28).

The handler runs in the Celery task's own thread, so Celery's ``current_task`` and time
limits apply to it (the dispatcher turns ``execution_timeout_ms`` into the task's soft time
limit); async handlers run on an event loop beside it, which also keeps a long job's lock
alive (``heartbeat``) and reports the outcome. Each process (and thread) keeps its own
loop, async client and reporter, created on first use after the fork that made the Celery
child, and reads its settings once then: a Celery worker picks up changed settings when
it restarts, like any other Python process.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from camunda_core.client import AsyncCamundaClient
from camunda_core.events import EventSink
from camunda_core.models.jobs import ActivatedJob
from camunda_core.settings import CamundaSettings
from camunda_core.worker.guard import JobGuard
from camunda_core.worker.handler import Handler
from camunda_core.worker.heartbeat import keep_alive
from camunda_core.worker.job import Job
from camunda_core.worker.metrics import WorkerMetrics
from camunda_core.worker.options import ResolvedOptions
from camunda_core.worker.outcomes import Fail, Outcome
from camunda_core.worker.reporter import OutcomeReporter
from camunda_core.worker.router import JobRouter

__all__ = ["RemoteStatus", "register_router", "run_remote_job"]

logger = logging.getLogger("camunda_core.worker")
T = TypeVar("T")


class RemoteStatus:
    """What ``run_remote_job`` did (the Celery task's result)."""

    REPORTED = "reported"
    STALE = "stale"
    NO_HANDLER = "no-handler"


@dataclass
class _Registration:
    router: JobRouter
    settings: Callable[[], CamundaSettings]
    guard: JobGuard | None
    sinks: list[EventSink]
    discover: Callable[[], None] | None
    discovered: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


_registry: dict[str, _Registration] = {}


def register_router(
    name: str,
    router: JobRouter,
    settings: Callable[[], CamundaSettings],
    *,
    guard: JobGuard | None = None,
    sinks: Sequence[EventSink] = (),
    discover: Callable[[], None] | None = None,
) -> None:
    """Make ``router``'s handlers runnable under ``name`` in this process.

    ``settings`` is called when a job needs them (read late); ``discover`` runs once before
    the first job (Django imports the ``camunda_workers`` modules there).
    """
    _registry[name] = _Registration(router, settings, guard, list(sinks), discover)


def _registration(name: str) -> _Registration:
    registration = _registry.get(name)
    if registration is None:
        known = ", ".join(sorted(_registry)) or "none"
        raise LookupError(
            f"no job handlers are registered under {name!r} in this process (registered: {known}); "
            "the Celery worker must load the same Django project or Flask app as the camunda worker"
        )
    if registration.discover is not None and not registration.discovered:
        with registration.lock:
            if not registration.discovered:
                registration.discover()
                registration.discovered = True
    return registration


@dataclass
class _Runtime:
    """One event loop (on its own thread), client, reporter and settings per process and thread.

    The loop runs beside the Celery task's thread, so it can extend a job's lock while a
    sync handler runs in that thread (where Celery's ``current_task`` and time limits work).
    """

    loop: asyncio.AbstractEventLoop
    client: AsyncCamundaClient
    reporter: OutcomeReporter
    settings: CamundaSettings
    options: dict[str, ResolvedOptions] = field(default_factory=dict)

    def options_for(self, handler: Handler) -> ResolvedOptions:
        """The handler's options resolved against the settings (once per job type)."""
        options = self.options.get(handler.job_type)
        if options is None:
            options = ResolvedOptions.resolve(
                handler.options, self.settings, handler.signature.fetch_variables()
            )
            self.options[handler.job_type] = options
        return options

    def start(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        """Run ``coroutine`` on the loop's thread."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run ``coroutine`` on the loop's thread and wait for it (cancelled if we give up:
        Celery's soft time limit raises in this thread)."""
        future = self.start(coroutine)
        try:
            return future.result()
        except BaseException:
            future.cancel()
            raise


_runtimes: dict[tuple[int, int, str], _Runtime] = {}
_runtimes_lock = threading.Lock()


def _runtime(name: str, registration: _Registration) -> _Runtime:
    key = (os.getpid(), threading.get_ident(), name)
    with _runtimes_lock:
        runtime = _runtimes.get(key)
        if runtime is None:
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name=f"camunda-{name}", daemon=True).start()
            settings = registration.settings()
            client = AsyncCamundaClient(settings)
            reporter = OutcomeReporter(client, WorkerMetrics(), registration.sinks)
            runtime = _Runtime(loop, client, reporter, settings)
            _runtimes[key] = runtime
    return runtime


def run_remote_job(router_name: str, payload: dict[str, Any]) -> str:
    """Run the job in ``payload`` (an activated job as JSON) and report its outcome."""
    activated = ActivatedJob.model_validate(payload)
    if time.time() * 1000 >= activated.deadline:
        logger.warning(
            "Not running job %s (%s): its lock expired before this task started; Camunda offers it again",
            activated.job_key,
            activated.type,
        )
        return RemoteStatus.STALE
    registration = _registration(router_name)
    runtime = _runtime(router_name, registration)
    job = Job(activated)
    started = time.monotonic()
    outcome = _outcome(registration, job, runtime)
    runtime.call(runtime.reporter.report(job, outcome, time.monotonic() - started))
    return (
        RemoteStatus.NO_HANDLER
        if registration.router.get(job.type) is None
        else RemoteStatus.REPORTED
    )


def _outcome(registration: _Registration, job: Job, runtime: _Runtime) -> Outcome:
    """Run the handler in this thread (async ones on the loop), its lock kept alive when asked."""
    handler = registration.router.get(job.type)
    if handler is None:
        return Fail(
            retries=max(job.retries - 1, 0),
            message=f"no handler for job type {job.type!r} in the Celery worker process",
        )
    options = runtime.options_for(handler)
    prepared = handler.prepare(job, options)
    if not isinstance(prepared, dict):
        return prepared

    def run_coroutine(coroutine: Awaitable[Any]) -> Any:
        return runtime.call(coroutine)  # type: ignore[arg-type]

    def execute() -> Outcome:
        return handler.call_blocking(job, prepared, options, run_coroutine)

    heartbeat = (
        runtime.start(keep_alive(runtime.client, job, options.timeout_ms))
        if options.heartbeat
        else None
    )
    try:
        if registration.guard is not None:
            return registration.guard.run(job, execute, on_event_loop=handler.is_async)
        return execute()
    finally:
        if heartbeat is not None:
            heartbeat.cancel()
