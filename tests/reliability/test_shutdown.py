"""F23-F25: stopping a worker by signal, killing it, and starting and stopping it often.

F23 and F24 send real signals to real worker processes (``worker_process.py``) that talk
to the in-process dev engine over loopback HTTP; their handlers write a ledger file.
F26-F28 (Celery) are covered by the Celery executor's tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability import (
    FileLedger,
    Ledger,
    Traffic,
    WorkerProcess,
    WorkerThread,
    assert_nothing_lost,
    job_of,
    open_long_polls,
    start_instances,
    wait_for,
    worker_settings,
)

from camunda_core import CamundaClient, Job, JobRouter, JobWorker
from camunda_core.devengine import DevEngine

pytestmark = pytest.mark.slow


def _successor(ledger: FileLedger) -> JobRouter:
    """The handler of the worker that takes over (in the test process, same ledger)."""
    router = JobRouter()

    @router.job_worker("work")
    def work(job: Job) -> dict[str, str]:
        ledger.record(job.key, "start", "successor")
        ledger.record(job.key, "done", "successor")
        return {"handledBy": "successor"}

    return router


def test_f23_sigterm_finishes_in_flight_jobs_hands_back_the_rest_and_exits_0(
    tmp_path: Path,
    dev: DevEngine,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
) -> None:
    """Three jobs activated, one thread: the first runs, two wait for the thread, and a long
    poll is open for the fourth free slot. SIGTERM: no new activation, the running job
    finishes within the grace period, the two unstarted ones are handed back at once
    (failed with unchanged retries and no back-off), exit 0."""
    deploy("f23", "work")
    ledger = FileLedger(tmp_path / "ledger.txt")
    instances = start_instances(camunda, "f23", 3)
    stopping = WorkerProcess(
        tmp_path,
        url,
        ledger,
        "stopping",
        sleep=1.5,
        threads=1,
        max_jobs_active=4,
        grace_ms=20_000,
        request_timeout_ms=2_000,
        http_timeout_ms=5_000,
    )
    with stopping:
        wait_for(lambda: ledger.keys("start"), what="the first handler to start", timeout=30)
        assert len(traffic.activated(worker="stopping")) == 3
        wait_for(lambda: open_long_polls(dev, "stopping") == 1, what="a long poll open")
        signalled = traffic.mark("SIGTERM")
        stopping.signal(signal.SIGTERM)
        wait_for(lambda: open_long_polls(dev, "stopping") == 0, what="the long poll given up")
        [late] = start_instances(camunda, "f23", 1)  # no new activation may take it
        assert stopping.wait(30) == 0, stopping.output()
    [started] = ledger.keys("start")
    assert ledger.keys("done") == [started]  # finished within the grace period
    instance_of = {job_of(camunda, key).job_key: key for key in instances}
    unstarted = [key for key in instance_of if key != started]
    # No activation request after the signal: the late job went to no one but the successor.
    # Only the long poll open at the signal may still answer, and only with a job handed
    # back meanwhile: the engine can serve it before it notices the poll was given up. That
    # answer is never read, and the engine gives its job back at once (job yield; see
    # tests/devengine/api/test_undelivered_answers.py).
    answered = [e for e in traffic.of("activateJobs", since=signalled) if e.worker == "stopping"]
    assert len(answered) <= 1
    assert set(traffic.activated(worker="stopping", since=signalled)) <= set(unstarted)
    for key in unstarted:
        [handed_back] = traffic.of("failJob", job_key=key)
        assert handed_back.status == 204
        assert (handed_back.request["retries"], handed_back.request["retryBackOff"]) == (3, 0)
    assert [e.status for e in traffic.of("completeJob", job_key=started)] == [204]
    with WorkerThread(_successor(ledger), worker_settings(url)) as successor:
        assert_nothing_lost(camunda, [*instances, late], ledger, worker=successor)
    assert sorted(ledger.keys("done", worker="successor")) == sorted(
        [*unstarted, job_of(camunda, late).job_key]
    )
    for key in unstarted:
        assert job_of(camunda, instance_of[key]).retries == 3  # the hand-back used no retry


def test_f23_a_second_sigterm_stops_at_once_and_hands_back(
    tmp_path: Path,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
) -> None:
    """With a 60 s handler and a 60 s grace period, a second signal ends the wait: the
    job is handed back and the process exits 0 long before either would end."""
    deploy("f23b", "work")
    ledger = FileLedger(tmp_path / "ledger.txt")
    [instance] = start_instances(camunda, "f23b", 1)
    stopping = WorkerProcess(tmp_path, url, ledger, "stopping", sleep=60, grace_ms=60_000)
    with stopping:
        [key] = wait_for(lambda: ledger.keys("start"), what="the handler to start", timeout=30)
        stopping.signal(signal.SIGTERM)
        wait_for(lambda: "stopping; in-flight jobs get 60s" in stopping.output(), what="the stop")
        stopping.signal(signal.SIGTERM)
        assert stopping.wait(20) == 0, stopping.output()
    assert ledger.keys("done") == []
    [handed_back] = traffic.of("failJob", job_key=key)
    assert (handed_back.request["retries"], handed_back.request["retryBackOff"]) == (3, 0)
    with WorkerThread(_successor(ledger), worker_settings(url)) as successor:
        assert_nothing_lost(camunda, [instance], ledger, worker=successor)
    assert ledger.keys("done", worker="successor") == [key]


def test_f24_jobs_of_a_killed_worker_complete_via_another_after_their_timeout(
    tmp_path: Path,
    url: str,
    camunda: CamundaClient,
    traffic: Traffic,
    deploy: Callable[..., str],
) -> None:
    deploy("f24", "work")
    ledger = FileLedger(tmp_path / "ledger.txt")
    instances = start_instances(camunda, "f24", 3)
    killed = WorkerProcess(tmp_path, url, ledger, "killed", sleep=30, timeout_ms=1_500)
    with killed:
        wait_for(lambda: ledger.keys("start"), lambda k: len(k) == 3, what="three handlers running")
        killed.signal(signal.SIGKILL)
        assert killed.wait(10) == -signal.SIGKILL
    in_flight = ledger.keys("start")
    assert ledger.keys("done") == []
    assert traffic.of("failJob") == []
    assert traffic.of("completeJob") == []
    successor = WorkerProcess(tmp_path, url, ledger, "successor")
    with successor:
        assert_nothing_lost(
            camunda, instances, ledger, polling=lambda: successor.assert_polling(traffic)
        )
    assert sorted(ledger.keys("done", worker="successor")) == sorted(in_flight)
    for instance in instances:
        job = job_of(camunda, instance)
        assert traffic.activated(worker="successor").count(job.job_key) == 1
        assert (str(job.state.value), job.retries) == ("COMPLETED", 3)
    assert camunda.search_incidents({"state": "ACTIVE"}).items == []


def _resources() -> tuple[int, int, int]:
    """Threads, asyncio tasks and file descriptors of this process now."""
    tasks = len(asyncio.all_tasks())
    return threading.active_count(), tasks, len(os.listdir("/proc/self/fd"))


async def test_f25_many_start_stop_cycles_leak_no_threads_tasks_or_descriptors(
    url: str, camunda: CamundaClient, deploy: Callable[..., str]
) -> None:
    """Twenty workers, one after another on one event loop, each working one job; every
    other one is stopped by cancelling its ``run()`` task (as an application shutting down
    its loop does) instead of ``stop()``. Nothing is left behind, nothing fails unseen."""
    deploy("f25", "work")
    ledger = Ledger()
    router = JobRouter()
    unretrieved: list[str] = []
    asyncio.get_running_loop().set_exception_handler(
        lambda loop, context: unretrieved.append(str(context.get("message")))
    )

    @router.job_worker("work")
    def work(job: Job) -> None:
        ledger.record(job.key)

    async def cycle(cancel: bool) -> None:
        worker = JobWorker(router, settings=worker_settings(url))
        running = asyncio.ensure_future(worker.run())
        [instance] = await asyncio.to_thread(start_instances, camunda, "f25", 1)
        key = await asyncio.to_thread(lambda: job_of(camunda, instance).job_key)
        for _ in range(400):  # bounded: at most 20 s
            if worker.metrics.count("completed") and not worker.in_flight:
                break
            await asyncio.sleep(0.05)
        assert ledger.times(key) == 1
        if cancel:
            running.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(running, 20)
        else:
            worker.stop()
            await asyncio.wait_for(running, 20)
        assert not worker.health().running

    await cycle(cancel=False)  # the first cycle imports and starts what a process keeps
    gc.collect()
    baseline = _resources()
    for number in range(20):
        await cycle(cancel=number % 2 == 1)

    async def settled() -> tuple[int, int, int]:
        for _ in range(100):  # threads of stopped pools and closing sockets end soon after
            gc.collect()
            now = _resources()
            if all(n <= b for n, b in zip(now, baseline, strict=True)):
                return now
            await asyncio.sleep(0.05)
        return _resources()

    after = await settled()
    assert all(n <= b for n, b in zip(after, baseline, strict=True)), (
        f"threads, tasks, fds before {baseline}, after 20 cycles {after}"
    )
    assert unretrieved == []  # e.g. an activation left running after its worker was cancelled
