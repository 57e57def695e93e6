"""One child process of the launcher: started in its own session, its output kept and logged.

Children get their own session (process group), so the Ctrl-C of the terminal reaches only the
launcher, which then stops them in the right order. Each child's output goes to its log file
and a short in-memory tail (shown when it dies); it is echoed to the launcher's output with a
name prefix once ``echo`` is on.
"""

from __future__ import annotations

import collections
import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

Output = Callable[[str], None]
TAIL_LINES = 40


class Child:
    """A started process with its output; ``stop`` ends it with a signal, then by force."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str],
        log_path: Path,
        out: Output,
        stop_signal: signal.Signals = signal.SIGTERM,
        stop_timeout: float = 15.0,
    ) -> None:
        self.name = name
        self.echo = False
        self.stop_signal = stop_signal
        self.stop_timeout = stop_timeout
        self._out = out
        self._tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        self._lines_seen = threading.Condition()
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,
        )
        self._reader = threading.Thread(target=self._read, name=f"output-{name}", daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def exit_code(self) -> int | None:
        """The exit code once the process ended, else None."""
        return self.process.poll()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout, self._log:
            for raw in self.process.stdout:
                line = raw.rstrip("\n")
                self._log.write(raw)
                self._log.flush()
                with self._lines_seen:
                    self._tail.append(line)
                    self._lines_seen.notify_all()
                if self.echo:
                    self._out(f"{self.name:>12} | {line}")

    def tail(self, count: int = 15) -> list[str]:
        """The last ``count`` output lines."""
        with self._lines_seen:
            return list(self._tail)[-count:]

    def wait_for_line(self, text: str, timeout: float, cancelled: threading.Event) -> str | None:
        """The first output line containing ``text``; None when the process ended, the wait was
        cancelled or ``timeout`` seconds passed."""
        deadline = time.monotonic() + timeout
        with self._lines_seen:
            while True:
                found = next((line for line in self._tail if text in line), None)
                if found is not None:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0 or cancelled.is_set() or self.exit_code is not None:
                    return None
                self._lines_seen.wait(min(remaining, 0.2))

    def stop(self, hurry: threading.Event) -> int | None:
        """Send the stop signal and wait for the exit code; None when it had to be killed
        (``stop_timeout`` passed, or ``hurry`` was set: a second Ctrl-C)."""
        if self.exit_code is None:
            self._signal(self.stop_signal)
            deadline = time.monotonic() + self.stop_timeout
            while self.exit_code is None:
                if hurry.is_set() or time.monotonic() > deadline:
                    self.kill()
                    return None
                hurry.wait(0.05)
        self._reader.join(5)
        return self.process.returncode

    def kill(self) -> None:
        """End the process (and anything it started in its session) at once."""
        if self.exit_code is None:
            self._signal(signal.SIGKILL)
        self.process.wait(10)
        self._reader.join(5)

    def _signal(self, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
            os.killpg(self.process.pid, sig)  # its own session: the group is the child's
