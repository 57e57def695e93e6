"""camunda_worker and camunda_devengine as real processes: start-up summary, jobs completed
through the project's database, auto-deploy, and a clean exit 0 on SIGTERM/SIGINT."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from camunda_testsite.orders.models import Shipment
from djangoapp_support import (
    RunningCommand,
    database_url_of_tests,
    manage,
    site_environment,
    write_settings_module,
)
from polling import wait_for

from camunda_core import CamundaClient
from camunda_django.models import DeploymentRecord, JobRecord

pytestmark = pytest.mark.slow


@pytest.fixture
def engine(isolated_engine: Any) -> Any:
    """Workers take whatever jobs exist: each test here gets an engine of its own."""
    return isolated_engine


@pytest.fixture
def started() -> Iterator[list[RunningCommand]]:
    commands: list[RunningCommand] = []
    yield commands
    for command in commands:
        command.close()


def _worker_environment(engine_url: str, tmp_path: Path, camunda: dict[str, Any]) -> dict[str, str]:
    from django.conf import settings

    module = write_settings_module(tmp_path, "worker_settings", {**settings.CAMUNDA, **camunda})
    return site_environment(
        module,
        extra_paths=(tmp_path,),
        DATABASE_URL=database_url_of_tests(),
        TESTSITE_CAMUNDA_REST_ADDRESS=engine_url,
    )


@pytest.mark.django_db(transaction=True)
def test_the_worker_deploys_completes_jobs_and_stops_on_sigterm(
    camunda: CamundaClient, engine_url: str, tmp_path: Path, started: list[RunningCommand]
) -> None:
    env = _worker_environment(
        engine_url,
        tmp_path,
        {
            "REST_ADDRESS": engine_url,
            "DEPLOY": {"RESOURCES": ["orders/processes"], "AUTO_DEPLOY": True},
        },
    )
    worker = RunningCommand(
        "camunda_worker", "ship-order", "charge-card", "--concurrency", "8", env=env
    )
    started.append(worker)
    worker.wait_for_line("stop with Ctrl-C")
    output = worker.output
    assert "Auto-deploy of the configured resources:" in output
    assert "deployed   shipping.bpmn" in output
    assert f"-> {engine_url}" in output
    assert (
        "ship-order -> camunda_testsite.orders.camunda_workers.ship_order (thread; up to 32 jobs"
        in output
    )
    assert (
        "charge-card -> camunda_testsite.orders.camunda_workers.charge_card (thread; up to 4 jobs"
        in output
    )
    assert "at most 8 jobs at once" in output
    assert DeploymentRecord.objects.filter(resource_name="shipping.bpmn").exists()

    keys = [
        camunda.create_process_instance(
            "shipping", variables={"order_id": f"P-{i}"}
        ).process_instance_key
        for i in range(3)
    ]
    for key in keys:
        wait_for(
            lambda key=key: camunda.get_process_instance(key).state == "COMPLETED",
            what=f"instance {key} to complete",
        )
    assert sorted(Shipment.objects.values_list("order_id", flat=True)) == ["P-0", "P-1", "P-2"]
    assert JobRecord.objects.filter(state="completed", job_type="ship-order").count() == 3

    assert worker.stop(signal.SIGTERM) == 0
    assert "Worker stopped: 3 job(s) completed, 0 failed" in worker.output, worker.output


@pytest.mark.django_db(transaction=True)
def test_the_worker_stops_on_sigint_without_deploying(
    camunda: CamundaClient, engine_url: str, tmp_path: Path, started: list[RunningCommand]
) -> None:
    env = _worker_environment(
        engine_url,
        tmp_path,
        {
            "REST_ADDRESS": engine_url,
            "DEPLOY": {"RESOURCES": ["orders/processes"], "AUTO_DEPLOY": True},
        },
    )
    worker = RunningCommand("camunda_worker", "--no-deploy", env=env)
    started.append(worker)
    worker.wait_for_line("stop with Ctrl-C")
    assert "Auto-deploy" not in worker.output
    assert "user-task-events -> " in worker.output
    assert worker.stop(signal.SIGINT) == 0
    assert not DeploymentRecord.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_unknown_job_type_is_a_command_error(engine_url: str, tmp_path: Path) -> None:
    env = _worker_environment(engine_url, tmp_path, {"REST_ADDRESS": engine_url})
    result = manage("camunda_worker", "no-such-type", env=env)
    assert result.returncode == 1
    assert "no handler for job type(s) no-such-type" in result.stderr


def test_the_devengine_command_serves_until_sigterm(started: list[RunningCommand]) -> None:
    engine = RunningCommand("camunda_devengine", "--port", "0", env=site_environment())
    started.append(engine)
    url = engine.wait_for_line("http://127.0.0.1:")
    with CamundaClient(rest_address=url) as client:
        assert client.get_status() is True
    assert engine.stop(signal.SIGTERM) == 0
