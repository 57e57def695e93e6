"""Exponential back-off with jitter, and a gate that keeps callers away while it runs.

The token endpoint is shared by every worker of a deployment, so a failing or refusing
endpoint must see fewer requests over time, not one per API call. ``jittered_delay`` spaces
the attempts of one fetch; ``BackoffGate`` remembers consecutive failures across fetches and
says when the next one may start.
"""

from __future__ import annotations

import random

__all__ = ["MAX_DELAY", "MIN_GATE_DELAY", "BackoffGate", "jittered_delay"]

#: Upper bound of one delay in seconds, unless the configured base delay is larger.
MAX_DELAY = 60.0
#: Smallest base delay of a gate, whatever is configured: even with retry delays of 0
#: (fast tests, impatient settings), callers of a failing endpoint are spaced out.
MIN_GATE_DELAY = 0.5


def jittered_delay(base: float, failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive failures (counted from 1).

    Doubles from ``base`` up to ``MAX_DELAY``, with "equal jitter": at least half the
    doubled delay, so many clients spread out but none retries almost at once.
    """
    ceiling = min(max(MAX_DELAY, base), base * 2.0 ** min(failures - 1, 32))
    return ceiling / 2 + random.uniform(0, ceiling / 2)


class BackoffGate:
    """Consecutive failures and the earliest clock time at which the next try may start.

    Not thread-safe on its own: the owner guards it with its state lock.
    """

    def __init__(self, base_delay: float) -> None:
        self._base_delay = max(base_delay, MIN_GATE_DELAY)
        self.failures = 0
        self.not_before = 0.0

    def is_open(self, now: float) -> bool:
        """Whether a new try may start at ``now``."""
        return now >= self.not_before

    def close_after_failure(self, now: float) -> float:
        """Count one more failure and keep the gate shut for the next delay (returned)."""
        self.failures += 1
        delay = jittered_delay(self._base_delay, self.failures)
        self.not_before = now + delay
        return delay

    def reset(self) -> None:
        """A success: the next failure starts over at the base delay."""
        self.failures = 0
        self.not_before = 0.0
