"""Running job handlers on Celery: the only module of camunda_core that imports Celery.

The worker's activator stays the one that talks to Camunda for activation: it dispatches each
activated job to the task ``camunda.run_job`` (a queue per job type if configured), and the
Celery worker that runs the handler reports the outcome itself. In flight = activated and
not yet reported; it stays bounded by the worker's capacity, because the activator frees a
job's slot only when the task's result arrives (or the job's lock has expired), so no
backlog of expiring jobs piles up in the broker.

- ``acks_late`` + ``reject_on_worker_lost``: a Celery child killed mid-job loses nothing; the
  message is delivered again (or Camunda offers the job again after its timeout).
- Tasks expire at the job's deadline, and the task checks the deadline before running the
  handler: a stale backlog never runs handlers for jobs Camunda has re-offered (F28).
- Broker down at dispatch (F27): activation pauses until the broker answers again (at once
  when a send fails or hangs), and the job is handed back when the send gives up. Celery's
  Redis result store retries a lost connection (20 times, 1 s apart, by default) before a
  send fails; ``result_backend_transport_options={"retry_policy": {"max_retries": 2}}``
  makes that quick.

The activator needs a result backend to learn when tasks finish.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from celery import Celery, shared_task
from celery.backends.base import DisabledBackend
from celery.result import AsyncResult
from kombu.exceptions import OperationalError

from camunda_core.client import AsyncCamundaClient
from camunda_core.errors import ConfigurationError
from camunda_core.events import EventSink
from camunda_core.worker.backoff import Backoff
from camunda_core.worker.handler import Handler
from camunda_core.worker.job import Job
from camunda_core.worker.metrics import WorkerMetrics
from camunda_core.worker.options import ResolvedOptions
from camunda_core.worker.outcomes import HandBack
from camunda_core.worker.remote import register_router, run_remote_job
from camunda_core.worker.reporter import OutcomeReporter

__all__ = [
    "TASK_NAME",
    "CeleryDispatcher",
    "embedded_celery_settings",
    "register_router",
    "run_job",
]

logger = logging.getLogger("camunda_core.worker")

TASK_NAME = "camunda.run_job"
#: Extra seconds after a job's deadline before the activator stops waiting for its task.
DEADLINE_MARGIN = 5.0
#: A send slower than this (seconds) pauses activation until the broker answers again.
SLOW_SEND = 1.0


@shared_task(name=TASK_NAME, acks_late=True, reject_on_worker_lost=True, ignore_result=False)  # type: ignore[untyped-decorator]
def run_job(router_name: str, payload: dict[str, Any]) -> str:
    """Run one activated job with the handler registered under ``router_name``."""
    return run_remote_job(router_name, payload)


def embedded_celery_settings(directory: str | Path) -> dict[str, Any]:
    """Celery settings that need no server: a filesystem broker and file result backend.

    Good for development and tests on one machine; use Redis or RabbitMQ in production.
    """
    root = Path(directory)
    queue = root / "queue"
    results = root / "results"
    control = root / "control"  # kombu's exchange files; by default in the working directory
    for folder in (queue, results, control):
        folder.mkdir(parents=True, exist_ok=True)
    return {
        "broker_url": "filesystem://",
        "broker_transport_options": {
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "control_folder": str(control),
        },
        "result_backend": f"file://{results}",
    }


@dataclass
class _Waiting:
    result: AsyncResult
    give_up_at: float
    done: asyncio.Future[None]


class CeleryDispatcher:
    """Sends activated jobs to ``camunda.run_job`` and waits for their results.

    ``router_name`` is the name the Celery worker processes registered the handlers under
    (``register_router``). ``queues`` maps job types to queues; others go to
    ``default_queue`` (or Celery's default).
    """

    def __init__(
        self,
        app: Celery,
        router_name: str,
        *,
        queues: Mapping[str, str] | None = None,
        default_queue: str | None = None,
        poll_interval: float = 0.02,
    ) -> None:
        if isinstance(app.backend, DisabledBackend):
            raise ConfigurationError(
                "the Celery executor needs a result backend to know when jobs are done: set "
                "result_backend (e.g. 'redis://localhost:6379/1' or 'rpc://')"
            )
        self.app = app
        self.router_name = router_name
        self.queues = dict(queues or {})
        self.default_queue = default_queue
        self.poll_interval = poll_interval
        self._waiting: dict[str, _Waiting] = {}
        self._broker_down = False
        self._broker_backoff = Backoff(0.2, 10.0)
        self._poller: asyncio.Task[None] | None = None
        self._reporter: OutcomeReporter | None = None

    async def start(
        self, client: AsyncCamundaClient, metrics: WorkerMetrics, sinks: list[EventSink]
    ) -> None:
        self._reporter = OutcomeReporter(client, metrics, sinks)
        self._poller = asyncio.ensure_future(self._poll_results())

    async def wait_ready(self) -> None:
        """While the broker is down, probe it with back-off; return once it answers."""
        while self._broker_down:
            await asyncio.sleep(self._broker_backoff.next())
            if await asyncio.to_thread(self._broker_answers):
                logger.info("The Celery broker answers again; resuming activation")
                self._broker_down = False
                self._broker_backoff.reset()

    async def process(self, job: Job, handler: Handler, options: ResolvedOptions) -> None:
        """Dispatch ``job``; return when its task finished or its lock expired."""
        try:
            result = await self._send_watched(job, options)
        except (OperationalError, OSError, RuntimeError) as error:
            if not self._unreachable(error):
                raise
            self._broker_down = True
            logger.error(
                "Could not send job %s to the Celery broker (%s); handing it back", job.key, error
            )
            await self._hand_back(job, "the Celery broker was unreachable")
            return
        waiting = _Waiting(
            result,
            job.activated.deadline / 1000 + DEADLINE_MARGIN,
            asyncio.get_running_loop().create_future(),
        )
        self._waiting[result.id] = waiting
        try:
            await waiting.done
        except asyncio.CancelledError:
            await asyncio.to_thread(result.revoke)
            await self._hand_back(job, "the worker stopped before the Celery task ran")
        finally:
            self._waiting.pop(result.id, None)

    def release_unstarted(self) -> None:
        """Tasks already sent run or are handed back when the grace period ends."""

    async def close(self) -> None:
        if self._poller is not None:
            self._poller.cancel()

    # --- internals -----------------------------------------------------------------------------
    async def _send_watched(self, job: Job, options: ResolvedOptions) -> AsyncResult:
        """Send ``job``'s task. A send that hangs (Celery retrying a broker or result store
        that is down) pauses activation at once, before the send gives up."""
        sending = asyncio.ensure_future(asyncio.to_thread(self._send, job, options))
        try:
            done, _ = await asyncio.wait({sending}, timeout=SLOW_SEND)
        except asyncio.CancelledError:
            sending.cancel()
            raise
        if not done:
            self._broker_down = True
            logger.warning(
                "Sending job %s to Celery takes over %gs; pausing activation until the broker answers",
                job.key,
                SLOW_SEND,
            )
        return await sending

    def _send(self, job: Job, options: ResolvedOptions) -> AsyncResult:
        queue = self.queues.get(job.type, self.default_queue)
        # The handler's local deadline is the task's soft time limit: Celery raises
        # SoftTimeLimitExceeded in the handler (prefork pool), which fails the job.
        limit = options.execution_timeout_ms / 1000 if options.execution_timeout_ms else None
        return self.app.send_task(
            TASK_NAME,
            args=(self.router_name, job.activated.model_dump(mode="json", by_alias=True)),
            queue=queue,
            soft_time_limit=limit,
            expires=datetime.fromtimestamp(job.activated.deadline / 1000, tz=timezone.utc),
            retry=True,
            retry_policy={
                "max_retries": 2,
                "interval_start": 0,
                "interval_step": 0.2,
                "interval_max": 0.5,
            },
        )

    def _unreachable(self, error: BaseException) -> bool:
        """Sending failed because the broker or the result store did not answer.

        Celery's Redis result store subscribes to the task's result before the task is
        published; when it cannot reconnect it raises a ``RuntimeError`` caused by the
        connection error. Either way nothing was published, so the job can be handed back.
        """
        if isinstance(error, (OperationalError, OSError)):
            return True
        store_errors = tuple(getattr(self.app.backend, "connection_errors", ()))
        return isinstance(error.__cause__, (OSError, *store_errors))

    def _broker_answers(self) -> bool:
        try:
            with self.app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1)
        except (OperationalError, OSError):
            return False
        return True

    async def _hand_back(self, job: Job, reason: str) -> None:
        assert self._reporter is not None
        await asyncio.shield(self._reporter.report(job, HandBack(reason), 0.0))

    async def _poll_results(self) -> None:
        """One loop for all jobs in flight: resolve each when its task is ready or hopeless."""
        while True:
            await asyncio.sleep(self.poll_interval)
            if not self._waiting:
                continue
            snapshot = list(self._waiting.values())
            finished = await asyncio.to_thread(_finished, snapshot)
            for waiting in finished:
                if not waiting.done.done():
                    waiting.done.set_result(None)


def _finished(waiting: list[_Waiting]) -> list[_Waiting]:
    """The entries whose task is done (result forgotten) or whose job lock is long gone."""
    now = time.time()
    done = []
    for entry in waiting:
        try:
            ready = entry.result.ready()
        except Exception:  # a backend hiccup (any backend, any client library): retried next round
            logger.debug("Could not read the state of task %s", entry.result.id, exc_info=True)
            ready = False
        if ready:
            entry.result.forget()
            done.append(entry)
        elif now >= entry.give_up_at:
            logger.warning(
                "Task %s did not finish before its job's lock expired; freeing its slot",
                entry.result.id,
            )
            done.append(entry)
    return done
