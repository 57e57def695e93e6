"""Waiting for an expectation to hold, and saying what was seen when it does not."""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["DEFAULT_TIMEOUT", "wait_for"]

#: Seconds an assertion waits for the engine (or a cluster) to reach the expected state.
DEFAULT_TIMEOUT = 5.0
POLL_INTERVAL = 0.05


def wait_for(expectation: str, check: Callable[[], tuple[bool, str]], timeout: float) -> None:
    """Poll ``check`` (returns ``(met, what was seen)``) until met; else AssertionError."""
    deadline = time.monotonic() + timeout
    while True:
        met, seen = check()
        if met:
            return
        if time.monotonic() >= deadline:
            raise AssertionError(f"expected {expectation}, but {seen} (waited {timeout:g}s)")
        time.sleep(POLL_INTERVAL)
