"""F12-F15, F17: handlers that raise, run too long, hang, or get variables that do not fit.

F16 (a job delivered twice, idempotency guard) is covered by the Django ledger tests
(``tests/djangoapp/test_worker_e2e.py``).
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from devengine_process import EngineProcess
from pydantic import BaseModel
from reliability import (
    Ledger,
    Traffic,
    WorkerThread,
    assert_nothing_lost,
    job_of,
    one_task_process,
    start_instances,
    wait_for,
    worker_settings,
)

from camunda_core import CamundaClient, Job, JobRouter

#: The size of one oversized variable (F17).
PAYLOAD = 3_000_000


def test_f12_a_raising_handler_uses_up_retries_then_one_incident_then_runs_again(
    url: str, camunda: CamundaClient, traffic: Traffic, deploy: Callable[..., str]
) -> None:
    deploy("f12", "work")
    ledger = Ledger()
    healthy = threading.Event()
    router = JobRouter()

    @router.job_worker("work", retry_backoff_ms=200)
    def work(job: Job) -> dict[str, bool]:
        ledger.record(job.key, "start")
        if not healthy.is_set():
            raise RuntimeError("the payment gateway is down")
        ledger.record(job.key)
        return {"paid": True}

    with WorkerThread(router, worker_settings(url)) as running:
        [instance] = start_instances(camunda, "f12", 1)
        assert_nothing_lost(
            camunda, [instance], ledger, worker=running, incidents={instance: "JOB_NO_RETRIES"}
        )
        job = job_of(camunda, instance)
        failures = traffic.of("failJob", job_key=job.job_key)
        assert [(e.request["retries"], e.request["retryBackOff"]) for e in failures] == [
            (2, 200),
            (1, 200),
            (0, 200),
        ]
        assert all(e.status == 204 for e in failures)
        assert "RuntimeError: the payment gateway is down" in failures[0].request["errorMessage"]
        [incident] = camunda.search_incidents({"processInstanceKey": instance}).items
        assert "the payment gateway is down" in (incident.error_message or "")
        assert ledger.times(job.job_key, "start") == 3
        # Operator: give the job retries and resolve the incident; the job runs again.
        healthy.set()
        camunda.update_job(job.job_key, retries=1)
        camunda.resolve_incident(incident.incident_key)
        assert_nothing_lost(camunda, [instance], ledger, worker=running)
        assert running.worker.metrics.count("failed") == 3
    assert ledger.times(job.job_key, "start") == 4
    assert ledger.times(job.job_key) == 1
    assert [e.status for e in traffic.of("completeJob", job_key=job.job_key)] == [204]
    assert camunda.search_incidents({"processInstanceKey": instance, "state": "ACTIVE"}).items == []


def test_f13_a_handler_outliving_the_lock_sees_its_job_offered_again(
    url: str, camunda: CamundaClient, traffic: Traffic, deploy: Callable[..., str]
) -> None:
    """The first run sleeps past the 1 s lock: the job is offered again (here to the same
    worker, which runs it a second time and completes it); the first run's late completion
    finds the job gone (404), which is logged and counted, never a crash."""
    deploy("f13", "work")
    ledger = Ledger()
    both_running: list[int] = []
    second_done = threading.Event()
    router = JobRouter()
    holder: list[WorkerThread] = []

    @router.job_worker("work", timeout_ms=1_000)
    def work(job: Job) -> dict[str, int]:
        ledger.record(job.key, "start")
        run = ledger.times(job.key, "start")
        if run == 1:
            second_done.wait(15)  # outlive the lock until the repeat has finished
        else:
            both_running.append(holder[0].worker.in_flight)
        ledger.record(job.key)
        if run > 1:
            second_done.set()
        return {"run": run}

    with WorkerThread(router, worker_settings(url)) as running:
        holder.append(running)
        [instance] = start_instances(camunda, "f13", 1)
        assert_nothing_lost(camunda, [instance], ledger, worker=running)
        job = job_of(camunda, instance)
        wait_for(lambda: running.worker.metrics.count("gone"), what="the late completion")
        metrics = running.worker.metrics
        in_flight_after = running.worker.in_flight
    assert traffic.activations_of(job.job_key) == 2
    assert ledger.times(job.job_key) == 2  # the repeat shows in the ledger
    assert [e.status for e in traffic.of("completeJob", job_key=job.job_key)] == [204, 404]
    assert metrics.count("completed") == metrics.count("gone") == 1
    assert both_running == [2]  # two runs of one job were in flight, and counted so
    assert in_flight_after == 0
    assert traffic.of("failJob") == []


@pytest.mark.slow
def test_f14_a_heartbeat_keeps_a_long_handler_s_job_locked(
    url: str, camunda: CamundaClient, traffic: Traffic, deploy: Callable[..., str]
) -> None:
    """A 1.5 s lock and a 3.5 s handler: the heartbeat extends the lock before each deadline,
    so the job is never offered again and is completed once."""
    deploy("f14", "work")
    ledger = Ledger()
    router = JobRouter()

    @router.job_worker("work", timeout_ms=1_500, heartbeat=True)
    def work(job: Job) -> None:
        ledger.record(job.key, "start")
        time.sleep(3.5)
        ledger.record(job.key)

    with WorkerThread(router, worker_settings(url)) as running:
        [instance] = start_instances(camunda, "f14", 1)
        assert_nothing_lost(camunda, [instance], ledger, worker=running)
        metrics = running.worker.metrics
    job = job_of(camunda, instance)
    assert traffic.activations_of(job.job_key) == 1  # never re-offered
    assert ledger.times(job.job_key, "start") == ledger.times(job.job_key) == 1
    extensions = traffic.of("updateJob", job_key=job.job_key)
    assert len(extensions) >= 2
    assert {e.status for e in extensions} == {204}
    assert all(e.request == {"changeset": {"timeout": 1_500}} for e in extensions)
    [completion] = traffic.of("completeJob", job_key=job.job_key)
    assert completion.status == 204
    assert all(e.seq < completion.seq for e in extensions)
    assert metrics.count("completed") == 1


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set at teardown: a hung sync handler's thread ends with the test."""
    event = threading.Event()
    yield event
    event.set()


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_f15_a_hung_handler_is_abandoned_and_capacity_never_leaks(
    kind: str,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
    release: threading.Event,
) -> None:
    """One slot (max_jobs_active=1); the first run of one job hangs for good. Its local
    execution deadline fails the job and frees the slot; every job still completes."""
    deploy("f15", "work")
    ledger = Ledger()
    router = JobRouter()
    if kind == "sync":

        @router.job_worker("work", max_jobs_active=1, execution_timeout_ms=500)
        def work(job: Job, hang: bool) -> None:
            ledger.record(job.key, "start")
            if hang and ledger.times(job.key, "start") == 1:
                release.wait(60)  # hangs until the test ends
                return
            ledger.record(job.key)

    else:

        @router.job_worker("work", max_jobs_active=1, execution_timeout_ms=500)
        async def work_async(job: Job, hang: bool) -> None:
            ledger.record(job.key, "start")
            if hang and ledger.times(job.key, "start") == 1:
                await asyncio.sleep(3_600)
            ledger.record(job.key)

    with WorkerThread(router, worker_settings(url)) as running:
        [hung] = start_instances(camunda, "f15", 1, hang=True)
        others = start_instances(camunda, "f15", 4, hang=False)
        assert_nothing_lost(camunda, [hung, *others], ledger, worker=running)
        assert running.worker.in_flight == 0
        metrics = running.worker.metrics
    hung_job = job_of(camunda, hung).job_key
    [failure] = traffic.of("failJob", job_key=hung_job)
    assert "did not finish within its execution timeout of 0.5s" in failure.request["errorMessage"]
    assert failure.request["retries"] == 2
    assert ledger.times(hung_job, "start") == 2
    assert ledger.times(hung_job) == 1
    assert metrics.count("completed") == 5
    assert metrics.count("failed") == 1
    # Never more than the one slot was asked for: the hung run's slot came back.
    assert {e.request["maxJobsToActivate"] for e in traffic.of("activateJobs")} == {1}


