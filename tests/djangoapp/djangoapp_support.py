"""Helpers shared by the camunda_django tests (this folder is on sys.path while they run)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from polling import wait_for

HERE = Path(__file__).resolve().parent
SITE = HERE / "camunda_testsite"
PROCESSES = SITE / "orders" / "processes"
BROKEN = SITE / "orders" / "broken"
MANAGE = HERE / "manage.py"


def site_environment(
    settings_module: str = "camunda_testsite.settings",
    *,
    extra_paths: tuple[Path, ...] = (),
    **variables: str,
) -> dict[str, str]:
    """The environment of a subprocess running the test project (no CAMUNDA_* of ours)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CAMUNDA_", "ZEEBE_", "DJANGO_SETTINGS_MODULE"))
    }
    paths = [str(path) for path in (*extra_paths, HERE)]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env.update(
        PYTHONPATH=os.pathsep.join(paths),
        DJANGO_SETTINGS_MODULE=settings_module,
        PYTHONUNBUFFERED="1",
        **variables,
    )
    return env


def write_settings_module(directory: Path, name: str, camunda: Mapping[str, Any]) -> str:
    """A settings module importing the test project's, with ``CAMUNDA`` replaced."""
    (directory / f"{name}.py").write_text(
        f"from camunda_testsite.settings import *  # noqa: F403\n\nCAMUNDA = {dict(camunda)!r}\n",
        encoding="utf-8",
    )
    return name


def manage(
    *args: str, env: Mapping[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``manage.py`` of the test project and wait for it."""
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=HERE,
    )


def database_url_of_tests() -> str:
    """A ``DATABASE_URL`` of the test database, for subprocesses of the test project."""
    from urllib.parse import quote

    from django.db import connection

    config = connection.settings_dict
    if config["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{config['NAME']}"
    user = quote(config.get("USER") or "")
    password = quote(config.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = config.get("HOST") or "127.0.0.1"
    port = f":{config['PORT']}" if config.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{config['NAME']}"


class RunningCommand:
    """A ``manage.py`` command (or another ``argv``) in a subprocess, its output collected."""

    def __init__(
        self, *args: str, env: Mapping[str, str], argv: Sequence[str] | None = None
    ) -> None:
        import threading

        self.lines: list[str] = []
        self.process = subprocess.Popen(
            list(argv) if argv is not None else [sys.executable, str(MANAGE), *args],
            env=dict(env),
            cwd=HERE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group: close() reaches Celery's children
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout:
            for line in self.process.stdout:
                self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, text: str, timeout: float = 30.0) -> str:
        """The first output line containing ``text`` (fails when the process ends first)."""

        def found() -> str | None:
            return next((line for line in self.lines if text in line), None)

        def ready(line: str | None) -> bool:
            if line is None and self.process.poll() is not None:
                raise AssertionError(f"exited ({self.process.returncode}):\n{self.output}")
            return line is not None

        line = wait_for(found, ready, timeout=timeout, what=f"a line with {text!r}")
        assert line is not None
        return line

    def stop(self, sig: int, timeout: float = 30.0) -> int:
        """Send ``sig`` and wait for the exit code."""
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
            raise AssertionError(f"did not stop within {timeout}s:\n{self.output}") from None

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def close(self) -> None:
        """Kill the process and whatever it started (test clean-up).

        A Celery worker's pool children outlive a killed parent for a while, holding their
        database connections: the test database could then not be dropped.
        """
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self._reader.join(10)


def open_user_task(client: Any, process: str = "approval", **variables: Any) -> Any:
    """Start ``process`` and return its user task (a ``camunda_core`` ``UserTask``)."""
    created = client.create_process_instance(process, variables=variables)
    found = wait_for(
        lambda: (
            client.search_user_tasks({"processInstanceKey": created.process_instance_key}).items
        ),
        what=f"the user task of {process}",
    )
    return found[0]


def open_incident(client: Any, message: str) -> Any:
    """Start ``notify`` and fail its job for good with ``message``: an incident."""
    created = client.create_process_instance("notify", variables={"message": message})
    mine = created.process_instance_key

    def activate_mine() -> list[Any]:
        jobs = client.activate_jobs(
            "notify-customer", max_jobs=100, timeout_ms=60_000, request_timeout_ms=0
        )
        for job in jobs:  # other tests' jobs go back untouched
            if job.process_instance_key != mine:
                client.fail_job(job.job_key, retries=job.retries, error_message="not mine")
        return [job for job in jobs if job.process_instance_key == mine]

    [job] = wait_for(activate_mine, what="the notify job")
    client.fail_job(job.job_key, retries=0, error_message=message)
    found = wait_for(
        lambda: client.search_incidents({"processInstanceKey": created.process_instance_key}).items,
        what="the incident",
    )
    return found[0]


#: S1 payloads: a script, an attribute breaker, a javascript: URL, a quote breaker.
PAYLOADS = (
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.domain)",
    "' autofocus onfocus='alert(2)",
)

_NAMED_TASK = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                  id="Defs_Payload" targetNamespace="http://example.com/tests">
  <bpmn:process id="payload-names" name="&lt;script&gt;alert('process')&lt;/script&gt;" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task" />
    <bpmn:userTask id="Task" name="&lt;img src=x onerror=alert('name')&gt;">
      <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Task" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>
"""


def deploy_named_task(client: Any) -> None:
    """Deploy ``payload-names``: a process and a user task whose names are S1 payloads."""
    client.create_deployment(("payload-names.bpmn", _NAMED_TASK.encode()))
