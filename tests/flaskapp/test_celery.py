"""``flask camunda worker --executor celery`` with a real Celery worker process and Redis.

The Flask worker activates and dispatches; the Celery worker (another process, same app
module) runs the handler in the app's context and reports the outcome to the engine.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from camunda_core import CamundaClient
from camunda_core.commands import worker_command
from camunda_core.devengine import DevEngine

from .pages_support import RESOURCES
from .worker_process import APPS, WorkerProcess

pytestmark = [pytest.mark.slow, pytest.mark.services]

REDIS_URL = os.environ.get("FLASK_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _core_dispatches() -> bool:
    """Whether ``worker_command`` takes the ``dispatcher`` the Celery executor needs."""
    return "dispatcher" in inspect.signature(worker_command).parameters


@pytest.fixture
def broker() -> str:
    if not _core_dispatches():
        message = "camunda_core.commands.worker_command does not take dispatcher= yet"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        message = f"the Celery tests need Redis at {REDIS_URL}: {error}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return REDIS_URL


@pytest.fixture
def celery_env(broker: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    with DevEngine() as engine, engine.serve() as url:
        yield {
            "CAMUNDA_REST_ADDRESS": url,
            "FLASK_TEST_BROKER": broker,
            "FLASK_TEST_QUEUE": f"flask-tests-{uuid.uuid4().hex[:12]}",  # no other test's tasks
            "FLASK_TEST_LEDGER": str(tmp_path / "ledger.jsonl"),
            "FLASK_TEST_INSTANCE": str(tmp_path / "instance"),
        }


@pytest.fixture
def celery_worker(celery_env: dict[str, str], tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    log = (tmp_path / "celery.log").open("w")
    command = [
        sys.executable, "-m", "celery", "-A", "celery_app:celery_app", "worker",
        "-Q", celery_env["FLASK_TEST_QUEUE"], "--concurrency", "2", "--loglevel", "INFO",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=APPS,
        env={**os.environ, **celery_env},
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


def test_jobs_run_in_the_celery_worker_and_complete(
    celery_env: dict[str, str], celery_worker: subprocess.Popen[str], tmp_path: Path
) -> None:
    with CamundaClient(rest_address=celery_env["CAMUNDA_REST_ADDRESS"]) as camunda:
        camunda.create_deployment(RESOURCES / "charge.bpmn")
        worker = WorkerProcess("celery_app:flask_app", env=celery_env)
        try:
            worker.wait_for_line("at most")
            assert (
                "Dispatching jobs to Celery (handlers registered as 'flask:celery_shop')"
                in worker.output
            )
            keys = [
                camunda.create_process_instance(
                    "flask_charge", variables={"order_id": f"C-{n}", "amount": n}
                ).process_instance_key
                for n in range(4)
            ]
            for key in keys:
                camunda.wait_until(
                    functools.partial(camunda.get_process_instance, key),
                    lambda instance: instance.state == "COMPLETED",
                    timeout=60,
                    interval=0.2,
                )
            code = worker.stop(signal.SIGTERM)
        finally:
            worker.kill()
        assert code == 0, worker.output + (tmp_path / "celery.log").read_text()
        entries = [
            json.loads(line)
            for line in Path(celery_env["FLASK_TEST_LEDGER"]).read_text().splitlines()
        ]
        assert sorted(e["order"] for e in entries) == [f"C-{n}" for n in range(4)]
        handler_pids = {e["pid"] for e in entries}
        assert worker.process.pid not in handler_pids
        assert celery_worker.pid not in handler_pids
        for key in keys:
            variables = {
                v.name: v.json_value() for v in camunda.iter_variables({"processInstanceKey": key})
            }
            assert variables["chargedBy"] == "celery_shop"
            assert variables["chargedIn"] in handler_pids
