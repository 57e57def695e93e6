"""The job worker: pollers per job type, executors, reporting, graceful shutdown, health.

One asyncio event loop runs every poller and reports every outcome; async handlers run on it
and sync handlers on an elastic thread pool. ``run_until_signal`` is the entry point of the
``camunda_worker`` commands: SIGTERM or SIGINT stops activating, lets in-flight jobs finish
within the grace period, hands back what is left, and returns 0; a second signal skips the
grace period.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from camunda_core.client import AsyncCamundaClient
from camunda_core.events import EventSink, JobActivated, emit
from camunda_core.models.jobs import ActivatedJob
from camunda_core.settings import CamundaSettings, load_settings
from camunda_core.worker.capacity import Capacity
from camunda_core.worker.dispatch import JobDispatcher, LocalDispatcher
from camunda_core.worker.guard import JobGuard
from camunda_core.worker.handler import Handler
from camunda_core.worker.job import Job
from camunda_core.worker.metrics import WorkerMetrics
from camunda_core.worker.options import ResolvedOptions
from camunda_core.worker.poller import JobPoller
from camunda_core.worker.router import JobRouter

__all__ = ["JobWorker", "WorkerHealth"]

logger = logging.getLogger("camunda_core.worker")


@dataclass(frozen=True)
class WorkerHealth:
    """What a health check reports about a running worker."""

    running: bool
    in_flight: int
    last_poll: dict[str, float | None]
    last_error: dict[str, str | None]

    @property
    def healthy(self) -> bool:
        """Running, and every job type's last activation request got an answer."""
        return self.running and all(error is None for error in self.last_error.values())