class Order(BaseModel):
    order_id: str
    amount: int


def _order_router(ledger: Ledger, **options: object) -> JobRouter:
    router = JobRouter()

    @router.job_worker("charge", **options)  # type: ignore[arg-type]
    def charge(order: Order, job: Job) -> dict[str, str]:
        ledger.record(job.key)
        return {"charged": order.order_id}

    return router


def test_f17_variables_that_do_not_fit_the_model_fail_the_job_naming_the_field(
    url: str, camunda: CamundaClient, traffic: Traffic, deploy: Callable[..., str]
) -> None:
    deploy("f17", "charge", retries=1)
    ledger = Ledger()
    with WorkerThread(_order_router(ledger), worker_settings(url)) as running:
        [bad] = start_instances(camunda, "f17", 1, order_id="A-1", amount="lots")
        [good] = start_instances(camunda, "f17", 1, order_id="A-2", amount=12)
        assert_nothing_lost(
            camunda, [bad, good], ledger, worker=running, incidents={bad: "JOB_NO_RETRIES"}
        )
    [incident] = camunda.search_incidents({"processInstanceKey": bad}).items
    message = incident.error_message or ""
    assert "cannot run: variables do not fit Order (amount:" in message
    assert "valid integer" in message
    assert "lots" not in message  # the input is not echoed
    assert ledger.keys() == [job_of(camunda, good).job_key]


