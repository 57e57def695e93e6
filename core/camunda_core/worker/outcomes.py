"""What a handler's run comes to, and the two exceptions a handler raises to choose it.

A handler returns variables (complete), raises ``BpmnError`` (throw a BPMN error a catch
event handles), raises ``JobFailure`` (fail as told), or raises anything else (fail with
``retries - 1``). The worker turns each case into one ``Outcome`` and sends it once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from camunda_core.models.jobs import UserTaskJobResult

__all__ = [
    "BpmnError",
    "Complete",
    "Fail",
    "HandBack",
    "JobFailure",
    "Outcome",
    "ThrowError",
    "backoff_ms",
]


class BpmnError(Exception):
    """Raise in a handler to throw a BPMN error with ``code``, caught by a matching catch event.

    ``variables`` are set on the scope of the catching event.
    """

    def __init__(
        self, code: str, message: str = "", variables: Mapping[str, Any] | None = None
    ) -> None:
        if not code:
            raise ValueError("BpmnError needs a non-empty error code")
        self.code = code
        self.message = message
        self.variables = dict(variables) if variables is not None else None
        super().__init__(f"{code}: {message}" if message else code)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.code, self.message, self.variables))


class JobFailure(Exception):  # noqa: N818 - the name users know from DESIGN section 5
    """Raise in a handler to fail the job as told.

    ``retries``: retries left after this failure (default: the job's retries minus one; 0
    raises an incident). ``retry_backoff``: seconds (or a timedelta) before it may be tried
    again (default: the handler's configured back-off).
    """

    def __init__(
        self,
        message: str,
        *,
        retries: int | None = None,
        retry_backoff: float | timedelta | None = None,
        variables: Mapping[str, Any] | None = None,
    ) -> None:
        if retries is not None and retries < 0:
            raise ValueError("JobFailure retries must not be negative")
        self.message = message
        self.retries = retries
        self.retry_backoff = retry_backoff
        self.variables = dict(variables) if variables is not None else None
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        kwargs = {
            "retries": self.retries,
            "retry_backoff": self.retry_backoff,
            "variables": self.variables,
        }
        return (_rebuild_failure, (self.message, kwargs))


def _rebuild_failure(message: str, kwargs: dict[str, Any]) -> JobFailure:
    return JobFailure(message, **kwargs)


def backoff_ms(value: float | timedelta | None) -> int | None:
    """A back-off given in seconds or as a timedelta, in whole milliseconds."""
    if value is None:
        return None
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    if seconds < 0:
        raise ValueError("a retry back-off must not be negative")
    return round(seconds * 1000)


@dataclass(frozen=True)
class Complete:
    """Complete the job with these variables (and, for task listeners, a result)."""

    variables: dict[str, Any] | None = None
    result: UserTaskJobResult | None = None


@dataclass(frozen=True)
class Fail:
    """Fail the job: ``retries`` left, after ``retry_backoff_ms``."""

    retries: int
    message: str
    retry_backoff_ms: int = 0
    variables: dict[str, Any] | None = None


@dataclass(frozen=True)
class ThrowError:
    """Throw a BPMN error from the job's element."""

    code: str
    message: str | None = None
    variables: dict[str, Any] | None = None


@dataclass(frozen=True)
class HandBack:
    """Give the job back untouched (worker stopping): fail with unchanged retries, no back-off,
    so another worker takes it at once."""

    reason: str = "the worker stopped before the job ran"


Outcome = Complete | Fail | ThrowError | HandBack
