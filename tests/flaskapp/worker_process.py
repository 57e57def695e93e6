"""``flask --app <test app> camunda worker`` as a real subprocess, with bounded waits."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

APPS = Path(__file__).resolve().parent / "apps"


class WorkerProcess:
    """A worker subprocess whose output lines are collected as they come."""

    def __init__(self, app_import: str, *arguments: str, env: dict[str, str]) -> None:
        command = [
            sys.executable,
            "-m",
            "flask",
            "--app",
            app_import,
            "camunda",
            "worker",
            *arguments,
        ]
        full_env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=full_env,
            cwd=APPS,
        )
        self.lines: list[str] = []
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for_line(self, text: str, timeout: float = 30.0) -> str:
        """The first output line containing ``text``; fails after ``timeout`` seconds."""
        for line in self.lines:
            if text in line:
                return line
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                received = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if received is None:
                raise AssertionError(f"the worker exited before printing {text!r}:\n{self.output}")
            self.lines.append(received)
            if text in received:
                return received
        raise AssertionError(f"no line with {text!r} within {timeout} s:\n{self.output}")

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        """Send ``signum``; the exit code (the rest of the output is collected)."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
            raise AssertionError(
                f"the worker ignored {signum} for {timeout} s:\n{self.output}"
            ) from None
        self._reader.join(10)
        while True:
            try:
                line = self._queue.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                self.lines.append(line)
        if self.process.stdout is not None:
            self.process.stdout.close()
        return code

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()
