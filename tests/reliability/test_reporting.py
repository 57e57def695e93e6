"""F8-F10: the answer to a completion goes wrong; the worker still loses nothing.

A worker in a thread talks to the dev engine over loopback HTTP; fault hooks spoil the
``completeJob`` answers; the engine's records show what really happened.
"""

from __future__ import annotations

from collections.abc import Callable

from reliability import (
    Ledger,
    Traffic,
    WorkerThread,
    assert_nothing_lost,
    job_of,
    start_instances,
    worker_settings,
)

from camunda_core import CamundaClient, Job, JobRouter
from camunda_core.devengine import DevEngine


def _recording_router(ledger: Ledger, **options: object) -> JobRouter:
    router = JobRouter()

    @router.job_worker("work", **options)  # type: ignore[arg-type]
    def work(job: Job) -> dict[str, str]:
        ledger.record(job.key)
        return {"worked": job.key}

    return router


def test_f8_completion_backpressure_is_retried_and_completes_once(
    dev: DevEngine,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
) -> None:
    deploy("f8", "work")
    fault = dev.faults.answer_status("completeJob", 503, times=3)
    ledger = Ledger()
    with WorkerThread(_recording_router(ledger), worker_settings(url)) as running:
        [instance] = start_instances(camunda, "f8", 1)
        assert_nothing_lost(camunda, [instance], ledger, worker=running)
        metrics = running.worker.metrics
    job = job_of(camunda, instance)
    assert fault.hits == 3
    assert [e.status for e in traffic.of("completeJob", job_key=job.job_key)] == [
        503,
        503,
        503,
        204,
    ]
    assert traffic.of("failJob") == []
    assert (str(job.state.value), job.retries) == ("COMPLETED", 3)  # retries untouched
    assert ledger.times(job.job_key) == 1
    assert metrics.count("completed") == 1
    assert metrics.count("failed") == metrics.count("report_failed") == 0


def test_f9_a_lost_completion_answer_then_404_counts_as_done(
    dev: DevEngine,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
) -> None:
    deploy("f9", "work")
    fault = dev.faults.lose_response("completeJob", times=1)
    ledger = Ledger()
    with WorkerThread(_recording_router(ledger), worker_settings(url)) as running:
        [instance] = start_instances(camunda, "f9", 1)
        assert_nothing_lost(camunda, [instance], ledger, worker=running)
        metrics = running.worker.metrics
    job = job_of(camunda, instance)
    assert fault.hits == 1
    # The completion took effect but its answer was lost; the client's retry found it gone.
    answers = traffic.of("completeJob", job_key=job.job_key)
    assert [(e.status, e.action) for e in answers] == [(204, "drop"), (404, "send")]
    assert traffic.of("failJob") == []
    assert (str(job.state.value), job.retries) == ("COMPLETED", 3)  # no retry used
    assert ledger.times(job.job_key) == 1
    assert metrics.count("gone") == 1
    assert metrics.count("completed") == metrics.count("failed") == 0


def test_f10_a_conflicting_completion_is_not_retried_and_the_job_comes_back(
    dev: DevEngine,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
) -> None:
    """409 is final: no resend. The job (still locked) is offered again after its timeout."""
    deploy("f10", "work")
    fault = dev.faults.answer_status("completeJob", 409, times=1, title="INVALID_STATE")
    ledger = Ledger()
    router = _recording_router(ledger, timeout_ms=1_000)
    with WorkerThread(router, worker_settings(url)) as running:
        [instance] = start_instances(camunda, "f10", 1)
        assert_nothing_lost(camunda, [instance], ledger, worker=running)
        metrics = running.worker.metrics
    job = job_of(camunda, instance)
    assert fault.hits == 1
    completions = traffic.of("completeJob", job_key=job.job_key)
    assert [e.status for e in completions] == [409, 204]
    # Not retried: between the 409 and the next completion the job was activated again.
    assert traffic.activations_of(job.job_key) == 2
    reactivation = [e for e in traffic.of("activateJobs") if job.job_key in e.jobs][1]
    assert completions[0].seq < reactivation.seq < completions[1].seq
    assert traffic.of("failJob") == []
    assert ledger.times(job.job_key) == 2  # at least once: the repeat is visible
    assert metrics.count("conflict") == 1
    assert metrics.count("completed") == 1


def test_f10_a_job_failed_meanwhile_gets_409_and_stays_in_its_incident(
    dev: DevEngine,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
) -> None:
    """While the handler runs, someone fails the job with no retries (an incident); the
    worker's completion is refused with 409 and logged; retrying the incident runs it again."""
    deploy("f10b", "work")
    ledger = Ledger()
    router = JobRouter()
    operator = dev.client()

    @router.job_worker("work")
    def work(job: Job) -> None:
        if ledger.times(job.key, "start") == 0:
            operator.fail_job(job.key, retries=0, error_message="failed by an operator")
        ledger.record(job.key, "start")
        ledger.record(job.key)

    with operator, WorkerThread(router, worker_settings(url)) as running:
        [instance] = start_instances(camunda, "f10b", 1)
        assert_nothing_lost(
            camunda, [instance], ledger, worker=running, incidents={instance: "JOB_NO_RETRIES"}
        )
        job = job_of(camunda, instance)
        assert [e.status for e in traffic.of("completeJob", job_key=job.job_key)] == [409]
        assert running.worker.metrics.count("conflict") == 1
        # The worker went on: the operator's retry runs the job again, and it completes.
        camunda.update_job(job.job_key, retries=1)
        [incident] = camunda.search_incidents({"processInstanceKey": instance}).items
        camunda.resolve_incident(incident.incident_key)
        assert_nothing_lost(camunda, [instance], ledger, worker=running)
    assert ledger.times(job.job_key) == 2
    assert [e.status for e in traffic.of("completeJob", job_key=job.job_key)] == [409, 204]
