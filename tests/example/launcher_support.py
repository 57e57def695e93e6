"""Running ``python -m example_project`` as a subprocess in tests, its output collected."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without settings of ours, plus ``extra``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CAMUNDA_", "ZEEBE_", "DJANGO_", "DATABASE_URL", "EXAMPLE_"))
    }
    env.update(PYTHONUNBUFFERED="1", **extra)
    return env


class RunningLauncher:
    """The launcher in a subprocess; ``lines`` fills as it prints."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "example_project", *args],
            cwd=REPOSITORY,
            env=env or clean_environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout:
            for line in self.process.stdout:
                self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_line(self, text: str, timeout: float = 90.0) -> str:
        """The first line containing ``text``; fails when the launcher exits first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = next((line for line in self.lines if text in line), None)
            if found is not None:
                return found
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"no line with {text!r} (exit {self.process.poll()}):\n{self.output}")

    def child_pids(self) -> dict[str, int]:
        """The children's pids as the progress lines name them, by step title."""
        pids = {}
        for line in self.lines:
            match = re.match(r"\[\s*\d+/\d+\] (.+?) \.+ .*\(pid (\d+)\)", line)
            if match:
                pids[match.group(1)] = int(match.group(2))
        return pids

    def wait(self, timeout: float = 60.0) -> int:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the launcher did not exit:\n{self.output}") from None

    def stop(self, sig: int = signal.SIGINT, timeout: float = 60.0) -> int:
        self.process.send_signal(sig)
        code = self.wait(timeout)
        self._reader.join(10)
        return code

    def close(self) -> None:
        """Clean-up after a failed test: the launcher and any child it left."""
        pids = self.child_pids().values()
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        for pid in pids:
            if is_running(pid):
                os.killpg(pid, signal.SIGKILL)


def is_running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rsplit(")", 1)[-1].split()[0] != "Z"


def all_gone(pids: list[int], timeout: float = 10.0) -> list[int]:
    """The pids still running after at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        running = [pid for pid in pids if is_running(pid)]
        if not running or time.monotonic() > deadline:
            return running
        time.sleep(0.05)
