"""F2: the engine restarts while the worker long-polls; jobs activated in a lost answer
come back after their timeout and complete.

The engine runs as a real process with a snapshot file (``--data``), driven over its
loopback admin endpoint; it is stopped with SIGTERM and started again on the same port.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from devengine_process import EngineProcess
from reliability import (
    Ledger,
    RecordingTransport,
    WorkerThread,
    assert_nothing_lost,
    free_port,
    one_task_process,
    start_instances,
    wait_for,
    worker_settings,
)

from camunda_core import CamundaClient, Job, JobRouter

WORKER = "restart-test"


def _engine(workdir: Path, port: int, data: Path) -> EngineProcess:
    workdir.mkdir()
    return EngineProcess(
        workdir, "--port", str(port), "--data", str(data), "--snapshot-interval", "0.2"
    )


def _activated_jobs(camunda: CamundaClient, instances: list[str]) -> list[str]:
    """Jobs of ``instances`` locked to the worker now."""
    return [
        job.job_key
        for key in instances
        for job in camunda.search_jobs({"processInstanceKey": key}).items
        if job.worker == WORKER and job.deadline is not None and str(job.state.value) == "CREATED"
    ]


def _stop_if_running(engine: EngineProcess) -> None:
    if engine.process is not None and engine.process.poll() is None:
        engine.stop()


@pytest.mark.slow
def test_f2_engine_restarted_during_a_long_poll(tmp_path: Path) -> None:
    port = free_port()
    data = tmp_path / "engine.snapshot"
    ledger = Ledger()
    router = JobRouter()

    @router.job_worker("work")
    def work(job: Job) -> dict[str, bool]:
        ledger.record(job.key)
        return {"worked": True}

    transport = RecordingTransport()
    first = _engine(tmp_path / "first", port, data)
    with ExitStack() as cleanup:
        url = first.start()
        cleanup.callback(_stop_if_running, first)
        camunda = cleanup.enter_context(CamundaClient(rest_address=url))
        camunda.create_deployment(("f2.bpmn", one_task_process("f2", "work")))
        instances = start_instances(camunda, "f2", 3)
        admin = url.removesuffix("/v2") + "/_devengine/faults"
        lost = {"operation": "activateJobs", "kind": "lose_response", "times": 1}
        assert httpx.post(admin, json=lost).status_code == 201
        # A 4 s lock: the lost jobs stay locked until the restart even on a slow machine.
        settings = worker_settings(url, worker_name=WORKER, worker_timeout_ms=4_000)
        running = cleanup.enter_context(WorkerThread(router, settings, transport=transport))
        # The first activation took all three jobs; its answer never arrived.
        wait_for(lambda: httpx.get(admin).json()["faults"][0]["hits"], what="the lost answer")
        taken = wait_for(
            lambda: _activated_jobs(camunda, instances),
            lambda keys: len(keys) == 3,
            what="the jobs of the lost answer locked to the worker",
        )
        assert transport.of("activateJobs")[0].error == "RemoteProtocolError"
        # The worker polls on: an empty long poll came back, the next one is open.
        wait_for(
            lambda: [s for s in transport.of("activateJobs") if s.status == 200],
            what="a long poll answered after the lost one",
        )
        assert ledger.keys() == []
        before_restart = len(transport.of("activateJobs"))
        assert first.stop() == 0  # SIGTERM: the engine answers the open long poll and exits
        first.check()
        second = cleanup.enter_context(_engine(tmp_path / "second", port, data))
        camunda = cleanup.enter_context(CamundaClient(rest_address=second.url))
        assert_nothing_lost(camunda, instances, ledger, worker=running)
        running.stop()
    during = transport.of("activateJobs")[before_restart:]
    # The long poll open at the restart ended with the old process: answered 503 on shutdown
    # (or cut off with its connection); the worker did not wait for it to time out.
    assert during[0].status == 503 or during[0].error == "RemoteProtocolError", during[0]
    assert any(s.status == 200 for s in during)  # polling resumed against the new process
    assert sorted(ledger.keys()) == sorted(taken)  # each came back after its timeout, ran once
    assert all(ledger.times(key) == 1 for key in taken)
