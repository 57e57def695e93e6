"""The dev engine as a real process (``python -m camunda_core.devengine``), for tests.

Every response it gives is checked against the spec by ``--observer spec_check:strict_observer``
(a violation is a 500 for the client and a line in a report file that :meth:`check` reads),
the same check the in-process engines get. Start and stop are bounded in time.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from spec_check import REPORT_ENV

__all__ = ["EngineProcess"]

SUPPORT = Path(__file__).resolve().parent
START_TIMEOUT = 30.0


class EngineProcess:
    """``with EngineProcess(tmp_path) as engine: engine.url`` -> ``http://127.0.0.1:port/v2``."""

    def __init__(self, workdir: Path, *arguments: str) -> None:
        self.report = workdir / "spec-violations.txt"
        self.log = workdir / "engine.log"
        self.arguments = arguments
        self.process: subprocess.Popen[str] | None = None
        self.url = ""

    def start(self) -> str:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SUPPORT), env.get("PYTHONPATH")]))
        env[REPORT_ENV] = str(self.report)
        command = [
            sys.executable,
            "-m",
            "camunda_core.devengine",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
        ]
        command += ["--observer", "spec_check:strict_observer", *self.arguments]
        with open(self.log, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=log, text=True, env=env
            )
        assert self.process.stdout is not None
        line = self._first_line(self.process.stdout)  # the URL, once it accepts connections
        if not line.startswith("http://"):
            self.process.kill()
            self.process.wait(START_TIMEOUT)
            self.process.stdout.close()
            raise AssertionError(
                f"the engine did not start: {line!r} {self.log.read_text()[-2000:]}"
            )
        self.url = line
        return line

    @staticmethod
    def _first_line(stream: IO[str]) -> str:
        """The first line the engine prints, or "" when none comes within the start timeout."""
        ready, _, _ = select.select([stream], [], [], START_TIMEOUT)
        return stream.readline().strip() if ready else ""

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 20.0) -> int:
        """Send ``signum`` and wait for the exit status."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout)
            raise AssertionError(f"no exit within {timeout} s of signal {signum}") from None
        finally:
            if self.process.stdout is not None:
                self.process.stdout.close()

    def check(self) -> None:
        """Fail when the engine saw a response that does not fit the spec."""
        if self.report.exists() and self.report.read_text().strip():
            raise AssertionError(
                "responses that do not fit the 8.9 spec:\n" + self.report.read_text()
            )

    def __enter__(self) -> EngineProcess:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.process is not None:
            self.stop()
        if exc_type is None:
            self.check()
