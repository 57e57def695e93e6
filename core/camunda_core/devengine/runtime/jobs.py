"""Jobs: creation, activation (with long-poll serving), completion, failure, BPMN errors,
updates, deadlines and retry back-offs.

The REST ``state`` of a job has no "activated"; ``JobRecord.lifecycle`` is the runtime's own
state. As in Zeebe, complete/fail/throw accept a job that is ACTIVATABLE or ACTIVATED; a job
that is gone (completed, canceled) is NOT_FOUND, one that failed or threw is INVALID_STATE.
"""

from __future__ import annotations

import contextlib
import operator
from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from camunda_core.devengine.contract import ActivatedJob, InvalidArgument, InvalidState, NotFound
from camunda_core.devengine.records import JobRecord
from camunda_core.devengine.runtime import job_dispatch, variables

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = [
    "activate_batch",
    "cancel",
    "complete",
    "copy_job",
    "create",
    "fail",
    "live_job",
    "make_activatable",
    "on_backoff",
    "on_deadline",
    "update",
]

ACTIVATABLE = "ACTIVATABLE"
ACTIVATED = "ACTIVATED"
FAILED = "FAILED"
ERROR_THROWN = "ERROR_THROWN"
COMPLETED = "COMPLETED"
CANCELED = "CANCELED"
_GONE = (COMPLETED, CANCELED)
_WORKABLE = (ACTIVATABLE, ACTIVATED)

_JOB_FIELDS = operator.attrgetter(*(field.name for field in fields(JobRecord)))


def copy_job(job: JobRecord) -> JobRecord:
    """A snapshot of a job record (later changes of the live record do not show)."""
    copy = JobRecord(*_JOB_FIELDS(job))
    copy.custom_headers = dict(job.custom_headers)
    copy.tags = list(job.tags)
    return copy


def create(
    rt: Runtime,
    run: Run,
    job_type: str,
    retries: int,
    headers: dict[str, str],
    kind: str,
    event_type: str,
    user_task_key: str | None = None,
) -> JobRecord:
    """Create an activatable job for a run; the run holds it until it ends."""
    key = rt.keys.next()
    inst = run.inst
    pi = inst.record
    now = rt.clock.now()
    job = JobRecord(
        key,
        job_type,
        kind,
        event_type,
        "CREATED",
        retries,
        pi.process_instance_key,
        pi.process_definition_key,
        pi.process_definition_id,
        pi.process_definition_version,
        run.element_id,
        run.key,
        pi.tenant_id,
        now,
        custom_headers=headers,
        last_update_time=now,
        root_process_instance_key=pi.root_process_instance_key,
        tags=pi.tags,
        user_task_key=user_task_key,
    )
    jobs = rt.store.jobs
    jobs[key] = job
    inst.owned.append((jobs, key))
    run.add_handle("job", key)
    make_activatable(rt, job)
    return job


def make_activatable(rt: Runtime, job: JobRecord) -> None:
    """Let workers activate the job (again); waiting long polls of its type get served."""
    job.activatable = True
    job.lifecycle = ACTIVATABLE
    job.deadline = None
    job.retry_at = None
    rt.job_queue.add(job)
    rt.touched_types.add(job.type)


def _stop_activation(rt: Runtime, job: JobRecord) -> None:
    if job.activatable:
        job.activatable = False
        rt.job_queue.discard(job)
    if job.deadline_task is not None:
        rt.timeline.cancel(job.deadline_task)
        job.deadline_task = None


def activate_batch(
    rt: Runtime,
    job_type: str,
    worker: str,
    timeout_ms: int,
    max_jobs: int,
    fetch: frozenset[str] | None,
    tenants: frozenset[str] | None,
) -> list[ActivatedJob]:
    """Activate up to ``max_jobs`` queued jobs of a type, oldest first."""
    accept = None if tenants is None else (lambda job: job.tenant_id in tenants)
    taken = rt.job_queue.take(job_type, max_jobs, accept)
    if not taken:
        return []
    now = rt.clock.now()
    deadline = now + timeout_ms
    timeline = rt.timeline
    result: list[ActivatedJob] = []
    for job in taken:
        job.activatable = False
        job.lifecycle = ACTIVATED
        job.worker = worker
        job.deadline = deadline
        job.last_update_time = now
        job.deadline_task = timeline.add(deadline, "job_deadline", job.job_key)
        result.append(snapshot(rt, job, fetch))
    return result


def snapshot(rt: Runtime, job: JobRecord, fetch: frozenset[str] | None) -> ActivatedJob:
    """What a worker receives: a copy of the job and its visible (or fetched) variables."""
    run = rt.runs.get(job.element_instance_key)
    values = variables.view(rt, run).to_dict(fetch) if run is not None else {}
    if job.user_task_key is None:
        return ActivatedJob(copy_job(job), values)
    return job_dispatch.listener_snapshot(rt, job, copy_job(job), values)


def live_job(rt: Runtime, job_key: str, action: str) -> JobRecord:
    """The job a command is about; NotFound / InvalidState as Zeebe rejects them."""
    job = rt.store.jobs.get(job_key)
    if job is None or job.lifecycle in _GONE:
        raise NotFound(f"Expected to {action} job with key '{job_key}', but no such job was found")
    if job.lifecycle not in _WORKABLE:
        raise InvalidState(
            f"Expected to {action} job with key '{job_key}', but it is in state '{job.lifecycle}'"
        )
    return job