def test_f17_variables_that_do_not_fit_throw_the_configured_bpmn_error(
    url: str, camunda: CamundaClient, traffic: Traffic, deploy: Callable[..., str]
) -> None:
    deploy("f17-error", "charge", error_code="INVALID_ORDER")
    ledger = Ledger()
    router = _order_router(ledger, invalid_variables_error_code="INVALID_ORDER")
    with WorkerThread(router, worker_settings(url)) as running:
        [bad] = start_instances(camunda, "f17-error", 1, order_id="A-3", amount=[1, 2])
        [good] = start_instances(camunda, "f17-error", 1, order_id="A-4", amount=7)
        assert_nothing_lost(camunda, [bad, good], ledger, worker=running)
    job = job_of(camunda, bad)
    [thrown] = traffic.of("throwJobError", job_key=job.job_key)
    assert thrown.request["errorCode"] == "INVALID_ORDER"
    assert "amount" in thrown.request["errorMessage"]
    assert str(job.state.value) == "ERROR_THROWN"
    ended = camunda.search_element_instances({"processInstanceKey": bad, "elementId": "error-end"})
    assert len(ended.items) == 1  # the instance took the error path
    assert traffic.of("failJob") == []
    assert ledger.keys() == [job_of(camunda, good).job_key]


class Note(BaseModel):
    order_id: str
    note: str


def _warm_up(url: str, camunda: CamundaClient) -> None:
    """Run one small job through a worker first: its lazy imports are not the payload's."""
    camunda.create_deployment(("warm.bpmn", one_task_process("warm", "warm")))
    ledger = Ledger()
    router = JobRouter()
    router.add("warm", lambda job: ledger.record(job.key))
    with WorkerThread(router, worker_settings(url)) as running:
        assert_nothing_lost(camunda, start_instances(camunda, "warm", 1), ledger, worker=running)


@pytest.mark.slow
def test_f17_oversized_variables_keep_memory_bounded_and_fail_clearly(tmp_path: Path) -> None:
    """Several MB per job: a job whose huge value does not fit fails with a short message
    naming the field (the value is never echoed); jobs whose huge values fit are handled two
    at a time; the worker goes on. Its memory peaks at a few payloads although five went
    through, and once idle it holds none: nothing of a finished job is kept.

    The engine runs in its own process, so the memory measured is the worker's alone.
    """
    ledger = Ledger()
    router = JobRouter()

    @router.job_worker("charge", max_jobs_active=1)
    def charge(order: Order, job: Job) -> dict[str, str]:
        ledger.record(job.key)
        return {"charged": order.order_id}

    @router.job_worker("annotate", max_jobs_active=2)
    def annotate(note: Note, job: Job) -> dict[str, int]:
        ledger.record(job.key)
        return {"noteLength": len(note.note)}

    with EngineProcess(tmp_path) as engine, CamundaClient(rest_address=engine.url) as camunda:
        _warm_up(engine.url, camunda)
        camunda.create_deployment(("big.bpmn", one_task_process("big", "charge", retries=1)))
        camunda.create_deployment(("note.bpmn", one_task_process("note", "annotate")))
        payload = "x" * PAYLOAD
        [too_big] = start_instances(camunda, "big", 1, order_id="B-1", amount=payload)
        fitting = start_instances(camunda, "note", 4, order_id="B-2", note=payload)
        del payload
        gc.collect()
        tracemalloc.start()
        try:
            with WorkerThread(router, worker_settings(engine.url)) as running:
                expected = {too_big: "JOB_NO_RETRIES"}
                settled = [too_big, *fitting]
                assert_nothing_lost(camunda, settled, ledger, worker=running, incidents=expected)
                gc.collect()  # httpx responses sit in reference cycles until a collection
                idle, peak = tracemalloc.get_traced_memory()
                [small] = start_instances(camunda, "big", 1, order_id="B-3", amount=3)
                assert_nothing_lost(camunda, [small], ledger, worker=running)  # it goes on
        finally:
            tracemalloc.stop()
        [incident] = camunda.search_incidents({"processInstanceKey": too_big}).items
        message = incident.error_message or ""
        assert "variables do not fit Order (amount:" in message
        assert len(message) < 1_000
        lengths = camunda.search_variables({"name": "noteLength"}).items
        assert [v.value for v in lengths] == [str(PAYLOAD)] * 4
    assert peak < 8 * PAYLOAD, f"peak {peak / 1e6:.1f} MB for {PAYLOAD / 1e6:.1f} MB payloads"
    assert idle < PAYLOAD / 2, f"an idle worker holds {idle / 1e6:.1f} MB"
