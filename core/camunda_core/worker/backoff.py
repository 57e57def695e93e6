"""Jittered exponential back-off that never gives up, for polling loops."""

from __future__ import annotations

import random

__all__ = ["Backoff"]


class Backoff:
    """Delays that grow from ``initial`` to ``maximum`` (seconds), with full jitter.

    ``reset()`` after a success; ``next()`` after each failure.
    """

    def __init__(self, initial: float, maximum: float, multiplier: float = 2.0) -> None:
        if initial <= 0 or maximum < initial:
            raise ValueError("Backoff needs 0 < initial <= maximum")
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
        self._ceiling = initial
        self.failures = 0

    def next(self) -> float:
        """The delay before the next attempt; the ceiling grows for the one after."""
        delay = random.uniform(self._ceiling / 2, self._ceiling)
        self._ceiling = min(self.maximum, self._ceiling * self.multiplier)
        self.failures += 1
        return delay

    def reset(self) -> None:
        """Back to the first, shortest delay."""
        self._ceiling = self.initial
        self.failures = 0
