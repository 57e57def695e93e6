"""Bounded waiting for the tests: poll until something holds, never sleep a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

__all__ = ["wait_for"]

T = TypeVar("T")


def wait_for(
    fetch: Callable[[], T],
    done: Callable[[T], bool] = bool,
    *,
    what: str = "the condition",
    timeout: float = 15.0,
    interval: float = 0.05,
) -> T:
    """Poll ``fetch`` until ``done`` holds, for at most ``timeout`` seconds; the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = fetch()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(
                f"timed out after {timeout:g}s waiting for {what}; last: {value!r}"
            )
        time.sleep(interval)