def _end(rt: Runtime, job: JobRecord, state: str, lifecycle: str) -> None:
    _stop_activation(rt, job)
    now = rt.clock.now()
    job.state = state
    job.lifecycle = lifecycle
    job.end_time = now
    job.last_update_time = now
    run = rt.runs.get(job.element_instance_key)
    if run is not None and run.handles:
        with contextlib.suppress(ValueError):
            run.handles.remove(("job", job.job_key))


def complete(
    rt: Runtime, job_key: str, values: dict[str, str], result: dict[str, Any] | None
) -> None:
    """Complete a job and continue its element (or listener transition)."""
    job = live_job(rt, job_key, "complete")
    job_dispatch.check_completion(job, values, result)
    _end(rt, job, COMPLETED, COMPLETED)
    job_dispatch.completed(rt, job, values, result)


def fail(
    rt: Runtime,
    job_key: str,
    retries: int,
    error_message: str | None,
    backoff_ms: int,
    values: dict[str, str],
) -> None:
    """Fail a job: retry (after the back-off) while retries are left, else an incident."""
    job = live_job(rt, job_key, "fail")
    _stop_activation(rt, job)
    now = rt.clock.now()
    job.retries = retries
    job.error_message = error_message or ""
    job.state = FAILED
    job.last_update_time = now
    job.deadline = None
    run = rt.runs.get(job.element_instance_key)
    if values and run is not None:
        variables.set_all_local(rt, run, values)
    if retries > 0:
        job.has_failed_with_retries_left = True
        if backoff_ms > 0:
            job.lifecycle = FAILED
            job.retry_at = now + backoff_ms
            rt.timeline.add(job.retry_at, "job_backoff", job.job_key)
        else:
            make_activatable(rt, job)
        return
    job.lifecycle = FAILED
    if run is not None:
        job_dispatch.no_retries_left(rt, run, job)


def throw_error(
    rt: Runtime, job_key: str, code: str, message: str | None, values: dict[str, str]
) -> None:
    """Throw a BPMN error for the job's element; an incident when nothing catches it."""
    job = live_job(rt, job_key, "throw an error for")
    job_dispatch.check_error_allowed(job)
    _stop_activation(rt, job)
    job.state = ERROR_THROWN
    job.lifecycle = ERROR_THROWN
    job.error_code = code
    job.error_message = message
    job.last_update_time = rt.clock.now()
    job.deadline = None
    run = rt.runs.get(job.element_instance_key)
    if run is not None:
        job_dispatch.error_thrown(rt, run, job, code, message, values)


def update(rt: Runtime, job_key: str, retries: int | None, timeout_ms: int | None) -> None:
    """Change a job's retries and/or extend an activated job's deadline from now."""
    job = rt.store.jobs.get(job_key)
    if job is None or job.lifecycle in _GONE:
        raise NotFound(f"Expected to update job with key '{job_key}', but no such job was found")
    if retries is not None and retries < 1:
        raise InvalidArgument(
            f"Expected to update job with key '{job_key}' with a positive amount of retries, "
            f"but the amount given was '{retries}'"
        )
    if timeout_ms is not None and job.lifecycle != ACTIVATED:
        raise InvalidState(
            f"Expected to update the timeout of job with key '{job_key}', but it is not active"
        )
    now = rt.clock.now()
    if retries is not None:
        job.retries = retries
        job.state = "RETRIES_UPDATED"
    if timeout_ms is not None:
        rt.timeline.cancel(job.deadline_task)
        job.deadline = now + timeout_ms
        job.deadline_task = rt.timeline.add(job.deadline, "job_deadline", job.job_key)
    job.last_update_time = now


def on_deadline(rt: Runtime, job_key: str) -> None:
    """An activated job's deadline passed: it times out and becomes activatable again."""
    job = rt.store.jobs.get(job_key)
    if job is None or job.lifecycle != ACTIVATED:
        return
    job.deadline_task = None
    job.state = "TIMED_OUT"
    job.last_update_time = rt.clock.now()
    make_activatable(rt, job)


def give_back(rt: Runtime, activations: Sequence[tuple[str, int]]) -> None:
    """Activated jobs whose activation answer never reached the worker become activatable
    again at once, retries untouched (Zeebe's job yield). A job counts only while it is
    still in that activation (same deadline): a later activation is left alone."""
    for job_key, deadline in activations:
        job = rt.store.jobs.get(job_key)
        if job is None or job.lifecycle != ACTIVATED or job.deadline != deadline:
            continue
        _stop_activation(rt, job)
        job.worker = ""
        job.last_update_time = rt.clock.now()
        make_activatable(rt, job)


def on_backoff(rt: Runtime, job_key: str) -> None:
    """A failed job's retry back-off ended."""
    job = rt.store.jobs.get(job_key)
    if job is None or job.lifecycle != FAILED or job.retries <= 0 or job.incident_key:
        return
    make_activatable(rt, job)


def cancel(rt: Runtime, job_key: str) -> None:
    """The job's element ended: the job is canceled (no longer workable)."""
    job = rt.store.jobs.get(job_key)
    if job is None or job.lifecycle in _GONE:
        return
    state = job.state if job.lifecycle == ERROR_THROWN else CANCELED
    _end(rt, job, state, CANCELED)
