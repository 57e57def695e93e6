"""What a job's outcome means for the process: one place per job kind.

A BPMN_ELEMENT job continues its element, an EXECUTION_LISTENER job the element's lifecycle,
a TASK_LISTENER job the user task transition it belongs to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda_core.devengine.contract import ActivatedJob, InvalidArgument, InvalidState
from camunda_core.devengine.records import JobRecord
from camunda_core.devengine.runtime import (
    incidents,
    lifecycle,
    listeners,
    mappings,
    throwing,
    user_tasks,
)
from camunda_core.devengine.runtime.names import (
    EXECUTION_LISTENER,
    EXECUTION_LISTENER_NO_RETRIES,
    JOB_NO_RETRIES,
    TASK_LISTENER,
    TASK_LISTENER_NO_RETRIES,
    UNHANDLED_ERROR_EVENT,
)

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = [
    "check_completion",
    "check_error_allowed",
    "completed",
    "error_thrown",
    "listener_snapshot",
    "no_retries_left",
]

_NO_RETRIES = {
    EXECUTION_LISTENER: EXECUTION_LISTENER_NO_RETRIES,
    TASK_LISTENER: TASK_LISTENER_NO_RETRIES,
}


def check_completion(job: JobRecord, values: dict[str, str], result: dict[str, Any] | None) -> None:
    """Refuse completions Zeebe refuses (variables or a non-task result for listeners)."""
    if job.kind == TASK_LISTENER and values:
        raise InvalidArgument(
            f"Expected to complete task listener job with key '{job.job_key}', but variables "
            "were provided: task listener jobs cannot be completed with variables"
        )
    if result is not None and job.kind != TASK_LISTENER and result.get("type") == "userTask":
        raise InvalidArgument(
            f"Expected to complete job with key '{job.job_key}' with a user task result, but "
            "it is not a task listener job"
        )
    if job.kind == TASK_LISTENER:
        user_tasks.check_listener_result(job, result)


def check_error_allowed(job: JobRecord) -> None:
    """Listener jobs cannot throw BPMN errors."""
    if job.kind in (EXECUTION_LISTENER, TASK_LISTENER):
        raise InvalidState(
            f"Expected to throw an error for job with key '{job.job_key}', but throwing BPMN "
            f"errors is not supported for {job.kind} jobs"
        )


def completed(
    rt: Runtime, job: JobRecord, values: dict[str, str], result: dict[str, Any] | None
) -> None:
    """Continue whatever the completed job was blocking."""
    run = rt.runs.get(job.element_instance_key)
    if run is None:
        return
    if job.kind == EXECUTION_LISTENER:
        listeners.completed(rt, run, job, values)
    elif job.kind == TASK_LISTENER:
        user_tasks.listener_completed(rt, run, job, result)
    else:
        mappings.deliver_result(rt, run, values)
        lifecycle.complete(rt, run)


def no_retries_left(rt: Runtime, run: Run, job: JobRecord) -> None:
    """A job failed with no retries left: an incident of the kind's type."""
    error_type = _NO_RETRIES.get(job.kind, JOB_NO_RETRIES)
    incidents.raise_incident(rt, run, error_type, job.error_message or "No more retries left.", job)


def error_thrown(
    rt: Runtime, run: Run, job: JobRecord, code: str, message: str | None, values: dict[str, str]
) -> None:
    """Throw the job's BPMN error from its element, or raise UNHANDLED_ERROR_EVENT."""
    if throwing.throw_error(rt, run, code, message, values):
        job.lifecycle = "CANCELED"  # caught: the job is gone, its element is left
        return
    incidents.raise_incident(
        rt,
        run,
        UNHANDLED_ERROR_EVENT,
        throwing.unhandled_message(code, message),
        job,
    )


def listener_snapshot(
    rt: Runtime, job: JobRecord, copy: JobRecord, values: dict[str, Any]
) -> ActivatedJob:
    """The activated form of a task listener job (with the user task as it stands)."""
    return user_tasks.listener_snapshot(rt, job, copy, values)
