"""Activation: one long-polling loop per job type, bounded by free capacity.

The loop reserves the free slots, asks for at most that many jobs, hands them over, and
polls again at once when slots are free (it waits on the capacity, never on a fixed sleep).
Errors and backpressure back off with jitter, growing to a cap, and never give up; an empty
answer that came back early (no long poll) backs off briefly so an idle worker stays cheap.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from camunda_core.client import AsyncCamundaClient
from camunda_core.errors import BackpressureError, CamundaError
from camunda_core.models.jobs import ActivatedJob
from camunda_core.worker.backoff import Backoff
from camunda_core.worker.capacity import Capacity
from camunda_core.worker.handler import Handler
from camunda_core.worker.metrics import WorkerMetrics
from camunda_core.worker.options import ResolvedOptions

__all__ = ["JobPoller", "Stopped"]

logger = logging.getLogger("camunda_core.worker")
T = TypeVar("T")

#: First delay after an activation error, in seconds.
ERROR_BACKOFF_INITIAL = 0.1
#: Delays after empty answers that came back before the long poll ended.
EMPTY_BACKOFF = (0.05, 1.0)


class Stopped(Exception):  # noqa: N818 - control flow, not an error
    """The worker is stopping; the awaited operation was abandoned."""


async def until_stopped(awaitable: Awaitable[T], stopping: asyncio.Event) -> T:
    """Await ``awaitable`` unless ``stopping`` is set first (then cancel it, raise Stopped)."""
    task = asyncio.ensure_future(awaitable)
    stop = asyncio.ensure_future(stopping.wait())
    try:
        await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        task.cancel()  # cancelled ourselves (the worker's task was): leave nothing running
        raise
    finally:
        stop.cancel()
    if not task.done():
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        raise Stopped
    return task.result()


class JobPoller:
    """The activation loop of one job type."""

    def __init__(
        self,
        handler: Handler,
        options: ResolvedOptions,
        client: AsyncCamundaClient,
        capacity: Capacity,
        deliver: Callable[[list[ActivatedJob]], None],
        metrics: WorkerMetrics,
        *,
        worker_name: str,
        max_backoff: float,
        ready: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.handler = handler
        self.options = options
        self.capacity = capacity
        self._client = client
        self._deliver = deliver
        self._ready = ready
        self._metrics = metrics
        self._worker_name = worker_name
        self._errors = Backoff(ERROR_BACKOFF_INITIAL, max(max_backoff, ERROR_BACKOFF_INITIAL))
        self._empties = Backoff(*EMPTY_BACKOFF)
        #: Wall-clock time of the last activation request that got an answer.
        self.last_success: float | None = None
        self.last_error: str | None = None

    @property
    def job_type(self) -> str:
        """The job type this loop activates."""
        return self.handler.job_type

    async def run(self, stopping: asyncio.Event) -> None:
        """Poll until ``stopping`` is set."""
        while not stopping.is_set():
            try:
                if self._ready is not None:
                    await until_stopped(self._ready(), stopping)
                reserved = await until_stopped(self.capacity.reserve(), stopping)
            except Stopped:
                return
            try:
                delay = await self._poll_once(reserved, stopping)
            except Stopped:
                self.capacity.release(reserved)
                return
            if delay:
                try:
                    await until_stopped(asyncio.sleep(delay), stopping)
                except Stopped:
                    return

    async def _poll_once(self, reserved: int, stopping: asyncio.Event) -> float:
        """One activation; returns the delay before the next one."""
        options = self.options
        started = time.monotonic()
        try:
            jobs = await until_stopped(
                self._client.activate_jobs(
                    self.job_type,
                    max_jobs=reserved,
                    timeout_ms=options.timeout_ms,
                    worker=self._worker_name,
                    fetch_variables=options.fetch_variables,
                    request_timeout_ms=options.request_timeout_ms,
                    tenant_ids=options.tenant_ids or None,
                ),
                stopping,
            )
        except BackpressureError as error:
            self.capacity.release(reserved)
            return self._failed("backpressure", error)
        except CamundaError as error:
            self.capacity.release(reserved)
            return self._failed("error", error)
        self.capacity.release(reserved - len(jobs))
        self.last_success = time.time()
        if self._errors.failures:
            logger.info(
                "Activation of %r works again after %d failed attempts",
                self.job_type,
                self._errors.failures,
            )
        self._errors.reset()
        self.last_error = None
        if jobs:
            self._metrics.activation(self.job_type, "jobs")
            self._empties.reset()
            self._deliver(jobs)
            return 0.0
        self._metrics.activation(self.job_type, "empty")
        long_poll = options.request_timeout_ms / 1000
        if long_poll > 0 and time.monotonic() - started >= long_poll / 2:
            return 0.0  # a real long poll: ask again at once, one request per period
        return self._empties.next()

    def _failed(self, result: str, error: CamundaError) -> float:
        self._metrics.activation(self.job_type, result)
        self.last_error = str(error)
        delay = self._errors.next()
        log = (
            logger.warning
            if self._errors.failures <= 3 or self._errors.failures % 20 == 0
            else logger.debug
        )
        log(
            "Activation of %r failed (%s); retrying in %.2fs (attempt %d)",
            self.job_type,
            error,
            delay,
            self._errors.failures,
        )
        return delay
