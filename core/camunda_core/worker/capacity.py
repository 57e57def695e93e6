"""Free capacity per job type and in total: activation never asks for more than it can run."""

from __future__ import annotations

import asyncio

__all__ = ["Capacity"]


class Capacity:
    """Slots that a poller reserves before it asks for jobs and a job frees when reported.

    A poller waits until at least ``threshold`` slots are free (or all are), so under load it
    activates in batches instead of one job per request, yet never sleeps for a fixed time:
    it wakes the moment enough slots free up.
    """

    def __init__(
        self, limit: int, *, threshold_fraction: float = 0.25, parent: Capacity | None = None
    ) -> None:
        if limit <= 0:
            raise ValueError("capacity limit must be positive")
        self.limit = limit
        self.threshold = max(1, int(limit * threshold_fraction))
        self.used = 0
        self.parent = parent
        self._changed = asyncio.Event()

    @property
    def free(self) -> int:
        """Slots free here and, if bounded by a parent, there."""
        own = self.limit - self.used
        return min(own, self.parent.free) if self.parent is not None else own

    async def reserve(self) -> int:
        """Wait for enough free slots, take all that are free, and return how many."""
        while True:
            free = self.free
            if free >= min(self.threshold, self.limit) or (free > 0 and self.used == 0):
                self._take(free)
                return free
            self._changed.clear()
            waiters = [asyncio.ensure_future(self._changed.wait())]
            if self.parent is not None:
                self.parent._changed.clear()
                waiters.append(asyncio.ensure_future(self.parent._changed.wait()))
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waiters:
                    waiter.cancel()

    def release(self, count: int = 1) -> None:
        """Give ``count`` slots back (a job reported, or a reservation not used)."""
        if count <= 0:
            return
        self.used = max(0, self.used - count)
        self._changed.set()
        if self.parent is not None:
            self.parent.release(count)

    def _take(self, count: int) -> None:
        self.used += count
        if self.parent is not None:
            self.parent._take(count)
