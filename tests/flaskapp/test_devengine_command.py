"""``flask camunda devengine``: serves the dev engine until SIGTERM, then exits 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from camunda_core import CamundaClient

from .worker_process import APPS

pytestmark = pytest.mark.slow


def test_the_devengine_command_serves_rest_v2_and_stops_on_sigterm(tmp_path: Path) -> None:
    env = {**os.environ, "FLASK_TEST_INSTANCE": str(tmp_path), "FLASK_TEST_LEDGER": "unused"}
    command = [sys.executable, "-m", "flask", "--app", "worker_app:create_app()"]
    command += ["camunda", "devengine", "--port", "0", "--data", str(tmp_path / "engine.json")]
    process = subprocess.Popen(
        command, cwd=APPS, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()  # printed once it accepts connections
        assert url.startswith("http://127.0.0.1:"), process.stderr.read() if process.stderr else ""
        assert url.endswith("/v2")
        with CamundaClient(rest_address=url) as camunda:
            assert camunda.get_topology().gateway_version
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
