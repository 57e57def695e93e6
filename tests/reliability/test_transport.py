"""F1, F4-F7, F11: the engine is unreachable, stops answering, answers late or refuses.

Workers run in a thread of the test and talk to the dev engine over loopback HTTP, through
``RecordingTransport`` where the test counts the worker's own requests. Request counts are
bounded with ``max_polls`` (the most attempts a capped, jittered back-off allows in a
window; a tight loop would make hundreds times more), never timed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from reliability import (
    FAST,
    Ledger,
    RecordingTransport,
    Traffic,
    WorkerThread,
    assert_nothing_lost,
    free_port,
    max_polls,
    start_instances,
    wait_for,
    worker_settings,
)

from camunda_core import CamundaClient, Job, JobRouter, JobWorker, load_settings
from camunda_core.client import AsyncCamundaClient
from camunda_core.devengine import DevEngine
from camunda_core.errors import ConfigurationError
from camunda_core.worker.options import HandlerOptions, ResolvedOptions

ATTEMPTS = FAST["sdk_http_retry_max_attempts"]  # client-level tries per activation
CAP = FAST["worker_poll_backoff_max_ms"] / 1000


def _router(ledger: Ledger, **options: object) -> JobRouter:
    router = JobRouter()

    @router.job_worker("work", **options)  # type: ignore[arg-type]
    def work(job: Job) -> dict[str, bool]:
        ledger.record(job.key)
        return {"worked": True}

    return router


@pytest.mark.slow
def test_f1_engine_unreachable_at_start_backs_off_then_works(
    dev: DevEngine, traffic: Traffic, camunda: CamundaClient, deploy: Callable[..., str]
) -> None:
    """Nothing listens on the port at first; the engine comes up there later."""
    port = free_port()
    deploy("f1", "work")
    instances = start_instances(camunda, "f1", 3)  # waiting in the engine, not reachable yet
    ledger = Ledger()
    transport = RecordingTransport()
    settings = worker_settings(f"http://127.0.0.1:{port}/v2")
    with WorkerThread(_router(ledger), settings, transport=transport) as running:
        began = time.monotonic()
        errors = lambda: running.worker.metrics.activations[("work", "error")]  # noqa: E731
        wait_for(errors, lambda n: n >= 4, what="activation errors while the engine is down")
        time.sleep(2.0)  # the outage goes on
        refused = list(transport.of("activateJobs"))
        outage = time.monotonic() - began
        assert refused
        assert {s.error for s in refused} == {"ConnectError"}
        assert "ConnectError" in (running.worker.health().last_error["work"] or "")
        # Backed off: a bounded number of connection attempts in the outage, never a tight loop.
        assert len(refused) <= max_polls(outage, CAP) * ATTEMPTS, (len(refused), outage)
        with dev.serve(port=port):
            assert_nothing_lost(camunda, instances, ledger, worker=running)
            assert running.worker.health().healthy
            after = transport.of("activateJobs")[len(refused) :]
    # Once the engine answered, every later activation got an answer.
    first = next(i for i, s in enumerate(after) if s.status == 200)
    assert all(s.status == 200 for s in after[first:])
    assert sorted(ledger.keys()) == sorted(traffic.activated())


@pytest.mark.slow
def test_f4_half_open_activation_times_out_and_polling_resumes(
    dev: DevEngine,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
) -> None:
    """An activation never answered: the read timeout (long poll + margin, capped by the
    HTTP timeout) fires, and the next activation gets the jobs."""
    deploy("f4", "work")
    ledger = Ledger()
    transport = RecordingTransport()
    with WorkerThread(_router(ledger), worker_settings(url), transport=transport) as running:
        running.assert_polling()
        fault = dev.faults.hang("activateJobs", times=1)
        wait_for(lambda: fault.hits, what="an activation to hang")
        instances = start_instances(camunda, "f4", 2)  # created while the worker's read hangs
        assert_nothing_lost(camunda, instances, ledger, worker=running)
    sent = transport.of("activateJobs")
    timed_out = [i for i, s in enumerate(sent) if s.error == "ReadTimeout"]
    assert len(timed_out) == 1
    assert any(s.status == 200 for s in sent[timed_out[0] + 1 :])  # polling resumed
    assert sorted(ledger.keys()) == sorted(
        job.job_key
        for i in instances
        for job in camunda.search_jobs({"processInstanceKey": i}).items
    )


def test_f5_http_timeout_at_or_below_the_long_poll_is_refused_at_configuration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    router = JobRouter()

    @router.job_worker("work", request_timeout_ms=3_000)
    def work() -> None:
        return None

    settings = load_settings(http_timeout_ms=3_000, worker_request_timeout_ms=500)
    for long_poll in (3_000, 4_000):  # at and above the HTTP timeout
        with pytest.raises(ValueError, match="must be below CAMUNDA_HTTP_TIMEOUT_MS") as caught:
            ResolvedOptions.resolve(HandlerOptions(request_timeout_ms=long_poll), settings, None)
        assert f"request_timeout_ms ({long_poll})" in str(caught.value)
        assert "(3000)" in str(caught.value)
    with pytest.raises(ValueError, match=r"request_timeout_ms \(3000\) must be below"):
        JobWorker(router, settings=settings)
    assert ResolvedOptions.resolve(HandlerOptions(request_timeout_ms=2_999), settings, None)
    # Worker settings from the environment are checked before any worker or client exists.
    monkeypatch.setenv("CAMUNDA_HTTP_TIMEOUT_MS", "20000")
    monkeypatch.setenv("CAMUNDA_WORKER_REQUEST_TIMEOUT_MS", "20000")
    with pytest.raises(ConfigurationError) as refused:
        AsyncCamundaClient()
    assert "CAMUNDA_HTTP_TIMEOUT_MS (20000) must be greater than" in str(refused.value)
    assert "Raise CAMUNDA_HTTP_TIMEOUT_MS or lower CAMUNDA_WORKER_REQUEST_TIMEOUT_MS" in str(
        refused.value
    )


@pytest.mark.slow
def test_f6_slow_completion_answers_keep_concurrency_bounded(
    dev: DevEngine,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
) -> None:
    """Every completion is answered 2 s late: the worker holds at most max_jobs_active jobs,
    never asks for more, and nothing fails."""
    deploy("f6", "work")
    dev.faults.delay("completeJob", 2.0)
    ledger = Ledger()
    transport = RecordingTransport()
    router = _router(ledger, max_jobs_active=4)
    with WorkerThread(router, worker_settings(url), transport=transport) as running:
        instances = start_instances(camunda, "f6", 9)
        assert_nothing_lost(camunda, instances, ledger, worker=running)
        metrics = running.worker.metrics
        threads = running.worker.threads
    assert transport.max_held == 4  # the capacity was used, and never exceeded
    assert all(s.max_jobs is not None and s.max_jobs <= 4 for s in transport.of("activateJobs"))
    assert threads == 4
    keys = ledger.keys()
    assert len(keys) == 9
    assert all(ledger.times(key) == 1 for key in keys)
    assert [e.status for e in traffic.of("completeJob")] == [204] * 9  # no resend, no timeout
    assert traffic.of("failJob") == []
    assert metrics.count("completed") == 9
    assert metrics.count("failed") == metrics.count("report_failed") == 0


@pytest.mark.slow
def test_f7_backpressure_on_activation_slows_it_and_fails_no_job(
    dev: DevEngine,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
) -> None:
    deploy("f7", "work")
    ledger = Ledger()
    with WorkerThread(_router(ledger), worker_settings(url)) as running:
        running.assert_polling()
        opened = traffic.mark("backpressure")
        began = time.monotonic()
        busy = dev.faults.answer_status("activateJobs", 503, times=None)
        wait_for(lambda: busy.hits, what="a refused activation")
        instances = start_instances(camunda, "f7", 3)  # wait while activation is refused
        time.sleep(1.5)
        limited = dev.faults.answer_status("activateJobs", 429, times=None)  # applies next
        dev.faults.remove(busy.id)
        time.sleep(1.5)
        dev.faults.remove(limited.id)
        window = time.monotonic() - began
        closed = traffic.mark("recovered")
        answers = [e for e in traffic.of("activateJobs", since=opened) if e.seq < closed]
        refused = [e for e in answers if e.injected]
        assert {e.status for e in refused} == {503, 429}
        assert len(answers) - len(refused) <= 1  # the long poll open when the window began
        assert busy.hits >= 1
        assert limited.hits >= 1
        assert len(refused) <= max_polls(window, CAP) * ATTEMPTS, (len(refused), window)
        assert ledger.keys() == []  # nothing was activated while refused
        assert_nothing_lost(camunda, instances, ledger, worker=running)
        metrics = running.worker.metrics
    assert metrics.activations[("work", "backpressure")] >= 1
    assert traffic.of("failJob") == []
    assert metrics.count("failed") == 0
    assert metrics.count("completed") == 3


@pytest.mark.slow
def test_f11_repeated_5xx_on_activation_backs_off_and_never_gives_up(
    dev: DevEngine,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
) -> None:
    deploy("f11", "work")
    ledger = Ledger()
    transport = RecordingTransport()
    with WorkerThread(_router(ledger), worker_settings(url), transport=transport) as running:
        running.assert_polling()
        opened = traffic.mark("errors")
        began = time.monotonic()
        faults = []
        for status in (500, 502, 504):
            faults.append(dev.faults.answer_status("activateJobs", status, times=None))
            if len(faults) > 1:
                dev.faults.remove(faults[-2].id)  # the next status takes over seamlessly
            wait_for(
                lambda: running.worker.health().last_error["work"] or "",
                lambda error, status=status: f"failed with {status}" in error,  # type: ignore[misc]
                what=f"the worker to see a {status}",
            )
            assert not running.worker.health().healthy
            time.sleep(1.0)
        dev.faults.remove(faults[-1].id)
        window = time.monotonic() - began
        closed = traffic.mark("recovered")
        answers = [e for e in traffic.of("activateJobs", since=opened) if e.seq < closed]
        refused = [e for e in answers if e.injected]
        hits = sum(fault.hits for fault in faults)
        assert {e.status for e in refused} == {500, 502, 504}
        assert len(answers) - len(refused) <= 1  # the long poll open when the window began
        # 5xx are not retried by the client: each is one attempt of the poller's back-off.
        assert len(refused) == hits <= max_polls(window, CAP), (hits, window)
        instances = start_instances(camunda, "f11", 2)
        assert_nothing_lost(camunda, instances, ledger, worker=running)
        assert running.worker.health().healthy
        errors = running.worker.metrics.activations[("work", "error")]
    assert errors == hits
