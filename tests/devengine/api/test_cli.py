"""``python -m camunda_core.devengine``: starts, prints its URL, answers, exits 0 on a signal."""

from __future__ import annotations

import signal
from pathlib import Path

import httpx
import pytest
from devengine_process import EngineProcess

from camunda_core import CamundaClient
from camunda_core.client import NO_RETRY

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serves_until_a_signal_then_exits_0(tmp_path: Path, signum: int) -> None:
    engine = EngineProcess(tmp_path)
    url = engine.start()
    try:
        assert url.startswith("http://127.0.0.1:")
        assert url.endswith("/v2")
        with CamundaClient(rest_address=url, retry=NO_RETRY) as camunda:
            assert camunda.get_topology().gateway_version == "8.9.0"
            assert camunda.get_status() is True
    finally:
        status = engine.stop(signum)
    assert status == 0
    engine.check()


def test_keeps_connections_alive(tmp_path: Path) -> None:
    with EngineProcess(tmp_path) as engine, httpx.Client(base_url=engine.url) as h:
        assert {h.get("/topology").status_code for _ in range(20)} == {200}
        assert {h.get("/status").status_code for _ in range(20)} == {204}


def test_basic_auth_from_the_command_line(tmp_path: Path) -> None:
    arguments = ("--auth", "basic", "--username", "ada", "--password", "not-a-real-secret")
    with EngineProcess(tmp_path, *arguments) as engine:
        assert httpx.get(f"{engine.url}/topology").status_code == 401
        allowed = httpx.get(f"{engine.url}/topology", auth=("ada", "not-a-real-secret"))
        assert allowed.status_code == 200


def test_a_long_poll_at_shutdown_is_answered(tmp_path: Path) -> None:
    engine = EngineProcess(tmp_path)
    engine.start()
    body = {"type": "nothing", "timeout": 1000, "maxJobsToActivate": 1, "requestTimeout": 2000}
    with httpx.Client(base_url=engine.url, timeout=30) as h:
        assert h.post("/jobs/activation", json=body).json() == {"jobs": []}
    assert engine.stop() == 0
    engine.check()


def test_an_unknown_observer_is_refused(tmp_path: Path) -> None:
    engine = EngineProcess(tmp_path, "--observer", "no_such_module_here:fn")
    with pytest.raises(AssertionError, match="did not start"):
        engine.start()


def test_data_survives_a_restart(tmp_path: Path) -> None:
    data = tmp_path / "engine.snapshot"
    with EngineProcess(tmp_path, "--data", str(data)) as engine:
        with CamundaClient(rest_address=engine.url, retry=NO_RETRY) as camunda:
            camunda.create_deployment(("instant.bpmn", INSTANT))
            created = camunda.create_process_instance("cli-instant", variables={"n": 1})
        assert engine.stop() == 0
    assert data.is_file()
    with (
        EngineProcess(tmp_path, "--data", str(data)) as engine,
        CamundaClient(rest_address=engine.url, retry=NO_RETRY) as camunda,
    ):
        restored = camunda.get_process_instance(created.process_instance_key)
        assert restored.state == "COMPLETED"
        again = camunda.create_process_instance("cli-instant")
        assert again.process_instance_key != created.process_instance_key


INSTANT = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="cli"
    targetNamespace="http://example.com/cli">
  <bpmn:process id="cli-instant" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="flow" sourceRef="start" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>
"""
