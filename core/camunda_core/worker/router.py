"""Registration of handlers by job type.

Frameworks keep one router each (Django: one per project, filled by ``camunda_workers.py``
modules; Flask: one per extension instance); the worker polls what its router holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from camunda_core.worker.handler import Handler
from camunda_core.worker.options import HandlerOptions

__all__ = ["JobRouter"]

F = TypeVar("F", bound=Callable[..., Any])


class JobRouter:
    """Handlers by job type; one handler per type."""

    def __init__(self) -> None:
        self._handlers: dict[str, Handler] = {}

    def __len__(self) -> int:
        return len(self._handlers)

    def __iter__(self) -> Iterator[Handler]:
        return iter(self._handlers.values())

    def __contains__(self, job_type: object) -> bool:
        return job_type in self._handlers

    def job_worker(
        self,
        job_type: str,
        *,
        timeout_ms: int | None = None,
        max_jobs_active: int | None = None,
        fetch_variables: Sequence[str] | None = None,
        request_timeout_ms: int | None = None,
        tenant_ids: Sequence[str] | None = None,
        retry_backoff_ms: int | None = None,
        execution_timeout_ms: int | None = None,
        heartbeat: bool = False,
        enabled: bool = True,
        invalid_variables_error_code: str | None = None,
    ) -> Callable[[F], F]:
        """Decorator: run the decorated function for every job of ``job_type``."""
        options = HandlerOptions(
            timeout_ms=timeout_ms,
            max_jobs_active=max_jobs_active,
            fetch_variables=tuple(fetch_variables) if fetch_variables is not None else None,
            request_timeout_ms=request_timeout_ms,
            tenant_ids=tuple(tenant_ids) if tenant_ids is not None else None,
            retry_backoff_ms=retry_backoff_ms,
            execution_timeout_ms=execution_timeout_ms,
            heartbeat=heartbeat,
            enabled=enabled,
            invalid_variables_error_code=invalid_variables_error_code,
        )

        def register(func: F) -> F:
            self.add(job_type, func, options)
            return func

        return register

    def add(
        self, job_type: str, func: Callable[..., Any], options: HandlerOptions | None = None
    ) -> Handler:
        """Register ``func`` for ``job_type``; a second handler for a type is an error."""
        handler = Handler(job_type, func, options or HandlerOptions())
        existing = self._handlers.get(job_type)
        if existing is not None and existing.func is not func:
            raise ValueError(
                f"job type {job_type!r} already has a handler ({existing.name}); "
                f"{handler.name} cannot be registered for it too"
            )
        self._handlers[job_type] = handler
        return handler

    def get(self, job_type: str) -> Handler | None:
        """The handler of ``job_type``, if any."""
        return self._handlers.get(job_type)

    def job_types(self) -> list[str]:
        """Registered job types, in registration order."""
        return list(self._handlers)

    def select(self, job_types: Sequence[str] | None = None) -> list[Handler]:
        """The enabled handlers, or the named ones (unknown names are an error)."""
        if job_types is None:
            return [handler for handler in self if handler.options.enabled]
        unknown = [name for name in job_types if name not in self._handlers]
        if unknown:
            known = ", ".join(self._handlers) or "none"
            raise ValueError(
                f"no handler for job type(s) {', '.join(unknown)} (registered: {known})"
            )
        return [self._handlers[name] for name in job_types]

    def clear(self) -> None:
        """Forget every handler (tests, reloading)."""
        self._handlers.clear()
