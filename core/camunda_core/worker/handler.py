"""Calling user code: arguments from the job, the outcome from what the code did.

A handler is a plain function, sync or async. It may take the ``Job`` (a parameter annotated
``Job`` or named ``job``), variables by parameter name, ``**variables`` for all of them, or
one pydantic model built from the variables. The variables to fetch default to what the
signature asks for.
"""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, get_type_hints

from pydantic import BaseModel, ValidationError

from camunda_core.worker.job import Job
from camunda_core.worker.options import HandlerOptions, ResolvedOptions
from camunda_core.worker.outcomes import (
    BpmnError,
    Complete,
    Fail,
    JobFailure,
    Outcome,
    ThrowError,
    backoff_ms,
)

__all__ = ["MAX_ERROR_MESSAGE", "Handler", "HandlerSignature"]

#: Longest failure message sent to Camunda (message plus the end of the traceback).
MAX_ERROR_MESSAGE = 4_000
_MISSING = object()


class InvalidVariables(Exception):  # noqa: N818 - an outcome, not an error of ours
    """The job's variables do not fit the handler's parameters."""


@dataclass(frozen=True)
class HandlerSignature:
    """What a handler's parameters ask for."""

    job_param: str | None
    model_param: tuple[str, type[BaseModel]] | None
    variable_params: tuple[tuple[str, bool], ...]  # (name, required)
    takes_all_variables: bool

    @classmethod
    def of(cls, func: Callable[..., Any]) -> HandlerSignature:
        """Read the signature of ``func``; refuse parameters a job cannot fill."""
        signature = inspect.signature(func)
        hints = _type_hints(func)
        job_param = None
        model_param: tuple[str, type[BaseModel]] | None = None
        variables: list[tuple[str, bool]] = []
        takes_all = False
        for name, param in signature.parameters.items():
            hint = hints.get(name)
            if param.kind is param.VAR_KEYWORD:
                takes_all = True
            elif param.kind is param.VAR_POSITIONAL:
                raise TypeError(f"{_name(func)}: *{name} cannot be filled from a job; use **{name}")
            elif hint is Job or (hint is None and name == "job"):
                job_param = name
            elif isinstance(hint, type) and issubclass(hint, BaseModel):
                if model_param is not None:
                    raise TypeError(f"{_name(func)}: only one pydantic model parameter is allowed")
                model_param = (name, hint)
            else:
                variables.append((name, param.default is param.empty))
        if model_param and (variables or takes_all):
            raise TypeError(
                f"{_name(func)}: take either one pydantic model or variables by name, not both"
            )
        return cls(job_param, model_param, tuple(variables), takes_all)

    def fetch_variables(self) -> tuple[str, ...] | None:
        """The variables to fetch: ``None`` means all of them."""
        if self.takes_all_variables or (self.job_param and not self.variable_params):
            return None
        if self.model_param:
            fields = self.model_param[1].model_fields
            return tuple(field.alias or name for name, field in fields.items())
        names = tuple(name for name, _ in self.variable_params)
        return names or None

    def arguments(self, job: Job) -> dict[str, Any]:
        """Keyword arguments for one call; raises InvalidVariables naming what is wrong."""
        values = job.variables
        kwargs: dict[str, Any] = {}
        if self.job_param:
            kwargs[self.job_param] = job
        if self.model_param:
            name, model = self.model_param
            try:
                kwargs[name] = model.model_validate(values)
            except ValidationError as exc:
                raise InvalidVariables(_validation_summary(model, exc)) from None
            return kwargs
        missing = [
            name for name, required in self.variable_params if required and name not in values
        ]
        if missing:
            raise InvalidVariables(f"missing variable(s): {', '.join(missing)}")
        for name, _ in self.variable_params:
            if name in values:
                kwargs[name] = values[name]
        if self.takes_all_variables:
            for name, value in values.items():
                kwargs.setdefault(name, value)
        return kwargs


