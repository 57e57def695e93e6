"""Sending a job's outcome to Camunda, once, and living with every answer.

Backpressure and lost answers are retried by the client (these calls are safe to resend). A
404 means the job is gone (completed by someone else, timed out and taken, or its instance
cancelled); a 409 means it is in another state. Both are logged, counted and emitted as
``JobReportRejected``, never raised: the worker goes on, and nothing is lost because Camunda
still holds the job or its incident.
"""

from __future__ import annotations

import logging

from camunda_core.client import AsyncCamundaClient
from camunda_core.errors import BadRequestError, CamundaError, ConflictError, NotFoundError
from camunda_core.events import (
    EventSink,
    JobCompleted,
    JobErrorThrown,
    JobEvent,
    JobFailed,
    JobReportRejected,
    JobReturned,
    emit,
)
from camunda_core.worker.handler import MAX_ERROR_MESSAGE
from camunda_core.worker.job import Job
from camunda_core.worker.metrics import WorkerMetrics
from camunda_core.worker.outcomes import Complete, Fail, HandBack, Outcome, ThrowError

__all__ = ["OutcomeReporter"]

logger = logging.getLogger("camunda_core.worker")


class OutcomeReporter:
    """Sends outcomes with the async client; emits events and counts what happened."""

    def __init__(
        self, client: AsyncCamundaClient, metrics: WorkerMetrics, sinks: list[EventSink]
    ) -> None:
        self._client = client
        self._metrics = metrics
        self._sinks = sinks

    async def report(self, job: Job, outcome: Outcome, duration: float) -> None:
        """Send ``outcome`` for ``job``; never raises."""
        try:
            event = await self._send(job, outcome, duration)
        except NotFoundError as error:
            self._rejected(
                job,
                outcome,
                error,
                "gone",
                "it is gone (completed elsewhere, timed out or cancelled)",
            )
        except ConflictError as error:
            self._rejected(job, outcome, error, "conflict", "it is in another state")
        except BadRequestError as error:
            if isinstance(outcome, Complete):
                await self._refused_completion(job, error, duration)
            else:
                self._rejected(job, outcome, error, "refused", "Camunda refused it")
        except CamundaError as error:
            self._metrics.job(job.type, "report_failed")
            logger.error(
                "Could not report %s of job %s (%s): %s. Camunda offers the job again after its timeout.",
                _kind(outcome),
                job.key,
                job.type,
                error,
            )
        else:
            self._metrics.job(job.type, event.name.removeprefix("job_"), duration)
            emit(self._sinks, event)

    async def _send(self, job: Job, outcome: Outcome, duration: float) -> JobEvent:
        client = self._client
        if isinstance(outcome, Complete):
            await client.complete_job(job.key, variables=outcome.variables, result=outcome.result)
            return JobCompleted(job, outcome.variables, duration)
        if isinstance(outcome, Fail):
            await client.fail_job(
                job.key,
                retries=outcome.retries,
                error_message=outcome.message[:MAX_ERROR_MESSAGE],
                retry_backoff_ms=outcome.retry_backoff_ms,
                variables=outcome.variables,
            )
            level = logging.ERROR if outcome.retries == 0 else logging.WARNING
            logger.log(
                level,
                "Job %s (%s) failed, %d retries left: %s",
                job.key,
                job.type,
                outcome.retries,
                outcome.message.splitlines()[0] if outcome.message else "",
            )
            return JobFailed(job, outcome.message, outcome.retries, duration)
        if isinstance(outcome, ThrowError):
            await client.throw_job_error(
                job.key,
                error_code=outcome.code,
                error_message=outcome.message,
                variables=outcome.variables,
            )
            return JobErrorThrown(job, outcome.code, outcome.message, duration)
        await client.fail_job(
            job.key, retries=job.retries, error_message=outcome.reason, retry_backoff_ms=0
        )
        return JobReturned(job, outcome.reason)

    async def _refused_completion(self, job: Job, error: BadRequestError, duration: float) -> None:
        """A completion Camunda refuses (e.g. variables too large) fails the job visibly."""
        message = f"Camunda refused to complete the job: {error.detail or error}"
        await self.report(job, Fail(retries=max(job.retries - 1, 0), message=message), duration)

    def _rejected(
        self, job: Job, outcome: Outcome, error: CamundaError, label: str, why: str
    ) -> None:
        self._metrics.job(job.type, label)
        logger.warning(
            "Camunda did not accept the %s of job %s (%s): %s.",
            _kind(outcome),
            job.key,
            job.type,
            why,
        )
        status = getattr(error, "status", 0)
        emit(
            self._sinks,
            JobReportRejected(job, _kind(outcome), status, getattr(error, "detail", None)),
        )


def _kind(outcome: Outcome) -> str:
    return {
        Complete: "completion",
        Fail: "failure",
        ThrowError: "BPMN error",
        HandBack: "hand-back",
    }[type(outcome)]
