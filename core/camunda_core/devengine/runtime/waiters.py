"""Long-polling activation requests that wait for jobs, first come first served per type.

A waiter holds the caller's Future; it is served when a job of its type becomes activatable,
or answered with ``[]`` when its request timeout (monotonic time) passes. These are transient:
they are not part of a snapshot.
"""

from __future__ import annotations

import contextlib
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from camunda_core.devengine.contract import ActivatedJob
    from camunda_core.devengine.runtime.schedule import Task

__all__ = ["Waiter", "Waiters"]


@dataclass(eq=False)
class Waiter:
    """One waiting activation request."""

    job_type: str
    worker: str
    timeout_ms: int
    max_jobs: int
    fetch: frozenset[str] | None
    tenants: frozenset[str] | None
    future: Future[list[ActivatedJob]]
    task: Task | None = field(default=None)
    key: str = ""


class Waiters:
    """Waiting requests by job type, in arrival order, and by id for their timeouts."""

    def __init__(self) -> None:
        self.by_type: dict[str, deque[Waiter]] = {}
        self.by_key: dict[str, Waiter] = {}
        self._seq = 0

    def add(self, waiter: Waiter) -> str:
        """Register a waiter; returns the id its timeout task refers to."""
        self._seq += 1
        waiter.key = str(self._seq)
        self.by_type.setdefault(waiter.job_type, deque()).append(waiter)
        self.by_key[waiter.key] = waiter
        return waiter.key

    def remove(self, waiter: Waiter) -> None:
        """Forget a waiter (served or timed out)."""
        self.by_key.pop(waiter.key, None)
        queue = self.by_type.get(waiter.job_type)
        if queue is None:
            return
        with contextlib.suppress(ValueError):
            queue.remove(waiter)
        if not queue:
            del self.by_type[waiter.job_type]

    def for_type(self, job_type: str) -> list[Waiter]:
        """The waiters of a type in arrival order (a copy: serving removes them)."""
        queue = self.by_type.get(job_type)
        return list(queue) if queue else []
