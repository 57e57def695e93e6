"""The one exception tree of camunda_core.

Everything this package raises on purpose is a ``CamundaError``, so one ``except`` catches it
all, and each branch is a class a user can catch on its own::

    CamundaError
    ├── ConfigurationError              invalid settings (also a ValueError)
    ├── AuthenticationError             the OAuth token endpoint refused or is unreachable
    ├── CamundaTransportError           no HTTP answer from Camunda
    │   ├── CamundaConnectionError      connect refused, reset, DNS, TLS
    │   └── CamundaTimeoutError         connect/read/write/pool timeout
    ├── CamundaAPIError                 Camunda answered with a problem detail (RFC 9457)
    │   ├── BadRequestError             400
    │   ├── UnauthorizedError           401
    │   ├── ForbiddenError              403
    │   ├── NotFoundError               404
    │   ├── ConflictError               409
    │   ├── BackpressureError           503 RESOURCE_EXHAUSTED, and 429
    │   ├── GatewayTimeoutError         504
    │   └── ServerError                 any other 5xx
    ├── UnexpectedResponseError         a 2xx answer whose body does not fit the model
    └── ConsistencyTimeoutError         wait_until() gave up on an eventually consistent read

Foreign exceptions (httpx) become ours in exactly one place: ``translate_transport_errors``.
Job outcomes raised by handlers (``BpmnError``, ``JobFailure``) are control flow, not errors
of this package, and live in ``camunda_core.worker``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

__all__ = [
    "AuthenticationError",
    "BackpressureError",
    "BadRequestError",
    "CamundaAPIError",
    "CamundaConnectionError",
    "CamundaError",
    "CamundaTimeoutError",
    "CamundaTransportError",
    "ConfigurationError",
    "ConflictError",
    "ConsistencyTimeoutError",
    "ForbiddenError",
    "GatewayTimeoutError",
    "NotFoundError",
    "ServerError",
    "UnauthorizedError",
    "UnexpectedResponseError",
    "api_error_from_response",
    "translate_transport_errors",
]


class CamundaError(Exception):
    """Root of every error raised by camunda_core."""


class ConfigurationError(CamundaError, ValueError):
    """A setting is missing, malformed or contradicts another one.

    ``problems`` holds one line per problem, each naming the variable and what is expected.
    """

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems))


class AuthenticationError(CamundaError):
    """The OAuth token endpoint refused the credentials or could not be reached.

    The message names the token URL and the status; it never holds the secret or a token.
    """

    def __init__(self, message: str, *, status: int | None = None) -> None:
        self.status = status
        super().__init__(message)


class CamundaTransportError(CamundaError):
    """No HTTP answer.

    ``request_sent`` is False when the request certainly never reached Camunda (the
    connection could not be opened), so sending it again cannot repeat its effect.
    """

    def __init__(self, message: str, *, operation: str, request_sent: bool = True) -> None:
        self.operation = operation
        self.request_sent = request_sent
        self.message = message
        super().__init__(f"{operation}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (
                type(self),
                (self.message,),
                {"operation": self.operation, "request_sent": self.request_sent},
            ),
        )


class CamundaConnectionError(CamundaTransportError):
    """The connection failed (refused, reset, DNS, TLS) or broke before an answer."""


class CamundaTimeoutError(CamundaTransportError):
    """Connecting, sending or reading took longer than the configured timeout."""


class CamundaAPIError(CamundaError):
    """Camunda answered with an error status; the RFC 9457 problem detail is parsed here."""

    def __init__(
        self,
        *,
        operation: str,
        status: int,
        title: str | None = None,
        detail: str | None = None,
        instance: str | None = None,
        type: str | None = None,
        extra: dict[str, Any] | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.operation = operation
        self.retry_after = retry_after
        self.status = status
        self.title = title
        self.detail = detail
        self.instance = instance
        self.type = type
        self.extra = extra or {}
        super().__init__(self._message())

    def _message(self) -> str:
        text = f"{self.operation} failed with {self.status}"
        if self.title:
            text += f" {self.title}"
        if self.detail:
            text += f": {self.detail}"
        if self.instance:
            text += f" ({self.instance})"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only __init__: pickle (Celery results, multiprocessing) needs this.
        return (_rebuild, (type(self), (), self._state()))

    def _state(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "status": self.status,
            "title": self.title,
            "detail": self.detail,
            "instance": self.instance,
            "type": self.type,
            "extra": self.extra,
            "retry_after": self.retry_after,
        }


def _rebuild(cls: type[Exception], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Exception:
    """Unpickle an error whose ``__init__`` takes keyword-only arguments."""
    return cls(*args, **kwargs)


class BadRequestError(CamundaAPIError):
    """400: the request was refused as invalid (bad BPMN, unknown field, wrong value)."""


class UnauthorizedError(CamundaAPIError):
    """401: no credentials or invalid credentials."""


class ForbiddenError(CamundaAPIError):
    """403: authenticated, but not allowed to do this."""


class NotFoundError(CamundaAPIError):
    """404: the entity does not exist, or is not visible yet on an eventually consistent read."""


class ConflictError(CamundaAPIError):
    """409: the entity is in the wrong state (job already completed, task mid-transition)."""


class BackpressureError(CamundaAPIError):
    """503 RESOURCE_EXHAUSTED or 429: Camunda asks the client to slow down. Retried."""


class GatewayTimeoutError(CamundaAPIError):
    """504: the gateway gave up waiting (await completion, blocking listeners)."""


class ServerError(CamundaAPIError):
    """Any other 5xx answer."""


class UnexpectedResponseError(CamundaError):
    """A success answer whose body does not fit the model this client expects."""

    def __init__(self, message: str, *, operation: str, status: int) -> None:
        self.operation = operation
        self.status = status
        self.message = message
        super().__init__(f"{operation}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (type(self), (self.message,), {"operation": self.operation, "status": self.status}),
        )


class ConsistencyTimeoutError(CamundaError):
    """An eventually consistent read did not show the expected state within the wait."""

    def __init__(self, message: str, *, last_result: Any = None) -> None:
        self.last_result = last_result
        super().__init__(message)


_STATUS_CLASSES: dict[int, type[CamundaAPIError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    429: BackpressureError,
    504: GatewayTimeoutError,
}
_PROBLEM_FIELDS = ("type", "title", "status", "detail", "instance")


def api_error_from_response(operation: str, response: httpx.Response) -> CamundaAPIError:
    """Build the typed error for an error answer, reading its problem detail when there is one."""
    problem = _problem_detail(response)
    title = _text_or_none(problem.get("title")) or response.reason_phrase or None
    detail = _text_or_none(problem.get("detail"))
    status = response.status_code
    cls = _STATUS_CLASSES.get(status)
    if cls is None:
        if status == 503 and _is_resource_exhausted(title, detail):
            cls = BackpressureError
        elif status >= 500:
            cls = ServerError
        else:
            cls = CamundaAPIError
    return cls(
        operation=operation,
        status=status,
        title=title,
        detail=detail,
        instance=_text_or_none(problem.get("instance")),
        type=_text_or_none(problem.get("type")),
        extra={k: v for k, v in problem.items() if k not in _PROBLEM_FIELDS},
        retry_after=_retry_after(response),
    )


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds from a ``Retry-After: <seconds>`` header (the date form is ignored)."""
    value = response.headers.get("retry-after", "").strip()
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _is_resource_exhausted(title: str | None, detail: str | None) -> bool:
    return any("RESOURCE_EXHAUSTED" in (text or "") for text in (title, detail))


