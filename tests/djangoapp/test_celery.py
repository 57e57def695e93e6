"""``camunda_worker --executor celery`` with real Celery worker processes, on Redis and on
RabbitMQ: jobs run in the Celery worker through the project's handlers, ledger and database;
F26: a Celery child killed mid-job loses nothing and the ledger keeps the side effect single.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from camunda_testsite.orders.models import Shipment
from djangoapp_support import (
    RunningCommand,
    database_url_of_tests,
    site_environment,
    write_settings_module,
)
from polling import wait_for

from camunda_core import CamundaClient
from camunda_django.models import JobRecord

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BROKERS = {
    "redis": ("redis://127.0.0.1:6379/0", ("127.0.0.1", 6379)),
    "rabbitmq": ("amqp://guest:guest@127.0.0.1:5672//", ("127.0.0.1", 5672)),
}
BACKEND = ("redis://127.0.0.1:6379/1", ("127.0.0.1", 6379))


def _require(address: tuple[str, int], what: str) -> None:
    try:
        socket.create_connection(address, timeout=2).close()
    except OSError as error:
        message = f"{what} is not reachable at {address[0]}:{address[1]} ({error})"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)


def celery_worker(queue: str, env: dict[str, str]) -> RunningCommand:
    """``celery -A camunda_testsite worker`` on one queue, as a deployment would run it."""
    argv = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "camunda_testsite",
        "worker",
        "--loglevel=INFO",
        f"--queues={queue}",
        "--concurrency=2",
        "--pool=prefork",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        f"--hostname={queue}@%h",
    ]
    return RunningCommand(env=env, argv=argv)


@pytest.fixture
def engine(isolated_engine: Any) -> Any:
    """Workers take whatever jobs exist: each test here gets an engine of its own."""
    return isolated_engine


@pytest.fixture
def processes() -> Iterator[list[RunningCommand]]:
    started: list[RunningCommand] = []
    yield started
    for process in started:
        process.close()


def _start(
    broker: str,
    engine_url: str,
    tmp_path: Path,
    processes: list[RunningCommand],
    job_types: tuple[str, ...],
    **camunda_settings: Any,
) -> tuple[RunningCommand, RunningCommand]:
    """A Celery worker and the activator (``camunda_worker --executor celery``), both ready."""
    from django.conf import settings

    url, address = BROKERS[broker]
    _require(address, broker)
    _require(BACKEND[1], "Redis (the result backend)")
    queue = f"camunda-test-{uuid.uuid4().hex[:10]}"
    camunda = {
        **settings.CAMUNDA,
        "REST_ADDRESS": engine_url,
        "CELERY": {"ENABLED": True, "DEFAULT_QUEUE": queue},
        **camunda_settings,
    }
    module = write_settings_module(tmp_path, "celery_settings", camunda)
    env = site_environment(
        module,
        extra_paths=(tmp_path,),
        DATABASE_URL=database_url_of_tests(),
        TESTSITE_CELERY_BROKER=url,
        TESTSITE_CELERY_BACKEND=BACKEND[0],
    )
    celery = celery_worker(queue, env)
    processes.append(celery)
    celery.wait_for_line(" ready.", timeout=60)
    assert "camunda.run_job" in celery.output
    activator = RunningCommand("camunda_worker", *job_types, env=env)
    processes.append(activator)
    activator.wait_for_line("stop with Ctrl-C")
    assert "Handlers run in Celery workers (executor: celery)" in activator.output
    return celery, activator


def _completed(camunda: CamundaClient, key: str) -> None:
    wait_for(
        lambda: camunda.get_process_instance(key).state == "COMPLETED",
        timeout=30,
        what=f"instance {key} to complete",
    )


@pytest.mark.parametrize("broker", sorted(BROKERS))
def test_jobs_run_in_celery_workers(
    broker: str,
    camunda: CamundaClient,
    engine_url: str,
    tmp_path: Path,
    processes: list[RunningCommand],
) -> None:
    celery, activator = _start(broker, engine_url, tmp_path, processes, ("ship-order",))
    orders = [f"{broker}-{i}" for i in range(3)]
    keys = [
        camunda.create_process_instance(
            "shipping", variables={"order_id": order}
        ).process_instance_key
        for order in orders
    ]
    for key in keys:
        _completed(camunda, key)
    assert sorted(Shipment.objects.values_list("order_id", flat=True)) == sorted(orders)
    records = JobRecord.objects.filter(process_instance_key__in=keys)
    assert sorted(record.state for record in records) == ["completed"] * 3
    assert activator.stop(signal.SIGTERM) == 0
    assert celery.stop(signal.SIGTERM) == 0
    assert "camunda.run_job" in celery.output
    assert "succeeded" in celery.output


@pytest.mark.parametrize(("ledger", "shipments"), [(True, 1), (False, 2)])
def test_f26_a_killed_celery_child_loses_nothing_and_the_ledger_keeps_one_side_effect(
    camunda: CamundaClient,
    engine_url: str,
    tmp_path: Path,
    processes: list[RunningCommand],
    ledger: bool,
    shipments: int,
) -> None:
    """The handler writes a row, then its Celery child is SIGKILLed; the task runs again.

    With the ledger the killed attempt's row was never committed: one shipment. Without it
    (the control) the row of the killed attempt stays: two.
    """
    celery, activator = _start(
        "redis", engine_url, tmp_path, processes, ("pack-order",), LEDGER=ledger
    )
    marker = tmp_path / "pack-order.pid"
    created = camunda.create_process_instance(
        "packing", variables={"order_id": "F26", "marker": str(marker)}
    )
    child = int(
        wait_for(lambda: marker.exists() and marker.read_text(), what="the handler to start")
    )
    assert child != celery.process.pid
    os.kill(child, signal.SIGKILL)
    _completed(camunda, created.process_instance_key)
    assert Shipment.objects.filter(order_id="F26").count() == shipments
    assert not camunda.search_incidents({"processInstanceKey": created.process_instance_key}).items
    if ledger:
        record = JobRecord.objects.get(process_instance_key=created.process_instance_key)
        assert (record.state, record.attempts) == ("completed", 1)  # the killed one rolled back
    assert activator.stop(signal.SIGTERM) == 0
    assert celery.stop(signal.SIGTERM) == 0
    assert "WorkerLostError" in celery.output
