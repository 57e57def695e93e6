"""The Celery executor end to end, on Redis, RabbitMQ and the embedded filesystem broker.

The activator (a ``JobWorker`` with a ``CeleryDispatcher``) runs in the test process against
the dev engine over HTTP; a real ``celery worker`` process runs the handlers of
``tests/support/celery_app.py`` and reports their outcomes to the engine itself.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import pytest
from celery_app import ledger

from camunda_core import AsyncCamundaClient

from .celery_support import EngineLog, activator, deploy_one_task, eventually

pytestmark = [pytest.mark.slow, pytest.mark.services]


async def start_instances(
    camunda: AsyncCamundaClient, process_id: str, variables: Sequence[dict[str, Any]]
) -> list[str]:
    return [
        (await camunda.create_process_instance(process_id, variables=values)).process_instance_key
        for values in variables
    ]


async def wait_finished(camunda: AsyncCamundaClient, keys: Sequence[str]) -> None:
    async def all_completed() -> bool:
        states = [(await camunda.get_process_instance(key)).state for key in keys]
        return all(state == "COMPLETED" for state in states)

    await eventually(all_completed, timeout=30, what=f"instances {list(keys)} to complete")


async def variables_of(camunda: AsyncCamundaClient, key: str) -> dict[str, Any]:
    found = await camunda.search_variables({"processInstanceKey": key})
    return {variable.name: variable.json_value() for variable in found.items}


def assert_completed_once(engine_log: EngineLog, count: int) -> None:
    """``count`` jobs, each completed exactly once, and no report the engine refused."""
    assert len(engine_log.activations) == count
    assert {key: engine_log.accepted(key) for key in engine_log.activations} == {
        key: ["completed"] for key in engine_log.activations
    }
    assert engine_log.rejected() == {}


async def test_handlers_run_in_the_celery_worker_and_complete_with_their_variables(
    celery, engine, camunda, engine_log
) -> None:
    process_id = await deploy_one_task(camunda, "celery-double")
    keys = await start_instances(camunda, process_id, [{"n": n} for n in range(4)])
    async with activator(
        celery.app, engine.url, ["celery-double"], default_queue=celery.default_queue
    ):
        await wait_finished(camunda, keys)

    children = celery.worker.children()
    for n, key in enumerate(keys):
        variables = await variables_of(camunda, key)
        assert variables["doubled"] == 2 * n
        assert variables["queue"] == celery.default_queue
        assert variables["ranIn"] in children  # a pool process, not the test or Celery's main
        assert variables["ranIn"] != os.getpid()
    assert_completed_once(engine_log, 4)


async def test_bpmn_errors_and_failures_are_reported_by_the_celery_worker(
    celery, engine, camunda, engine_log
) -> None:
    caught_id = await deploy_one_task(camunda, "celery-out-of-stock", catch="out-of-stock")
    failing_id = await deploy_one_task(camunda, "celery-gateway-down")
    broken_id = await deploy_one_task(camunda, "celery-broken", retries="1")
    [caught] = await start_instances(camunda, caught_id, [{"item": "socks"}])
    [failing] = await start_instances(camunda, failing_id, [{}])
    [broken] = await start_instances(camunda, broken_id, [{}])

    async def incidents() -> dict[str, Any] | None:
        found = await camunda.search_incidents({"state": "ACTIVE"})
        by_instance = {incident.process_instance_key: incident for incident in found.items}
        return by_instance if {failing, broken} <= by_instance.keys() else None

    job_types = ["celery-out-of-stock", "celery-gateway-down", "celery-broken"]
    async with activator(celery.app, engine.url, job_types, default_queue=celery.default_queue):
        await wait_finished(camunda, [caught])
        found = await eventually(incidents, timeout=30, what="two incidents")

    # The BPMN error took the boundary event's path, with the error's variables.
    [rejected] = (
        await camunda.search_element_instances(
            {"processInstanceKey": caught, "elementId": "rejected"}
        )
    ).items
    assert rejected.state == "COMPLETED"
    assert (await variables_of(camunda, caught))["missing"] == "socks"
    # JobFailure(retries=0): failed as told, so an incident with its message.
    assert found[failing].error_type == "JOB_NO_RETRIES"
    assert found[failing].error_message == "payment gateway down"
    # Any other exception: retries - 1 (here 0), the message and the end of the traceback.
    assert found[broken].error_message.startswith("ValueError: the input is broken")
    assert "Traceback" in found[broken].error_message
    kinds = sorted(e["kind"] for e in ledger(celery.folder) if e["job"] in engine_log.activations)
    assert kinds == ["broken", "gateway-down", "out-of-stock"]  # each handler ran once
    reports = sorted(engine_log.accepted(key)[0] for key in engine_log.activations)
    assert reports == ["error", "failed", "failed"]
    assert engine_log.rejected() == {}


async def test_each_job_type_goes_to_its_own_queue(celery, engine, camunda, engine_log) -> None:
    double_id = await deploy_one_task(camunda, "celery-double")
    other_id = await deploy_one_task(camunda, "celery-other-queue")
    [double] = await start_instances(camunda, double_id, [{"n": 1}])
    [other] = await start_instances(camunda, other_id, [{}])
    async with activator(
        celery.app,
        engine.url,
        ["celery-double", "celery-other-queue"],
        default_queue=celery.default_queue,
        queues={"celery-other-queue": celery.other_queue},
    ):
        await wait_finished(camunda, [double, other])

    assert (await variables_of(camunda, double))["queue"] == celery.default_queue
    assert (await variables_of(camunda, other))["queue"] == celery.other_queue
    assert_completed_once(engine_log, 2)


async def test_jobs_in_flight_never_exceed_max_jobs_active(
    celery, engine, camunda, engine_log
) -> None:
    """Dispatched and not yet reported stays within max_jobs_active, however many jobs wait:
    the broker never holds a backlog of locked jobs."""
    process_id = await deploy_one_task(camunda, "celery-hold")
    keys = await start_instances(camunda, process_id, [{} for _ in range(8)])
    async with activator(
        celery.app,
        engine.url,
        ["celery-hold"],
        default_queue=celery.default_queue,
        worker_max_jobs_active=2,
    ) as worker:
        in_flight = []

        async def finished() -> bool:
            in_flight.append(worker.in_flight)
            states = [(await camunda.get_process_instance(key)).state for key in keys]
            return all(state == "COMPLETED" for state in states)

        await eventually(finished, timeout=30, what="8 instances to complete", interval=0.02)

    assert engine_log.max_in_flight == 2  # activated and not yet reported, at the engine
    assert max(in_flight) <= 2
    assert_completed_once(engine_log, 8)


async def test_a_heartbeat_keeps_a_long_celery_job_locked(
    celery, engine, camunda, engine_log
) -> None:
    """A 1.5 s lock and a 3.5 s handler in the Celery worker: its heartbeat extends the lock
    before each deadline, so the job is never offered again and completes once."""
    process_id = await deploy_one_task(camunda, "celery-long")
    [key] = await start_instances(camunda, process_id, [{}])
    async with activator(
        celery.app, engine.url, ["celery-long"], default_queue=celery.default_queue
    ):
        await wait_finished(camunda, [key])

    [job_key] = engine_log.activations
    assert_completed_once(engine_log, 1)  # activated once: never re-offered
    extensions = engine_log.updates[job_key]
    assert len(extensions) >= 2
    assert all(body == {"changeset": {"timeout": 1_500}} for body in extensions)
    assert (await variables_of(camunda, key))["ranIn"] in celery.worker.children()
    runs = [e["kind"] for e in ledger(celery.folder) if e["job"] == job_key]
    assert runs == ["long-start", "long-end"]


async def test_an_execution_timeout_is_the_tasks_soft_time_limit(
    celery, engine, camunda, engine_log
) -> None:
    process_id = await deploy_one_task(camunda, "celery-overrun", retries="1")
    [key] = await start_instances(camunda, process_id, [{}])

    async def incident() -> Any:
        found = await camunda.search_incidents({"processInstanceKey": key, "state": "ACTIVE"})
        return found.items[0] if found.items else None

    async with activator(
        celery.app, engine.url, ["celery-overrun"], default_queue=celery.default_queue
    ):
        found = await eventually(incident, timeout=30, what="the incident of the hung job")

    assert found.error_type == "JOB_NO_RETRIES"
    # Celery's soft time limit, raised in the handler, is the job's failure.
    assert found.error_message.startswith("SoftTimeLimitExceeded")
    [job_key] = engine_log.activations
    assert engine_log.accepted(job_key) == ["failed"]
    assert engine_log.rejected() == {}
    runs = [e["kind"] for e in ledger(celery.folder) if e["job"] == job_key]
    assert runs == ["overrun-start"]  # interrupted: it never reached its end
