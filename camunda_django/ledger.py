"""The job ledger as the worker's idempotency guard (``CAMUNDA["LEDGER"]``, on by default).

Delivery is at least once: a job whose outcome was lost comes back. For each delivery the
guard opens one transaction, locks the job's ledger row (``select_for_update``; created on
first sight), and then either answers with the recorded outcome of a finished job, or runs
the handler inside the same transaction. The handler's database work and the ledger update
therefore commit together or not at all: a side effect written through the ORM happens
exactly once, however often the job is delivered, and a concurrent repeat waits on the row
lock instead of running alongside.

Only completion keeps the handler's writes. A failure or a BPMN error rolls them back (the
handler raised, so its work is unfinished) while the ledger still records the attempt.
Task-listener jobs are decisions, not side effects, and pass straight through.

Async handlers run on the worker's event loop, and their ORM calls (``acreate`` and the
like) run on Django's own threads, outside this thread's transaction. For them the guard
claims the row in one short transaction, runs the handler with no transaction open (holding
one would lock SQLite's only writer against the handler's own writes), and records the
outcome in a second. The ledger still answers their repeats, but their writes are not
atomic with the record, and a repeat that arrives while the first run is still going runs
the handler again (the first outcome recorded wins).

SQLite allows one writer at a time, and two deferred transactions that both read and then
write deadlock ("database is locked"). On SQLite the guard therefore runs one guarded job at
a time per process; several worker processes on one SQLite file need Django's
``"transaction_mode": "IMMEDIATE"`` option. PostgreSQL and the other servers run guarded jobs
in parallel, serialised per job key by the row lock only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta
from typing import Any

from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections, transaction
from django.utils import timezone

from camunda_core.models.jobs import JobKind
from camunda_core.worker import Complete, Fail, Job, Outcome, ThrowError
from camunda_django.models import JobRecord

__all__ = ["LedgerGuard"]

#: One guarded job at a time on SQLite (see the module docstring).
_SQLITE_WRITER = threading.Lock()


class LedgerGuard:
    """``camunda_core.worker.JobGuard`` backed by ``JobRecord``; runs on a worker thread."""

    def __init__(self, using: str | None = None) -> None:
        self.using = using

    def run(
        self, job: Job, execute: Callable[[], Outcome], *, on_event_loop: bool = False
    ) -> Outcome:
        """The recorded outcome of a finished job, else ``execute()``'s, recorded atomically."""
        if job.kind != JobKind.BPMN_ELEMENT:
            return execute()
        close_old_connections()
        try:
            if on_event_loop:
                return self._run_outside_transaction(job, execute)
            with self._one_writer_on_sqlite(), transaction.atomic(using=self.using):
                record = self._lock(job)
                if record.finished:
                    record.save(update_fields=("attempts", "last_seen"))
                    return _recorded_outcome(record)
                return self._run_and_record(record, execute)
        finally:
            close_old_connections()

    def _run_outside_transaction(self, job: Job, execute: Callable[[], Outcome]) -> Outcome:
        """Claim, run with no transaction open, record (async handlers; see the docstring)."""
        with self._one_writer_on_sqlite(), transaction.atomic(using=self.using):
            record = self._lock(job)
            record.save()
            if record.finished:
                return _recorded_outcome(record)
        started = time.monotonic()
        outcome = execute()
        duration = timedelta(seconds=time.monotonic() - started)
        with self._one_writer_on_sqlite(), transaction.atomic(using=self.using):
            record = JobRecord.objects.using(self.using).select_for_update().get(pk=record.pk)
            if record.finished:  # a concurrent repeat finished first: its outcome stands
                return _recorded_outcome(record)
            record.duration = duration
            _record_outcome(record, outcome)
            record.save()
        return outcome

    def _one_writer_on_sqlite(self) -> AbstractContextManager[object]:
        vendor = connections[self.using or DEFAULT_DB_ALIAS].vendor
        return _SQLITE_WRITER if vendor == "sqlite" else nullcontext()

    def _lock(self, job: Job) -> JobRecord:
        """The job's row, locked for this transaction; created on the first delivery."""
        now = timezone.now()
        record, _created = (
            JobRecord.objects.using(self.using)
            .select_for_update()
            .get_or_create(
                job_key=job.key,
                defaults={
                    "job_type": job.type,
                    "process_instance_key": job.process_instance_key,
                    "process_definition_id": job.process_definition_id,
                    "element_id": job.element_id,
                    "state": JobRecord.State.FAILED,
                    "first_seen": now,
                },
            )
        )
        record.attempts += 1
        record.last_seen = now
        return record

    def _run_and_record(self, record: JobRecord, execute: Callable[[], Outcome]) -> Outcome:
        started = time.monotonic()
        with transaction.atomic(using=self.using):  # a savepoint around the handler's work
            outcome = execute()
            if not isinstance(outcome, Complete):
                transaction.set_rollback(True, using=self.using)
        record.duration = timedelta(seconds=time.monotonic() - started)
        _record_outcome(record, outcome)
        record.save()
        return outcome


def _record_outcome(record: JobRecord, outcome: Outcome) -> None:
    if isinstance(outcome, Complete):
        record.state = JobRecord.State.COMPLETED
        record.result_variables = outcome.variables
        record.finished_at = timezone.now()
        record.error_code = record.error_message = ""
    elif isinstance(outcome, ThrowError):
        record.state = JobRecord.State.ERROR_THROWN
        record.error_code = outcome.code
        record.error_message = outcome.message or ""
        record.result_variables = outcome.variables
        record.finished_at = timezone.now()
    elif isinstance(outcome, Fail):
        record.state = JobRecord.State.FAILED
        record.error_message = outcome.message


def _recorded_outcome(record: JobRecord) -> Outcome:
    """The outcome to send again for a finished job (its first report was lost)."""
    variables: Any = record.result_variables
    if record.state == JobRecord.State.ERROR_THROWN:
        return ThrowError(record.error_code, record.error_message or None, variables)
    return Complete(variables)
