"""A clock that moves only when a test says so, for code that takes ``clock=``.

Expiry, refresh margins and back-off windows are then checked by moving time, not by
sleeping: ``clock.advance(85)`` takes a token past its refresh point at once.
"""

from __future__ import annotations

import threading

__all__ = ["FakeClock"]


class FakeClock:
    """Seconds like ``time.time()``, starting at ``start``; call it to read it."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds``."""
        with self._lock:
            self._now += seconds
