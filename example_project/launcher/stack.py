"""The children of the example and the order they start and stop in.

Start: the dev engine; migrations, the admin login and the deployment (one-shot commands);
the Django site; the worker. With ``--with-flask``: a second engine, the Flask deployment, the
Flask app and its worker (the Flask app gets its own engine because both apps poll the same
job types: one worker must never take the other app's jobs).

Stop: workers first (their jobs finish while the engines still answer), then the web
servers, then the engines (which write their snapshots on the way out).
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from example_project.launcher.child import Child
from example_project.launcher.console import Console
from example_project.launcher.environment import (
    base_environment,
    django_environment,
    flask_environment,
)
from example_project.launcher.options import DJANGO_SITE, REPOSITORY, Options
from example_project.launcher.probes import wait_http
from example_project.launcher.state import StateFolder

FLASK_APP = "example_project.flask_app"
START_TIMEOUT = 60.0
COMMAND_TIMEOUT = 180.0
#: Stop order: workers, then web servers, then engines.
_TIERS = {"worker": 0, "web": 1, "engine": 2}


class StartError(Exception):
    """A step of the start did not work out: which one, why, and the output that tells."""

    def __init__(self, step: str, reason: str, output: list[str]) -> None:
        super().__init__(f"{step}: {reason}")
        self.step, self.reason, self.output = step, reason, output


class StartInterruptedError(Exception):
    """Ctrl-C or SIGTERM arrived while starting."""


class Stack:
    """Starts, watches and stops the example's processes."""

    def __init__(
        self, options: Options, state: StateFolder, out: Console, cancelled: threading.Event
    ) -> None:
        self.options = options
        self.state = state
        self.out = out
        self.cancelled = cancelled
        self.children: list[tuple[str, Child]] = []  # (tier, child), in start order

    # --- starting -----------------------------------------------------------------------------
    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        """The start steps: (title, function returning what to show when done)."""
        o, state = self.options, self.state
        steps: list[tuple[str, Callable[[], str]]] = [
            ("dev engine", lambda: self._engine("engine", o.engine_port, state.engine_data)),
            ("database", lambda: self._manage_once("migrate", "--noinput", summary="migrated")),
            ("admin login", self._admin),
            ("deployment", lambda: self._manage_once("camunda_deploy", "--force")),
            ("Django site", self._site),
            ("Camunda worker", lambda: self._worker("worker", self._manage_argv("camunda_worker"))),
        ]
        if o.with_flask:
            steps += [
                (
                    "Flask engine",
                    lambda: self._engine(
                        "flask-engine", o.flask_engine_port, state.flask_engine_data
                    ),
                ),
                ("Flask deployment", lambda: self._flask_once("camunda", "deploy", "--force")),
                ("Flask app", self._flask_site),
                (
                    "Flask worker",
                    lambda: self._worker("flask-worker", self._flask_argv("camunda", "worker")),
                ),
            ]
        return steps

    def start(self) -> None:
        """Run every step, printing progress; raises ``StartError`` or ``StartInterruptedError``."""
        steps = self.steps()
        width = max(len(title) for title, _ in steps) + 3
        digits = len(str(len(steps)))
        for number, (title, run) in enumerate(steps, 1):
            if self.cancelled.is_set():
                raise StartInterruptedError
            began = time.monotonic()
            counter = f"[{number:>{digits}}/{len(steps)}]"
            self.out(f"{counter} {title} {'.' * (width - len(title))} ", end="")
            try:
                detail = run()
            except StartError:
                self.out("FAILED")
                raise
            self.out(f"{detail} ({time.monotonic() - began:.1f} s)")

    def _engine(self, name: str, port: int, data: Path) -> str:
        argv = [self.options.python, "-m", "camunda_core.devengine"]
        argv += ["--host", self.options.host, "--port", str(port), "--data", str(data)]
        env = base_environment(self.state.path)
        child = self._spawn(name, "engine", argv, REPOSITORY, env, signal.SIGTERM, 15)
        url = child.wait_for_line("http://", START_TIMEOUT, self.cancelled)
        if url is None or not self._topology_answers(url.strip(), child):
            self._not_up(name, child, "did not start serving")
        return f"{url.strip() if url else ''} (pid {child.pid})"

    def _topology_answers(self, url: str, child: Child) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and not self.cancelled.is_set():
            try:
                if httpx.get(f"{url}/topology", timeout=2.0).status_code == 200:
                    return True
            except httpx.HTTPError:
                pass
            if child.exit_code is not None:
                return False
            self.cancelled.wait(0.1)
        return False

    def _admin(self) -> str:
        self.state.admin_password()  # generated on the first start
        password_file = str(self.state.admin_password_file)
        self._manage_once("ensure_admin", "--password-file", password_file, summary="")
        return "admin (password in the summary below)"

    def _site(self) -> str:
        address = f"{self.options.host}:{self.options.site_port}"
        argv = self._manage_argv("runserver", address, "--noreload")
        child = self._spawn("site", "web", argv, DJANGO_SITE, self._django_env(), signal.SIGINT, 15)
        url = self.options.url(self.options.site_port)
        if not wait_http(url, child, START_TIMEOUT, self.cancelled):
            self._not_up("site", child, f"did not answer on {url}")
        return f"{url} (pid {child.pid})"

    def _flask_site(self) -> str:
        argv = self._flask_argv("run", "--host", self.options.host)
        argv += ["--port", str(self.options.flask_port), "--no-reload", "--no-debugger"]
        child = self._spawn(
            "flask-app", "web", argv, REPOSITORY, self._flask_env(), signal.SIGINT, 15
        )
        url = self.options.url(self.options.flask_port)
        if not wait_http(url, child, START_TIMEOUT, self.cancelled):
            self._not_up("flask-app", child, f"did not answer on {url}")
        return f"{url} (pid {child.pid})"

    def _worker(self, name: str, argv: list[str]) -> str:
        django = name == "worker"
        env = self._django_env() if django else self._flask_env()
        cwd = DJANGO_SITE if django else REPOSITORY
        # The worker lets in-flight jobs finish on SIGTERM (graceful shutdown).
        child = self._spawn(name, "worker", argv, cwd, env, signal.SIGTERM, 20)
        if child.wait_for_line("at most", START_TIMEOUT, self.cancelled) is None:
            self._not_up(name, child, "did not start polling")
        polled = [line for line in child.tail(40) if " -> " in line and line.startswith("  ")]
        return f"polls {len(polled)} job types (pid {child.pid})"

    # --- one-shot commands ----------------------------------------------------------------------
    def _manage_once(self, *args: str, summary: str | None = None) -> str:
        child = self._spawn(args[0], "", self._manage_argv(*args), DJANGO_SITE, self._django_env())
        return self._finish(args[0], child, summary)

    def _flask_once(self, *args: str) -> str:
        name = "flask-" + "-".join(args[:2])
        child = self._spawn(name, "", self._flask_argv(*args), REPOSITORY, self._flask_env())
        return self._finish(name, child, None)

    def _finish(self, name: str, child: Child, summary: str | None) -> str:
        """Wait for a one-shot command; its last line (or ``summary``) when it succeeded."""
        try:
            code = child.process.wait(COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            code = None
        child.kill()
        self.children = [(tier, c) for tier, c in self.children if c is not child]
        if code != 0:
            raise StartError(name, f"exited with {code}", child.tail())
        lines = child.tail(1)
        return summary if summary is not None else (lines[0].strip() if lines else "done")

    # --- processes and their environment ----------------------------------------------------------
    def _spawn(
        self,
        name: str,
        tier: str,
        argv: list[str],
        cwd: Path,
        env: dict[str, str],
        stop_signal: signal.Signals = signal.SIGTERM,
        stop_timeout: float = 15.0,
    ) -> Child:
        child = Child(
            name,
            argv,
            cwd=cwd,
            env=env,
            log_path=self.state.log(name),
            out=self.out,
            stop_signal=stop_signal,
            stop_timeout=stop_timeout,
        )
        self.children.append((tier, child))
        return child

    def _not_up(self, name: str, child: Child, reason: str) -> None:
        if self.cancelled.is_set():
            raise StartInterruptedError
        code = child.exit_code
        why = f"exited with {code}" if code is not None else reason
        raise StartError(name, why, child.tail())

    def _manage_argv(self, *args: str) -> list[str]:
        return [self.options.python, "manage.py", *args]

    def _flask_argv(self, *args: str) -> list[str]:
        return [self.options.python, "-m", "flask", "--app", FLASK_APP, *args]

    def _django_env(self) -> dict[str, str]:
        engine = self.options.url(self.options.engine_port, "/v2")
        return django_environment(self.state.path, engine)

    def _flask_env(self) -> dict[str, str]:
        engine = self.options.url(self.options.flask_engine_port, "/v2")
        return flask_environment(self.state.path, engine)

    # --- running and stopping -----------------------------------------------------------------------
    def echo(self, everything: bool) -> None:
        """From now on, show the workers' and engines' output (every child's with ``everything``)."""
        for tier, child in self.children:
            child.echo = everything or tier in ("worker", "engine")

    def watch(self, stopping: threading.Event) -> Child | None:
        """Wait until ``stopping`` is set (None) or a child ends (that child)."""
        while not stopping.wait(0.25):
            for _, child in self.children:
                if child.exit_code is not None:
                    return child
        return None

    def stop(self, hurry: threading.Event) -> bool:
        """Stop every child in order; whether all stopped by themselves, in time, with code 0."""
        clean = True
        for _tier, child in sorted(self.children, key=lambda entry: _TIERS.get(entry[0], 3)):
            child.echo = False
            already = child.exit_code
            began = time.monotonic()
            code = child.stop(hurry)
            if already is not None:
                continue  # it ended by itself; main() reports it
            took = time.monotonic() - began
            if code is None:
                clean = False
                self.out(f"  {child.name}: did not stop in time, killed")
            else:
                clean = clean and code == 0
                self.out(f"  {child.name}: stopped (exit code {code}, {took:.1f} s)")
        return clean
