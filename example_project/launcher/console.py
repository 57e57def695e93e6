"""The launcher's output: whole lines from several threads (progress and echoed children)."""

from __future__ import annotations

import sys
import threading
from typing import TextIO


class Console:
    """Writes lines (or a line's start, ``end=""``) under a lock, flushed at once."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdout
        self._lock = threading.Lock()

    def __call__(self, text: str = "", end: str = "\n") -> None:
        with self._lock:
            self._stream.write(text + end)
            self._stream.flush()
