"""RELIABILITY F26-F28 with real processes: a Celery child killed mid-task, the broker down at
dispatch, and a queue backlog older than the jobs' deadlines."""

from __future__ import annotations

import asyncio
import os
import signal
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery_app import GUARDED_ROUTER_NAME, ROUTER_NAME, ledger
from sqlite_guard import SqliteJobGuard

from .celery_support import (
    Broker,
    CeleryWorkerProcess,
    RedisServer,
    activator,
    broker_named,
    deploy_one_task,
    eventually,
    redis_broker,
)
from .test_executor import assert_completed_once, start_instances, variables_of, wait_finished

pytestmark = [pytest.mark.slow, pytest.mark.services]

QUICK_RETRIES = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


def attempts(folder: Path, kind: str, job_key: str | None = None) -> list[dict[str, object]]:
    return [e for e in ledger(folder) if e["kind"] == kind and job_key in (None, e["job"])]


# --- F26 ----------------------------------------------------------------------------------
@pytest.mark.parametrize("celery", ["redis", "rabbitmq"], indirect=True)
@pytest.mark.parametrize("guarded", [False, True], ids=["unguarded", "guarded"])
async def test_f26_a_celery_child_killed_mid_task_loses_no_job(
    celery, engine, camunda, engine_log, guarded: bool
) -> None:
    """acks_late + reject_on_worker_lost: the message is delivered again and the job completes
    once. The side effect repeats (at least once) unless the guard records it with the outcome."""
    process_id = await deploy_one_task(camunda, "celery-slow")
    [key] = await start_instances(camunda, process_id, [{}])
    router = GUARDED_ROUTER_NAME if guarded else ROUTER_NAME
    async with activator(
        celery.app,
        engine.url,
        ["celery-slow"],
        default_queue=celery.default_queue,
        router_name=router,
    ):

        async def first_attempt() -> list[dict[str, object]]:
            return [
                attempt
                for job_key in engine_log.activations
                for attempt in attempts(celery.folder, "slow-attempt", job_key)
            ]

        [started] = await eventually(first_attempt, timeout=30, what="the slow handler to start")
        job_key, child = str(started["job"]), int(str(started["pid"]))
        assert child in celery.worker.children()
        os.kill(child, signal.SIGKILL)
        await wait_finished(camunda, [key])

    assert len(attempts(celery.folder, "slow-attempt", job_key)) == 2  # ran again elsewhere
    assert (await variables_of(camunda, key))["attempt"] == 2
    assert_completed_once(engine_log, 1)  # redelivered by the broker, completed once
    effects = attempts(celery.folder, "slow-effect", job_key)
    guard_effects = SqliteJobGuard(celery.folder / "guard.sqlite3").effects()
    if guarded:
        assert not effects
        assert [effect for effect in guard_effects if effect[0] == job_key] == [
            (job_key, "charged")
        ]
    else:
        assert len(effects) == 2  # at least once: the killed attempt's effect stays


# --- F27 ----------------------------------------------------------------------------------
@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisServer]:
    redis_broker()  # the shared Redis answers: the services are there at all
    server = RedisServer(tmp_path).start()
    try:
        yield server
    finally:
        server.stop()


