"""Where an activated job goes: run here (LocalDispatcher) or on Celery (CeleryDispatcher).

A dispatcher's ``process`` returns when the job is finished from the activator's point of
view (reported, handed back, or given up at its deadline); the worker frees the job's slot
then. ``wait_ready`` lets a dispatcher whose transport is down (a Celery broker) pause
activation instead of activating jobs it cannot run.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

from camunda_core.client import AsyncCamundaClient
from camunda_core.events import EventSink
from camunda_core.worker.executors import LocalExecutor
from camunda_core.worker.guard import JobGuard
from camunda_core.worker.handler import Handler
from camunda_core.worker.heartbeat import keep_alive
from camunda_core.worker.job import Job
from camunda_core.worker.metrics import WorkerMetrics
from camunda_core.worker.options import ResolvedOptions
from camunda_core.worker.outcomes import HandBack, Outcome
from camunda_core.worker.reporter import OutcomeReporter

__all__ = ["JobDispatcher", "LocalDispatcher"]


class JobDispatcher(Protocol):
    """Runs activated jobs somewhere and tells the worker when each is finished."""

    async def start(
        self, client: AsyncCamundaClient, metrics: WorkerMetrics, sinks: list[EventSink]
    ) -> None:
        """Called once on the worker's event loop before the first job."""
        ...

    async def wait_ready(self) -> None:
        """Return when jobs can be dispatched (a broker that is down blocks here)."""
        ...

    async def process(self, job: Job, handler: Handler, options: ResolvedOptions) -> None:
        """Run ``job`` and see its outcome reported; on cancellation, hand it back."""
        ...

    def release_unstarted(self) -> None:
        """The worker is stopping: hand back at once the jobs whose handler has not started."""
        ...

    async def close(self) -> None:
        """Release resources when the worker stops."""
        ...


class LocalDispatcher:
    """Runs handlers in this process: async ones on the loop, sync ones on a thread pool."""

    def __init__(self, threads: int, guard: JobGuard | None = None) -> None:
        self._threads = threads
        self._guard = guard
        self._executor: LocalExecutor | None = None
        self._reporter: OutcomeReporter | None = None
        self._client: AsyncCamundaClient | None = None

    async def start(
        self, client: AsyncCamundaClient, metrics: WorkerMetrics, sinks: list[EventSink]
    ) -> None:
        self._client = client
        self._executor = LocalExecutor(self._threads)
        self._reporter = OutcomeReporter(client, metrics, sinks)

    async def wait_ready(self) -> None:
        return None

    async def process(self, job: Job, handler: Handler, options: ResolvedOptions) -> None:
        assert self._executor is not None
        assert self._reporter is not None
        assert self._client is not None
        started = time.monotonic()
        heartbeat = (
            asyncio.ensure_future(keep_alive(self._client, job, options.timeout_ms))
            if options.heartbeat
            else None
        )
        outcome: Outcome
        try:
            outcome = await self._executor.run(handler, job, options, self._guard)
        except asyncio.CancelledError:
            outcome = HandBack("the worker stopped before the job finished")
        finally:
            if heartbeat is not None:
                heartbeat.cancel()
        await asyncio.shield(self._reporter.report(job, outcome, time.monotonic() - started))

    def release_unstarted(self) -> None:
        """Jobs waiting for a pool thread end their ``process`` with a hand-back."""
        if self._executor is not None:
            self._executor.pool.cancel_queued()

    async def close(self) -> None:
        if self._executor is not None:
            self._executor.close(wait=False)
