"""The job-worker runtime, framework free.

Register handlers by job type on a ``JobRouter``; a ``JobWorker`` polls Camunda for them,
runs each handler (async ones on the event loop, sync ones on a thread pool), and reports
the outcome: the returned variables complete the job, ``BpmnError`` throws a BPMN error,
``JobFailure`` fails as told, any other exception fails with ``retries - 1``.
"""

from camunda_core.worker.guard import JobGuard
from camunda_core.worker.handler import Handler
from camunda_core.worker.job import Job
from camunda_core.worker.options import HandlerOptions
from camunda_core.worker.outcomes import (
    BpmnError,
    Complete,
    Fail,
    HandBack,
    JobFailure,
    Outcome,
    ThrowError,
)
from camunda_core.worker.router import JobRouter
from camunda_core.worker.runtime import JobWorker, WorkerHealth

__all__ = [
    "BpmnError",
    "Complete",
    "Fail",
    "HandBack",
    "Handler",
    "HandlerOptions",
    "Job",
    "JobFailure",
    "JobGuard",
    "JobRouter",
    "JobWorker",
    "Outcome",
    "ThrowError",
    "WorkerHealth",
]