async def test_f27_broker_down_at_dispatch_hands_jobs_back_and_pauses_activation(
    private_redis: RedisServer, engine, camunda, engine_log, tmp_path: Path
) -> None:
    """With the broker stopped, activated jobs go back to Camunda untouched (retries as they
    were) and activation pauses; when the broker returns, the same jobs run, once each."""
    broker = Broker("redis", private_redis.url, private_redis.url)
    queue = f"camunda-f27-{uuid.uuid4().hex[:8]}"
    # Celery's Redis result store retries a lost connection 20 times, 1 s apart, before a send
    # fails; the executor's docs recommend a short policy, so jobs go back at once.
    app = broker.app(tmp_path, result_backend_transport_options={"retry_policy": QUICK_RETRIES})
    worker = CeleryWorkerProcess(broker, tmp_path, engine.url, [queue]).start()
    try:
        process_id = await deploy_one_task(camunda, "celery-once")
        async with activator(app, engine.url, ["celery-once"], default_queue=queue) as dispatching:
            [before] = await start_instances(camunda, process_id, [{}])
            await wait_finished(camunda, [before])

            async def settled() -> bool:  # the task's result stored, its slot free
                return dispatching.in_flight == 0

            await eventually(settled, timeout=10, what="the first job's result")
            served = set(engine_log.activations)

            private_redis.stop()
            during = await start_instances(camunda, process_id, [{}, {}])

            async def handed_back() -> bool:
                new = set(engine_log.activations) - served
                return len(new) == 2 and all(engine_log.accepted(key) for key in new)

            await eventually(handed_back, timeout=15, what="the jobs to be handed back")
            jobs = (await camunda.search_jobs({"processInstanceKey": {"$in": during}})).items
            assert sorted(job.retries for job in jobs) == [3, 3]  # untouched: nothing ran
            assert not any(job.state == "COMPLETED" for job in jobs)
            requests = sum(engine_log.activation_requests.values())
            await asyncio.sleep(2.0)
            assert sum(engine_log.activation_requests.values()) - requests <= 1  # paused
            assert dispatching.health().running

            private_redis.start()  # the same port: the dispatcher and Celery reconnect
            await wait_finished(camunda, during)
    finally:
        worker.stop()

    ran = [e["job"] for e in attempts(tmp_path, "once")]
    assert len(ran) == len(set(ran)) == 3  # each handler ran once
    for kinds in (engine_log.accepted(key) for key in engine_log.activations):
        assert kinds[-1] == "completed"
        assert set(kinds[:-1]) <= {"failed"}  # hand-backs before
    assert engine_log.rejected() == {}
    incidents = await camunda.search_incidents({"processDefinitionId": process_id})
    assert not incidents.items


# --- F28 ----------------------------------------------------------------------------------
#: The jobs' lock. The engine offers the jobs again as the first locks expire, and the Celery
#: worker takes a few seconds to start: with a short lock the second offer's lock could run
#: out while its task runs, and a third offer would run the job again (at-least-once, not
#: what F28 is about). A lock well beyond the worker's start-up keeps one run per job.
F28_LOCK_MS = 8_000


@pytest.mark.parametrize("broker_name", ["redis", "rabbitmq"])
async def test_f28_a_backlog_older_than_the_job_deadline_does_not_run_handlers(
    broker_name: str, engine, camunda, engine_log, tmp_path: Path
) -> None:
    """Tasks dispatched while no Celery worker consumes the queue go stale with their jobs'
    locks; a worker started later skips them and runs the engine's new offers, once each."""
    broker = broker_named(broker_name)
    queue = f"camunda-f28-{uuid.uuid4().hex[:8]}"
    process_id = await deploy_one_task(camunda, "celery-once")
    keys = await start_instances(camunda, process_id, [{}, {}, {}])
    worker = CeleryWorkerProcess(broker, tmp_path, engine.url, [queue])
    try:
        async with activator(
            broker.app(tmp_path),
            engine.url,
            ["celery-once"],
            default_queue=queue,
            worker_timeout_ms=F28_LOCK_MS,
        ):

            async def dispatched() -> bool:
                return len(engine_log.activations) == 3

            await eventually(dispatched, timeout=15, what="3 jobs dispatched")
            deadline = time.monotonic() + F28_LOCK_MS / 1000 + 0.1
            await asyncio.sleep(max(0.0, deadline - time.monotonic()))  # their locks are gone
            await asyncio.to_thread(worker.start)
            await wait_finished(camunda, keys)
    finally:
        worker.stop()

    ran = [e["job"] for e in attempts(tmp_path, "once")]
    assert sorted(ran) == sorted(engine_log.activations)  # one run per job, stale tasks skipped
    assert max(engine_log.activations.values()) >= 2  # the engine offered the jobs again
    assert_completed_once_each(engine_log)


def assert_completed_once_each(engine_log) -> None:
    assert {key: engine_log.accepted(key) for key in engine_log.activations} == {
        key: ["completed"] for key in engine_log.activations
    }
    assert engine_log.rejected() == {}