def _problem_detail(response: httpx.Response) -> dict[str, Any]:
    try:
        body = json.loads(response.content) if response.content else {}
    except ValueError:
        text = response.text.strip()
        return {"detail": text[:500]} if text else {}
    return body if isinstance(body, dict) else {}


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


@contextmanager
def translate_transport_errors(operation: str) -> Iterator[None]:
    """The one place where httpx's exceptions become camunda_core's."""
    try:
        yield
    except (httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        raise CamundaTimeoutError(_describe(exc), operation=operation, request_sent=False) from exc
    except httpx.TimeoutException as exc:
        raise CamundaTimeoutError(_describe(exc), operation=operation) from exc
    except httpx.ConnectError as exc:
        raise CamundaConnectionError(
            _describe(exc), operation=operation, request_sent=False
        ) from exc
    except httpx.TransportError as exc:
        raise CamundaConnectionError(_describe(exc), operation=operation) from exc


def _describe(exc: httpx.TransportError) -> str:
    kind = type(exc).__name__
    message = str(exc)
    try:
        url = exc.request.url.copy_with(query=None, userinfo=b"")
    except RuntimeError:  # the exception was raised without a request attached
        return f"{kind}: {message}" if message else kind
    where = f"{exc.request.method} {url}"
    return f"{kind} on {where}: {message}" if message else f"{kind} on {where}"
