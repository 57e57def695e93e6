"""Compaction: finished root instances are kept up to a bounded history, oldest evicted first.

Every record created for a root instance (its own, its element instances, variables, jobs,
user tasks, incidents, subscriptions, and those of the instances it called) is registered in
the root's *owned* list as (store mapping, key). When a root instance finishes, its owned
list joins the history; beyond ``limit`` finished roots, the oldest are removed from the store.
"""

from __future__ import annotations

from collections import deque

from camunda_core.devengine.runtime.state import Owned

__all__ = ["History"]


class History:
    """The owned records of the most recent finished root instances."""

    def __init__(self, limit: int) -> None:
        if limit < 0:
            raise ValueError("history_limit must be >= 0")
        self.limit = limit
        self._finished: deque[Owned] = deque()

    def __len__(self) -> int:
        return len(self._finished)

    def finished(self, owned: Owned) -> None:
        """A root instance ended: keep its records, evicting the oldest beyond the limit."""
        self._finished.append(owned)
        while len(self._finished) > self.limit:
            for mapping, key in self._finished.popleft():
                mapping.pop(key, None)
