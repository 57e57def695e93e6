"""A tiny idempotency guard (``camunda_core.worker.JobGuard``) on SQLite, for the Celery tests.

``run`` opens a write transaction, returns the recorded outcome of a job that already
finished, or runs the handler and records its outcome in the same transaction. A handler
writes its side effects with :meth:`SqliteJobGuard.record_effect`, inside that transaction:
they commit together with the outcome, or (the process killed mid-handler) not at all. So
a job delivered twice has its side effect once.
"""

from __future__ import annotations

import pickle
import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from camunda_core.worker import Job, Outcome

__all__ = ["SqliteJobGuard"]

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS outcomes (job_key TEXT PRIMARY KEY, outcome BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS effects (job_key TEXT NOT NULL, effect TEXT NOT NULL)",
)
_current = threading.local()


class SqliteJobGuard:
    """Runs a job's handler at most once per job key (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with closing(self._connect()) as connection:
            for statement in _SCHEMA:
                connection.execute(statement)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30, isolation_level=None)

    def run(
        self, job: Job, execute: Callable[[], Outcome], *, on_event_loop: bool = False
    ) -> Outcome:
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            row = connection.execute(
                "SELECT outcome FROM outcomes WHERE job_key = ?", (job.key,)
            ).fetchone()
            if row is not None:
                connection.execute("ROLLBACK")
                recorded: Outcome = pickle.loads(row[0])
                return recorded
            _current.connection = connection
            try:
                outcome = execute()
            finally:
                _current.connection = None
            connection.execute(
                "INSERT INTO outcomes (job_key, outcome) VALUES (?, ?)",
                (job.key, pickle.dumps(outcome)),
            )
            connection.execute("COMMIT")
            return outcome
        finally:
            connection.close()  # an open transaction is rolled back

    @staticmethod
    def recording() -> bool:
        """True inside ``run`` (a handler's effects then commit with its outcome)."""
        return getattr(_current, "connection", None) is not None

    @staticmethod
    def record_effect(job_key: str, effect: str) -> None:
        """Write a side effect in the transaction of the running job."""
        _current.connection.execute(
            "INSERT INTO effects (job_key, effect) VALUES (?, ?)", (job_key, effect)
        )

    def effects(self) -> list[tuple[str, str]]:
        """Every committed side effect."""
        with closing(self._connect()) as connection:
            return list(connection.execute("SELECT job_key, effect FROM effects"))
