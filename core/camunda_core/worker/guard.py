"""The idempotency guard hook: run a job's handler at most once per job key.

Delivery is at least once: a job whose outcome was lost is offered again. A guard (the Django
job ledger is one) remembers finished jobs; for a repeat it returns the recorded outcome, which
the worker sends again, instead of running the handler a second time. It runs on a worker
thread, so it may use blocking I/O (a database transaction around the handler).

``on_event_loop`` says that ``execute`` hands an async handler to the worker's event loop and
waits for it there. Such a handler's own I/O runs on other threads (Django's ``acreate``
uses one), so a guard must not hold a lock that I/O needs (SQLite's single write lock)
while it waits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from camunda_core.worker.job import Job
from camunda_core.worker.outcomes import Outcome

__all__ = ["JobGuard"]


class JobGuard(Protocol):
    """Decides whether ``execute`` runs for ``job``, and records what it came to."""

    def run(
        self, job: Job, execute: Callable[[], Outcome], *, on_event_loop: bool = False
    ) -> Outcome:
        """Call ``execute()`` unless the job already finished; return its (or the recorded) outcome."""
        ...
