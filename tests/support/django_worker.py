"""A Django project's worker in a thread of the test, as ``manage.py camunda_worker`` builds it.

Used by the tests of ``camunda_django`` and of the example site: whichever Django settings
are configured, the worker has the project's handlers, signal sink and ledger.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from polling import wait_for

from camunda_core import JobWorker

__all__ = ["running_worker"]


@contextmanager
def running_worker(job_types: list[str] | None = None) -> Iterator[JobWorker]:
    """A ``JobWorker`` of the project's handlers (settings applied) in a thread, stopped after."""
    from camunda_django.conf import camunda_settings, django_config
    from camunda_django.worker import worker_parts

    parts = worker_parts(django_config())
    worker = JobWorker(
        parts.router,
        settings=camunda_settings(),
        job_types=job_types,
        sinks=[parts.sink],
        guard=parts.guard,
        shutdown_grace_ms=5000,
    )
    thread = threading.Thread(target=lambda: asyncio.run(worker.run()), daemon=True)
    thread.start()
    wait_for(lambda: worker.health().running, what="the worker to start")
    try:
        yield worker
    finally:
        worker.stop()
        thread.join(15)
        parts.sink.close()
        assert not thread.is_alive(), "the worker did not stop"
