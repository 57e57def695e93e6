"""Time-ordered task queues: what is due when (timers, job deadlines, back-offs, TTLs...).

A heap of ``(due, seq, task)`` with lazy cancellation: cancelling only flags the task, and the
heap is rebuilt when flagged tasks outnumber live ones, so completed jobs' deadline checks do
not pile up. The engine keeps one queue on the engine clock (persisted) and one on the
monotonic clock for request timeouts (transient).
"""

from __future__ import annotations

import heapq

__all__ = ["Task", "TaskQueue"]

_REBUILD_MIN = 1024


class Task:
    """Something to do at ``due``: ``kind`` names the action, ``ref`` its subject (a key)."""

    __slots__ = ("cancelled", "due", "kind", "ref")

    def __init__(self, due: float, kind: str, ref: str) -> None:
        self.due = due
        self.kind = kind
        self.ref = ref
        self.cancelled = False

    def __repr__(self) -> str:
        return f"Task({self.kind}, {self.ref}, due={self.due})"

    def __getstate__(self) -> tuple[float, str, str, bool]:
        return (self.due, self.kind, self.ref, self.cancelled)

    def __setstate__(self, state: tuple[float, str, str, bool]) -> None:
        self.due, self.kind, self.ref, self.cancelled = state


class TaskQueue:
    """A min-heap of tasks by due time."""

    __slots__ = ("_heap", "_seq", "_stale")

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Task]] = []
        self._seq = 0
        self._stale = 0

    def __len__(self) -> int:
        return len(self._heap) - self._stale

    def add(self, due: float, kind: str, ref: str) -> Task:
        """Schedule a task and return it (keep it to cancel it)."""
        task = Task(due, kind, ref)
        self._seq += 1
        heapq.heappush(self._heap, (due, self._seq, task))
        return task

    def cancel(self, task: Task | None) -> None:
        """Drop a task that has not fired yet (no-op for None or a fired task)."""
        if task is None or task.cancelled:
            return
        task.cancelled = True
        self._stale += 1
        heap = self._heap
        if self._stale > _REBUILD_MIN and self._stale * 2 > len(heap):
            self._heap = [entry for entry in heap if not entry[2].cancelled]
            heapq.heapify(self._heap)
            self._stale = 0

    def next_due(self) -> float | None:
        """When the earliest live task is due, or None when there is none."""
        heap = self._heap
        while heap and heap[0][2].cancelled:
            heapq.heappop(heap)
            self._stale -= 1
        return heap[0][0] if heap else None

    def pop_due(self, now: float) -> Task | None:
        """Remove and return the earliest live task due at ``now``, else None."""
        heap = self._heap
        while heap and heap[0][0] <= now:
            task = heapq.heappop(heap)[2]
            if task.cancelled:
                self._stale -= 1
                continue
            task.cancelled = True  # fired: a later cancel() is a no-op
            return task
        return None
