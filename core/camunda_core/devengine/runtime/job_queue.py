"""Activatable jobs by type, handed out in creation (key) order.

Per type, a dict of the activatable jobs (exact membership) and a heap of their keys (order).
A job that stops being activatable is dropped from the dict and its heap entry goes stale;
the heap is rebuilt when stale entries dominate, so memory follows the live jobs.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

from camunda_core.devengine.records import JobRecord

__all__ = ["JobQueue"]

_REBUILD_SLACK = 1024


class _TypeQueue:
    __slots__ = ("heap", "ready")

    def __init__(self) -> None:
        self.heap: list[int] = []
        self.ready: dict[int, JobRecord] = {}


class JobQueue:
    """The activatable jobs of every type."""

    def __init__(self) -> None:
        self._types: dict[str, _TypeQueue] = {}

    def add(self, job: JobRecord) -> None:
        """Queue a job that became activatable (no-op if it is queued already)."""
        queue = self._types.get(job.type)
        if queue is None:
            queue = self._types[job.type] = _TypeQueue()
        key = int(job.job_key)
        if key not in queue.ready:
            queue.ready[key] = job
            heapq.heappush(queue.heap, key)

    def discard(self, job: JobRecord) -> None:
        """Forget a queued job (activated elsewhere, canceled, failed into a back-off)."""
        queue = self._types.get(job.type)
        if queue is None or queue.ready.pop(int(job.job_key), None) is None:
            return
        if len(queue.heap) > 2 * len(queue.ready) + _REBUILD_SLACK:
            queue.heap = sorted(queue.ready)  # a sorted list is a valid heap
        if not queue.ready:
            del self._types[job.type]

    def has(self, job_type: str) -> bool:
        """True when at least one job of the type is queued."""
        return job_type in self._types

    def take(
        self, job_type: str, max_jobs: int, accept: Callable[[JobRecord], bool] | None = None
    ) -> list[JobRecord]:
        """Remove and return up to ``max_jobs`` queued jobs (that ``accept``), oldest first."""
        queue = self._types.get(job_type)
        if queue is None:
            return []
        heap, ready = queue.heap, queue.ready
        taken: list[JobRecord] = []
        skipped: list[int] = []
        while heap and len(taken) < max_jobs:
            key = heapq.heappop(heap)
            job = ready.get(key)
            if job is None:
                continue
            if accept is not None and not accept(job):
                skipped.append(key)
                continue
            del ready[key]
            taken.append(job)
        for key in skipped:
            heapq.heappush(heap, key)
        if not ready:
            del self._types[job_type]
        return taken

    def count(self, job_type: str) -> int:
        """How many jobs of the type are queued."""
        queue = self._types.get(job_type)
        return 0 if queue is None else len(queue.ready)
