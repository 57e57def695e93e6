"""Incidents: raised when a step or a job cannot go on, resolved by retrying that step.

A job incident (no retries left, unhandled BPMN error) is resolved by making the job
activatable again, which Zeebe allows only once the job has retries. Any other incident
re-runs the step that failed (``run.retry``: the activation or completion pipeline, or a user
task transition), which raises a new incident if it fails again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.devengine.contract import InvalidState, NotFound
from camunda_core.devengine.records import IncidentRecord, JobRecord
from camunda_core.devengine.runtime import jobs, lifecycle, user_tasks
from camunda_core.devengine.runtime.state import Run, StepFailure

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime, Step

__all__ = ["raise_for_run", "raise_incident", "resolve", "resolve_for_run"]

ACTIVE = "ACTIVE"
RESOLVED = "RESOLVED"


def _retry_steps() -> dict[str, Step]:
    return {
        "activate": lifecycle.activate,
        "complete": lifecycle.complete,
        "task": user_tasks.retry_transition,
    }


def _record(
    rt: Runtime, run: Run, error_type: str, message: str, job: JobRecord | None
) -> IncidentRecord:
    pi = run.inst.record
    return IncidentRecord(
        rt.keys.next(),
        error_type,
        message,
        ACTIVE,
        rt.clock.now(),
        pi.process_instance_key,
        pi.process_definition_key,
        pi.process_definition_id,
        run.element_id,
        run.key,
        pi.tenant_id,
        job_key=job.job_key if job is not None else None,
        root_process_instance_key=pi.root_process_instance_key,
    )


def raise_incident(
    rt: Runtime,
    run: Run,
    error_type: str,
    message: str,
    job: JobRecord | None = None,
    retry: str | None = None,
) -> IncidentRecord:
    """Open an incident on a run (and its job); the instance shows it has one."""
    inst = run.inst
    pi = inst.record
    incident = _record(rt, run, error_type, message, job)
    key = incident.incident_key
    store = rt.store
    store.incidents[key] = incident
    inst.owned.append((store.incidents, key))
    if run.record is not None:
        run.record.has_incident = True
        run.record.incident_key = key
    inst.incidents += 1
    pi.has_incident = True
    if job is not None:
        job.incident_key = key
    else:
        run.incident = key
        run.retry = retry
    return incident


def raise_for_run(rt: Runtime, run: Run, failure: StepFailure, retry: str) -> None:
    """A step of ``run`` failed: open an incident that retries ``retry`` when resolved."""
    raise_incident(rt, run, failure.error_type, failure.message, retry=retry)


def _mark_resolved(rt: Runtime, incident: IncidentRecord) -> None:
    incident.state = RESOLVED
    element = rt.store.element_instances.get(incident.element_instance_key)
    if element is not None and element.incident_key == incident.incident_key:
        element.has_incident = False
        element.incident_key = None
    pi = rt.store.process_instances.get(incident.process_instance_key)
    inst = rt.instances.get(incident.process_instance_key)
    if inst is not None:
        inst.incidents -= 1
        if inst.incidents <= 0 and pi is not None:
            pi.has_incident = False


def resolve(rt: Runtime, incident_key: str) -> None:
    """The resolve command: retry the failed job or step."""
    incident = rt.store.incidents.get(incident_key)
    if incident is None or incident.state != ACTIVE:
        raise NotFound(
            f"Expected to resolve incident with key '{incident_key}', but no such incident "
            "was found"
        )
    job = rt.store.jobs.get(incident.job_key) if incident.job_key else None
    if job is not None and job.retries <= 0 and job.lifecycle == jobs.FAILED:
        raise InvalidState(
            f"Expected to resolve incident with key '{incident_key}', but job with key "
            f"'{job.job_key}' has no retries left: update the job's retries first"
        )
    _mark_resolved(rt, incident)
    if job is not None:
        job.incident_key = None
        if job.lifecycle in (jobs.FAILED, jobs.ERROR_THROWN):
            jobs.make_activatable(rt, job)
        return
    run = rt.runs.get(incident.element_instance_key)
    if run is None or run.incident != incident_key:
        return
    retry, run.retry, run.incident = run.retry, None, None
    if run.record is not None:
        run.record.has_incident = False
    if retry is not None:
        rt.push(_retry_steps()[retry], run)


def resolve_for_run(rt: Runtime, run: Run) -> None:
    """The run is being terminated: its incidents (and its jobs' incidents) are resolved."""
    store = rt.store
    if run.incident is not None:
        incident = store.incidents.get(run.incident)
        if incident is not None and incident.state == ACTIVE:
            _mark_resolved(rt, incident)
        run.incident = None
        run.retry = None
    for kind, key in run.handles or ():
        if kind != "job":
            continue
        job = store.jobs.get(key)
        if job is not None and job.incident_key is not None:
            incident = store.incidents.get(job.incident_key)
            if incident is not None and incident.state == ACTIVE:
                _mark_resolved(rt, incident)
            job.incident_key = None