class JobWorker:
    """Polls Camunda for the router's job types and runs their handlers.

    ``job_types`` limits the worker to some registered types. ``max_concurrent_jobs`` caps
    jobs in flight over all types (default: the sum of the types' ``max_jobs_active``).
    ``guard`` (an idempotency guard such as the Django job ledger) makes repeats visible and
    skippable. ``sinks`` receive the job events. ``dispatcher`` decides where handlers run
    (default: here, on the event loop and a thread pool; ``CeleryDispatcher``: on Celery).
    """

    def __init__(
        self,
        router: JobRouter,
        *,
        settings: CamundaSettings | None = None,
        client: AsyncCamundaClient | None = None,
        job_types: Sequence[str] | None = None,
        max_concurrent_jobs: int | None = None,
        threads: int | None = None,
        sinks: Sequence[EventSink] = (),
        guard: JobGuard | None = None,
        shutdown_grace_ms: int | None = None,
        name: str | None = None,
        dispatcher: JobDispatcher | None = None,
    ) -> None:
        self._given_client = client
        # load_settings, not CamundaSettings(): a bad environment is a ConfigurationError
        # naming the variable, never pydantic's error with the input (secrets included).
        self.settings = settings or (client.settings if client is not None else load_settings())
        self.handlers = router.select(job_types)
        if not self.handlers:
            raise ValueError('no job handlers to run: register one with @job_worker("job-type")')
        self.options = {
            handler.job_type: ResolvedOptions.resolve(
                handler.options, self.settings, handler.signature.fetch_variables()
            )
            for handler in self.handlers
        }
        per_type = sum(options.max_jobs_active for options in self.options.values())
        self.max_concurrent_jobs = max_concurrent_jobs or per_type
        self.threads = threads or min(self.max_concurrent_jobs, 64)
        self.sinks = list(sinks)
        self.dispatcher: JobDispatcher = dispatcher or LocalDispatcher(self.threads, guard)
        self.grace = (
            self.settings.worker_shutdown_grace_ms
            if shutdown_grace_ms is None
            else shutdown_grace_ms
        ) / 1000
        self.name = name or self.settings.worker_name
        self.metrics = WorkerMetrics()
        self._pollers: list[JobPoller] = []
        # Tasks, not job keys: a job offered again while its first run still goes (F13) is
        # two jobs in flight, each holding a slot until its own outcome is reported.
        self._in_flight: set[asyncio.Task[None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._signals = 0
        self._running = False
        self._stop_requested = False

    def summary(self) -> list[str]:
        """One line per job type: what the worker polls and how (the start-up summary)."""
        lines = []
        for handler in self.handlers:
            options = self.options[handler.job_type]
            fetch = (
                ", ".join(options.fetch_variables) if options.fetch_variables else "all variables"
            )
            lines.append(
                f"{handler.job_type} -> {handler.name} ({'async' if handler.is_async else 'thread'}; "
                f"up to {options.max_jobs_active} jobs, lock {options.timeout_ms} ms, fetch {fetch})"
            )
        return lines

    # --- running --------------------------------------------------------------------------------
    async def run(self) -> None:
        """Run until ``stop()`` is called; then shut down gracefully."""
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        if self._stop_requested:  # stop() came before run() started
            self._stopping.set()
        client = self._given_client or AsyncCamundaClient(self.settings)
        await self.dispatcher.start(client, self.metrics, self.sinks)
        total = Capacity(self.max_concurrent_jobs, threshold_fraction=0)
        self._pollers = [
            JobPoller(
                handler,
                self.options[handler.job_type],
                client,
                Capacity(self.options[handler.job_type].max_jobs_active, parent=total),
                self._deliverer(handler),
                self.metrics,
                worker_name=self.name,
                max_backoff=self.settings.worker_poll_backoff_max_ms / 1000,
                ready=self.dispatcher.wait_ready,
            )
            for handler in self.handlers
        ]
        self._running = True
        logger.info("Worker %s polling %s", self.name, ", ".join(h.job_type for h in self.handlers))
        try:
            await asyncio.gather(*(poller.run(self._stopping) for poller in self._pollers))
            await self._drain()
        finally:
            self._running = False
            await self.dispatcher.close()
            if self._given_client is None:
                await client.aclose()
            logger.info("Worker %s stopped", self.name)

    def stop(self, *, immediate: bool = False) -> None:
        """Stop activating and shut down (thread-safe). ``immediate`` skips the grace period."""
        if immediate:
            self.grace = 0.0
        self._stop_requested = True
        loop, stopping = self._loop, self._stopping
        if loop is not None and stopping is not None and not loop.is_closed():
            loop.call_soon_threadsafe(stopping.set)

    def run_until_signal(self) -> int:
        """Run in a new event loop until SIGTERM/SIGINT; returns the exit code (0)."""
        return asyncio.run(self._run_with_signals())

    async def _run_with_signals(self) -> int:
        loop = asyncio.get_running_loop()
        installed = []
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, self._on_signal, sig)
                installed.append(sig)
        try:
            await self.run()
        finally:
            for sig in installed:
                loop.remove_signal_handler(sig)
        return 0

    def _on_signal(self, sig: signal.Signals) -> None:
        self._signals += 1
        if self._signals == 1:
            logger.warning(
                "%s: stopping; in-flight jobs get %gs to finish (signal again to stop now)",
                sig.name,
                self.grace,
            )
            self.stop()
        else:
            logger.warning("%s again: stopping now", sig.name)
            self.stop(immediate=True)
            self._cancel_in_flight()

    # --- jobs ------------------------------------------------------------------------------------
    def _deliverer(self, handler: Handler) -> Callable[[list[ActivatedJob]], None]:
        options = self.options[handler.job_type]

        def deliver(jobs: list[ActivatedJob]) -> None:
            poller = next(p for p in self._pollers if p.job_type == handler.job_type)
            for activated in jobs:
                task = asyncio.ensure_future(self._process(Job(activated), handler, options))
                self._in_flight.add(task)
                task.add_done_callback(functools.partial(self._done, poller))

        return deliver

    def _done(self, poller: JobPoller, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        poller.capacity.release(1)

    async def _process(self, job: Job, handler: Handler, options: ResolvedOptions) -> None:
        emit(self.sinks, JobActivated(job))
        await self.dispatcher.process(job, handler, options)

    async def _drain(self) -> None:
        """Hand back unstarted jobs at once; let the others finish within the grace period,
        then hand back the rest."""
        if not self._in_flight:
            return
        self.dispatcher.release_unstarted()
        logger.info("Waiting up to %gs for %d in-flight job(s)", self.grace, len(self._in_flight))
        pending = list(self._in_flight)
        _, unfinished = (
            await asyncio.wait(pending, timeout=self.grace)
            if self.grace > 0
            else (set(), set(pending))
        )
        if unfinished:
            logger.warning("Handing back %d job(s) that did not finish in time", len(unfinished))
            self._cancel_in_flight()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(*unfinished, return_exceptions=True)

    def _cancel_in_flight(self) -> None:
        for task in list(self._in_flight):
            task.cancel()

    # --- observing ---------------------------------------------------------------------------------
    @property
    def in_flight(self) -> int:
        """Jobs activated and not yet reported."""
        return len(self._in_flight)

    def health(self) -> WorkerHealth:
        """Whether the worker runs and its activations get answers."""
        return WorkerHealth(
            running=self._running,
            in_flight=self.in_flight,
            last_poll={p.job_type: p.last_success for p in self._pollers},
            last_error={p.job_type: p.last_error for p in self._pollers},
        )