class Handler:
    """A registered handler: the function, its job type, options, and how to call it."""

    def __init__(self, job_type: str, func: Callable[..., Any], options: HandlerOptions) -> None:
        if not job_type:
            raise ValueError("a job type must be a non-empty string")
        self.job_type = job_type
        self.func = func
        self.options = options
        self.signature = HandlerSignature.of(func)
        self.is_async = inspect.iscoroutinefunction(func)

    def __repr__(self) -> str:
        return f"<Handler {self.job_type!r} -> {_name(self.func)}>"

    @property
    def name(self) -> str:
        """``module.function`` of the handler."""
        return _name(self.func)

    def prepare(self, job: Job, options: ResolvedOptions) -> dict[str, Any] | Outcome:
        """The call's arguments, or the outcome when the variables do not fit."""
        try:
            return self.signature.arguments(job)
        except InvalidVariables as exc:
            message = f"{self.name} cannot run: {exc}"
            if options.invalid_variables_error_code:
                return ThrowError(options.invalid_variables_error_code, message)
            return Fail(
                retries=max(job.retries - 1, 0),
                message=message,
                retry_backoff_ms=options.retry_backoff_ms,
            )

    def call_blocking(
        self,
        job: Job,
        kwargs: dict[str, Any],
        options: ResolvedOptions,
        run_coroutine: Callable[[Awaitable[Any]], Any],
    ) -> Outcome:
        """Call the handler on this thread and return its outcome (never raises).

        Async handlers are run with ``run_coroutine`` (an event loop the caller owns). Used
        where a thread must run the handler itself: under an idempotency guard, in a Celery task.
        """
        try:
            returned = run_coroutine(self.func(**kwargs)) if self.is_async else self.func(**kwargs)
        except Exception as error:  # noqa: BLE001 - a handler's failure is the job's outcome
            return self.outcome_of_error(job, error, options)
        return self.outcome_of(job, returned, options)

    def outcome_of(self, job: Job, returned: Any, options: ResolvedOptions) -> Outcome:
        """The outcome of a call that returned ``returned``."""
        if job.outcome is not None:
            return job.outcome
        if returned is None:
            return Complete()
        if isinstance(returned, BaseModel):
            return Complete(returned.model_dump(mode="json", by_alias=True))
        if isinstance(returned, Mapping):
            return Complete(dict(returned))
        return Fail(
            retries=max(job.retries - 1, 0),
            message=f"{self.name} returned {type(returned).__name__}: return a dict, a pydantic model or None",
            retry_backoff_ms=options.retry_backoff_ms,
        )

    def outcome_of_error(self, job: Job, error: BaseException, options: ResolvedOptions) -> Outcome:
        """The outcome of a call that raised ``error``."""
        if isinstance(error, BpmnError):
            return ThrowError(error.code, error.message or None, error.variables)
        if isinstance(error, JobFailure):
            return Fail(
                retries=job.retries - 1 if error.retries is None else error.retries,
                message=error.message,
                retry_backoff_ms=_first(backoff_ms(error.retry_backoff), options.retry_backoff_ms),
                variables=error.variables,
            )
        return Fail(
            retries=max(job.retries - 1, 0),
            message=failure_message(error),
            retry_backoff_ms=options.retry_backoff_ms,
        )


def failure_message(error: BaseException) -> str:
    """``Type: message`` plus the end of the traceback, within ``MAX_ERROR_MESSAGE``."""
    head = f"{type(error).__name__}: {error}"
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    room = MAX_ERROR_MESSAGE - len(head) - 2
    if room <= 0:
        return head[: MAX_ERROR_MESSAGE - 1] + "…"
    tail = trace if len(trace) <= room else "…" + trace[-(room - 1) :]
    return f"{head}\n\n{tail}"


def _first(value: int | None, default: int) -> int:
    return default if value is None else value


def _type_hints(func: Callable[..., Any]) -> dict[str, Any]:
    try:
        return get_type_hints(func)
    except (NameError, TypeError, AttributeError):  # unresolvable annotations: use names
        return {}


def _validation_summary(model: type[BaseModel], exc: ValidationError) -> str:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or 'variables'}: {err['msg']}"
        for err in exc.errors(include_url=False, include_input=False)[:5]
    )
    return f"variables do not fit {model.__name__} ({problems})"


def _name(func: Callable[..., Any]) -> str:
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"
