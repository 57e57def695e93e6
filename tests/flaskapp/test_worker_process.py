"""A real ``flask camunda worker`` subprocess against the dev engine over real HTTP.

It completes every job of its type (handler side effects and ``job_completed`` signals seen
from outside), and on SIGTERM lets the job in flight finish, then exits 0.
"""

from __future__ import annotations

import functools
import json
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from devengine_process import EngineProcess
from polling import wait_for

from camunda_core import CamundaClient

from .worker_process import APPS, WorkerProcess

pytestmark = pytest.mark.slow

RESOURCES = Path(__file__).resolve().parent / "resources"
APP = f"{APPS / 'worker_app.py'}:create_app()"


@pytest.fixture
def engine_url(tmp_path: Path) -> Iterator[str]:
    """The dev engine as its own process, over real HTTP on a free loopback port."""
    with EngineProcess(tmp_path) as engine:
        yield engine.url
        engine.check()


@pytest.fixture
def camunda(engine_url: str) -> Iterator[CamundaClient]:
    with CamundaClient(rest_address=engine_url) as client:
        yield client


def _env(engine_url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "CAMUNDA_REST_ADDRESS": engine_url,
        "FLASK_TEST_LEDGER": str(tmp_path / "ledger.jsonl"),
        "FLASK_TEST_INSTANCE": str(tmp_path / "instance"),
        **extra,
    }


def _start(camunda: CamundaClient, count: int) -> list[str]:
    return [
        camunda.create_process_instance(
            "flask_charge", variables={"order_id": f"A-{n}", "amount": n * 10}
        ).process_instance_key
        for n in range(count)
    ]


def _wait_completed(camunda: CamundaClient, keys: list[str], timeout: float = 30.0) -> None:
    for key in keys:
        camunda.wait_until(
            functools.partial(camunda.get_process_instance, key),
            lambda instance: instance.state == "COMPLETED",
            timeout=timeout,
            interval=0.2,
        )


def _ledger(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_the_worker_completes_jobs_sends_signals_and_exits_0_on_sigterm(
    engine_url: str, camunda: CamundaClient, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.jsonl"
    worker = WorkerProcess(APP, env=_env(engine_url, tmp_path))
    try:
        worker.wait_for_line("at most")
        assert "deployed   charge.bpmn: process flask_charge v1" in worker.output
        assert (tmp_path / "instance" / "camunda-deployed.json").is_file()
        keys = _start(camunda, 5)
        assert "flask-charge -> worker_app.charge" in worker.output
        assert "fetch order_id, amount" in worker.output
        _wait_completed(camunda, keys)
        code = worker.stop(signal.SIGTERM)
    finally:
        worker.kill()
    assert code == 0, worker.output
    assert "Worker stopped: 5 job(s) completed, 0 failed" in worker.output
    entries = _ledger(ledger)
    handled = sorted(e["order"] for e in entries if e["kind"] == "handled")
    assert handled == [f"A-{n}" for n in range(5)]
    signals = [e for e in entries if e["kind"] == "signal"]
    assert len(signals) == 5
    assert all(
        e["app"] == "worker_app" and e["variables"]["chargedBy"] == "worker_app" for e in signals
    )
    for key in keys:
        variables = {
            v.name: v.json_value() for v in camunda.iter_variables({"processInstanceKey": key})
        }
        assert variables["chargedBy"] == "worker_app"


def test_sigterm_lets_the_job_in_flight_finish_then_exits_0(
    engine_url: str, camunda: CamundaClient, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.jsonl"
    camunda.create_deployment(RESOURCES / "charge.bpmn")
    worker = WorkerProcess(
        APP,
        "--concurrency",
        "1",
        "--no-deploy",
        env=_env(engine_url, tmp_path, FLASK_TEST_HANDLER_SECONDS="1.5"),
    )
    try:
        worker.wait_for_line("at most 1 jobs at once")
        assert "Deploying" not in worker.output
        [key] = _start(camunda, 1)
        wait_for(
            lambda: any(e["kind"] == "started" for e in _ledger(ledger)),
            what="the handler to start",
            timeout=15,
        )
        code = worker.stop(signal.SIGTERM)
    finally:
        worker.kill()
    assert code == 0, worker.output
    assert "Worker stopped: 1 job(s) completed" in worker.output
    _wait_completed(camunda, [key], timeout=10)
    assert [e["order"] for e in _ledger(ledger) if e["kind"] == "handled"] == ["A-0"]
