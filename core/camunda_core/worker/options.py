"""Per-handler options, and how unset ones fall back to the worker settings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from camunda_core.settings import CamundaSettings

__all__ = ["HandlerOptions", "ResolvedOptions"]


@dataclass(frozen=True)
class HandlerOptions:
    """Options of one job handler; ``None`` means "use the worker default".

    Times are milliseconds, as in Camunda's API. ``fetch_variables=None`` derives the list
    from the handler's signature. ``execution_timeout_ms`` is a local deadline: a handler
    still running after it is abandoned and the job failed, so a hung handler never holds a
    slot for good. ``heartbeat`` extends the job's lock while the handler runs, for handlers
    that may outlive ``timeout_ms``.
    """

    timeout_ms: int | None = None
    max_jobs_active: int | None = None
    fetch_variables: tuple[str, ...] | None = None
    request_timeout_ms: int | None = None
    tenant_ids: tuple[str, ...] | None = None
    retry_backoff_ms: int | None = None
    execution_timeout_ms: int | None = None
    heartbeat: bool = False
    enabled: bool = True
    #: A BPMN error code thrown when the variables do not fit the handler's parameters;
    #: ``None`` fails the job with a message naming the problem instead.
    invalid_variables_error_code: str | None = None

    def __post_init__(self) -> None:
        for name in ("timeout_ms", "max_jobs_active", "execution_timeout_ms"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ValueError(f"{name} must be positive (got {value})")
        for name in ("request_timeout_ms", "retry_backoff_ms"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative (got {value})")

    def merged(self, overrides: dict[str, Any]) -> HandlerOptions:
        """These options with ``overrides`` (e.g. from framework settings) applied."""
        unknown = sorted(set(overrides) - set(self.__dataclass_fields__))
        if unknown:
            raise ValueError(f"unknown worker option(s): {', '.join(unknown)}")
        fixed: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in overrides.items()
        }
        return replace(self, **fixed)


@dataclass(frozen=True)
class ResolvedOptions:
    """Every option with a value: the handler's, else the settings' default."""

    timeout_ms: int
    max_jobs_active: int
    fetch_variables: tuple[str, ...] | None
    request_timeout_ms: int
    tenant_ids: tuple[str, ...]
    retry_backoff_ms: int
    execution_timeout_ms: int | None
    heartbeat: bool
    invalid_variables_error_code: str | None

    @classmethod
    def resolve(
        cls,
        options: HandlerOptions,
        settings: CamundaSettings,
        derived_fetch: tuple[str, ...] | None,
    ) -> ResolvedOptions:
        """Fill the gaps of ``options`` from ``settings``; check what must hold between them."""
        request_timeout = _pick(options.request_timeout_ms, settings.worker_request_timeout_ms)
        if request_timeout >= settings.http_timeout_ms:
            raise ValueError(
                f"request_timeout_ms ({request_timeout}) must be below CAMUNDA_HTTP_TIMEOUT_MS "
                f"({settings.http_timeout_ms})"
            )
        return cls(
            timeout_ms=_pick(options.timeout_ms, settings.worker_timeout_ms),
            max_jobs_active=_pick(options.max_jobs_active, settings.worker_max_jobs_active),
            fetch_variables=options.fetch_variables
            if options.fetch_variables is not None
            else derived_fetch,
            request_timeout_ms=request_timeout,
            tenant_ids=options.tenant_ids
            if options.tenant_ids is not None
            else tuple(settings.activation_tenant_ids),
            retry_backoff_ms=_pick(options.retry_backoff_ms, settings.worker_retry_backoff_ms),
            execution_timeout_ms=options.execution_timeout_ms,
            heartbeat=options.heartbeat,
            invalid_variables_error_code=options.invalid_variables_error_code,
        )


def _pick(value: int | None, default: int) -> int:
    return default if value is None else value
