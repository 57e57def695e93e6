"""Where handler code runs: the event loop (async handlers) or a thread pool (sync ones).

An executor returns the outcome of one job and never raises: everything a handler does,
including hanging past its local deadline, becomes an ``Outcome``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable
from concurrent.futures import Future
from typing import Any, get_args

from camunda_core.worker.guard import JobGuard
from camunda_core.worker.handler import Handler
from camunda_core.worker.job import Job
from camunda_core.worker.options import ResolvedOptions
from camunda_core.worker.outcomes import Fail, Outcome
from camunda_core.worker.threads import ElasticThreadPool

_OUTCOMES = get_args(Outcome)

__all__ = ["LocalExecutor"]

logger = logging.getLogger("camunda_core.worker")


class LocalExecutor:
    """Runs async handlers as tasks and sync handlers on an elastic thread pool."""

    def __init__(self, threads: int) -> None:
        self._pool = ElasticThreadPool(threads)

    @property
    def pool(self) -> ElasticThreadPool:
        """The thread pool of sync handlers."""
        return self._pool

    async def run(
        self, handler: Handler, job: Job, options: ResolvedOptions, guard: JobGuard | None = None
    ) -> Outcome:
        """Run the handler for ``job`` and return what it came to."""
        prepared = handler.prepare(job, options)
        if not isinstance(prepared, dict):
            return prepared
        deadline = options.execution_timeout_ms / 1000 if options.execution_timeout_ms else None
        if guard is not None:
            return await self._run_guarded(handler, job, prepared, options, deadline, guard)
        if handler.is_async:
            return await self._run_async(handler, job, prepared, options, deadline)
        return await self._run_in_thread(handler, job, prepared, options, deadline)

    async def _run_guarded(
        self,
        handler: Handler,
        job: Job,
        kwargs: dict[str, Any],
        options: ResolvedOptions,
        deadline: float | None,
        guard: JobGuard,
    ) -> Outcome:
        """The guard runs on a pool thread and calls the handler there (async ones on the loop)."""
        loop = asyncio.get_running_loop()

        def run_on_loop(coroutine: Awaitable[Any]) -> Any:
            return asyncio.run_coroutine_threadsafe(coroutine, loop).result()  # type: ignore[arg-type]

        def execute() -> Outcome:
            return handler.call_blocking(job, kwargs, options, run_on_loop)

        guarded = functools.partial(guard.run, on_event_loop=handler.is_async)
        outcome: Outcome = await self._await_thread(
            self._pool.submit(guarded, job, execute), handler, job, options, deadline
        )
        return outcome

    async def _run_async(
        self,
        handler: Handler,
        job: Job,
        kwargs: dict[str, Any],
        options: ResolvedOptions,
        deadline: float | None,
    ) -> Outcome:
        try:
            returned = await asyncio.wait_for(handler.func(**kwargs), deadline)
        except asyncio.TimeoutError:
            return _deadline_passed(handler, job, options)
        except Exception as error:  # noqa: BLE001 - a handler's failure is the job's outcome
            return handler.outcome_of_error(job, error, options)
        return handler.outcome_of(job, returned, options)

    async def _run_in_thread(
        self,
        handler: Handler,
        job: Job,
        kwargs: dict[str, Any],
        options: ResolvedOptions,
        deadline: float | None,
    ) -> Outcome:
        future = self._pool.submit(_call, handler, kwargs)
        returned = await self._await_thread(future, handler, job, options, deadline)
        return (
            returned
            if isinstance(returned, _OUTCOMES)
            else handler.outcome_of(job, returned, options)
        )

    async def _await_thread(
        self,
        future: Future[Any],
        handler: Handler,
        job: Job,
        options: ResolvedOptions,
        deadline: float | None,
    ) -> Any:
        """The thread's result, or the outcome of its failure or of its passed deadline.

        A call cancelled before a thread took it (``pool.cancel_queued``) raises
        ``CancelledError`` here: the job never started and is handed back.
        """
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), deadline)
        except asyncio.TimeoutError:
            self._pool.abandon(future)
            return _deadline_passed(handler, job, options)
        except Exception as error:  # noqa: BLE001 - a handler's failure is the job's outcome
            return handler.outcome_of_error(job, error, options)

    def close(self, wait: bool = True) -> None:
        """Stop the threads (stuck handler threads finish on their own)."""
        self._pool.shutdown(wait=wait, timeout=5)


def _call(handler: Handler, kwargs: dict[str, Any]) -> Any:
    return handler.func(**kwargs)


def _deadline_passed(handler: Handler, job: Job, options: ResolvedOptions) -> Outcome:
    seconds = (options.execution_timeout_ms or 0) / 1000
    logger.error(
        "Handler %s for job %s ran past its %gs execution timeout; failing the job",
        handler.name,
        job.key,
        seconds,
    )
    return Fail(
        retries=max(job.retries - 1, 0),
        message=f"{handler.name} did not finish within its execution timeout of {seconds:g}s",
        retry_backoff_ms=options.retry_backoff_ms,
    )
