"""What a worker runs in a Django project: the discovered handlers with the settings applied.

``camunda_worker`` and the Celery worker both build their pieces here, so they run the same
handlers with the same options, guard and signals:

- the router: every ``@job_worker`` handler with ``CAMUNDA["WORKERS"]`` applied, plus the
  task-listener handler that turns ``USER_TASK_LISTENER_TYPE`` jobs into user-task signals;
- the signal sink, the ledger guard (``CAMUNDA["LEDGER"]``).

Sync handlers run on worker threads; without the ledger (which manages connections in its
transaction) each call is wrapped like a Django request: stale connections are closed
before and after, so a long-running worker survives database restarts and ``CONN_MAX_AGE``.
Async handlers get the same on asgiref's thread, where their ORM calls run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from asgiref.sync import sync_to_async
from django.db import connections

from camunda_core.worker import HandlerOptions, JobRouter
from camunda_core.worker.guard import JobGuard
from camunda_core.worker.task_listeners import user_task_listener
from camunda_django.config import DjangoConfig
from camunda_django.forwarding import SignalSink, send_user_task_signal
from camunda_django.ledger import LedgerGuard
from camunda_django.registry import project_router

__all__ = ["WorkerParts", "build_router", "worker_parts"]


@dataclass
class WorkerParts:
    """Everything a worker needs besides the settings."""

    router: JobRouter
    sink: SignalSink
    guard: JobGuard | None
    senders: dict[str, Callable[..., Any]] = field(default_factory=dict)


def worker_parts(config: DjangoConfig) -> WorkerParts:
    """Router, signal sink and guard for the project's handlers under ``config``."""
    router, senders = build_router(config)
    guard = LedgerGuard() if config.ledger else None
    return WorkerParts(router, SignalSink(senders), guard, senders)


def build_router(config: DjangoConfig) -> tuple[JobRouter, dict[str, Callable[..., Any]]]:
    """A router of the discovered handlers with their effective options, and their functions.

    The second value maps job types to the functions as written (the signals' senders).
    """
    router = JobRouter()
    senders: dict[str, Callable[..., Any]] = {}
    for handler in project_router():
        options = config.workers.options_for(handler.job_type, handler.options)
        func = handler.func
        if handler.is_async:
            func = _async_with_fresh_connections(func)
        elif not config.ledger:
            func = _with_fresh_connections(func)
        router.add(handler.job_type, func, options)
        senders[handler.job_type] = handler.func
    listener_type = config.user_task_listener_type
    if listener_type and listener_type not in router:
        listener = user_task_listener(lambda: [send_user_task_signal])
        options = config.workers.options_for(listener_type, HandlerOptions())
        router.add(listener_type, _with_fresh_connections(listener), options)
        senders[listener_type] = listener
    return router, senders


def _with_fresh_connections(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` bracketed by closing stale connections, as Django brackets a request."""

    @functools.wraps(func)
    def run_with_fresh_connections(*args: Any, **kwargs: Any) -> Any:
        _close_stale_connections()
        try:
            return func(*args, **kwargs)
        finally:
            _close_stale_connections()

    return run_with_fresh_connections


def _async_with_fresh_connections(func: Callable[..., Any]) -> Callable[..., Any]:
    """The same for an async handler, on the thread where its ORM calls run.

    ``acreate`` and the like run on asgiref's thread, not the worker's: the ledger's
    clean-up never reaches that thread's connection, so without this a database restart
    would leave it broken for the rest of the worker's life.
    """
    close_stale = sync_to_async(_close_stale_connections)

    @functools.wraps(func)
    async def run_with_fresh_connections(*args: Any, **kwargs: Any) -> Any:
        await close_stale()
        try:
            return await func(*args, **kwargs)
        finally:
            await close_stale()

    return run_with_fresh_connections


def _close_stale_connections() -> None:
    """``close_old_connections`` that leaves a connection inside a transaction alone."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
