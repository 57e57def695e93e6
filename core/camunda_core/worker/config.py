"""Worker options from framework settings: defaults for every handler, overrides per type.

Django's ``CAMUNDA["WORKERS"]`` and Flask's ``CAMUNDA_WORKERS`` share one shape::

    {"DEFAULTS": {"timeout_ms": 60000}, "TYPES": {"charge-card": {"max_jobs_active": 4}}}

``DEFAULTS`` fill the options a handler's decorator left unset; ``TYPES`` win over the
decorator, so operators can retune one job type without a code change. Option names and
value types are those of ``HandlerOptions``. Problems come back structured (with a ``kind``)
so each framework words them its own way (Django as system checks with ids).
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from pydantic import TypeAdapter, ValidationError

from camunda_core.worker.options import HandlerOptions

__all__ = [
    "OPTION_NAMES",
    "SECTIONS",
    "SHAPE_HINT",
    "OptionProblem",
    "WorkerOptionsConfig",
    "parse_worker_options",
]

OPTION_NAMES = tuple(f.name for f in fields(HandlerOptions))
_OPTION_TYPES: dict[str, Any] = typing.get_type_hints(HandlerOptions)
_UNSET = HandlerOptions()
#: The keys of a worker-options section.
SECTIONS = ("DEFAULTS", "TYPES")


@dataclass(frozen=True)
class OptionProblem:
    """One problem of a worker-options section.

    ``kind``: ``section`` (the shape is wrong), ``option`` (an unknown option or a bad
    value) or ``job_type`` (a TYPES key that is not a job type). ``where`` names the dict
    holding the mistake, relative to the section (``""``, ``['TYPES']['charge']``);
    ``message`` says what is wrong in it and reads after ``where`` and a colon
    (``['DEFAULTS']: timeout_ms must be positive (got -1)``). ``unknown`` is the unknown key
    or option name when that is the problem, for frameworks that word those themselves.
    """

    kind: str
    where: str
    message: str
    hint: str
    unknown: str | None = None


@dataclass(frozen=True)
class WorkerOptionsConfig:
    """Validated ``DEFAULTS`` and ``TYPES``."""

    defaults: Mapping[str, Any] = field(default_factory=dict)
    types: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def options_for(self, job_type: str, declared: HandlerOptions) -> HandlerOptions:
        """The options a handler runs with: declared < DEFAULTS (for unset ones) < TYPES."""
        unset = {
            name: value
            for name, value in self.defaults.items()
            if getattr(declared, name) == getattr(_UNSET, name)
        }
        return declared.merged(unset).merged(dict(self.types.get(job_type, {})))

    def unused_types(self, handled: set[str]) -> list[str]:
        """``TYPES`` entries for job types no handler takes (they have no effect)."""
        return sorted(job_type for job_type in self.types if job_type not in handled)


SHAPE_HINT = (
    'Give the worker options as {"DEFAULTS": {option: value}, "TYPES": {"job-type": {option: '
    f"value}}}}}} with the options of job_worker: {', '.join(OPTION_NAMES)}."
)


def parse_worker_options(raw: Any) -> tuple[WorkerOptionsConfig, list[OptionProblem]]:
    """Validate a worker-options section; invalid parts are left out and reported.

    ``None`` (for the section, ``DEFAULTS``, ``TYPES`` or a type's options) means "not given".
    """
    problems: list[OptionProblem] = []
    if raw is None:
        return WorkerOptionsConfig(), problems
    if not isinstance(raw, Mapping):
        problems.append(OptionProblem("section", "", _not_a_dict("a dict", raw), SHAPE_HINT))
        return WorkerOptionsConfig(), problems
    for key in sorted(str(key) for key in raw if key not in SECTIONS):
        message = f"unknown key {key!r} (known: {', '.join(SECTIONS)})"
        problems.append(OptionProblem("section", "", message, SHAPE_HINT, unknown=key))
    defaults = _options(raw.get("DEFAULTS"), "['DEFAULTS']", problems)
    return WorkerOptionsConfig(defaults, _types(raw.get("TYPES"), problems)), problems


def _types(raw: Any, problems: list[OptionProblem]) -> dict[str, dict[str, Any]]:
    """``TYPES``: options per job type, each checked like ``DEFAULTS``."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        message = _not_a_dict("a dict of job types", raw)
        problems.append(OptionProblem("job_type", "['TYPES']", message, SHAPE_HINT))
        return {}
    types: dict[str, dict[str, Any]] = {}
    for job_type, options in raw.items():
        if not isinstance(job_type, str) or not job_type:
            problems.append(
                OptionProblem(
                    "job_type",
                    "['TYPES']",
                    f"the key {job_type!r} is not a job type",
                    "Use the job types of your handlers as keys.",
                )
            )
            continue
        types[job_type] = _options(options, f"['TYPES'][{job_type!r}]", problems)
    return types


def _options(raw: Any, where: str, problems: list[OptionProblem]) -> dict[str, Any]:
    """Options checked for name, type (the HandlerOptions annotations) and value."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        message = _not_a_dict("a dict of worker options", raw)
        problems.append(OptionProblem("option", where, message, SHAPE_HINT))
        return {}
    valid: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in _OPTION_TYPES:
            message = f"unknown worker option {name!r}"
            problems.append(OptionProblem("option", where, message, SHAPE_HINT, unknown=str(name)))
            continue
        try:
            valid[name] = _checked(name, value)
        except ValueError as error:  # pydantic's ValidationError is a ValueError too
            hint = f"Give {name} as {_describe(_OPTION_TYPES[name])}."
            problems.append(OptionProblem("option", where, _reason(name, value, error), hint))
    return valid


def _checked(name: str, value: Any) -> Any:
    """``value`` as the option's type (lists become tuples), within HandlerOptions' rules."""
    given = tuple(value) if isinstance(value, list) else value
    checked = TypeAdapter(_OPTION_TYPES[name]).validate_python(given, strict=True)
    _UNSET.merged({name: checked})
    return checked


def _reason(name: str, value: Any, error: ValueError) -> str:
    """Why ``value`` is refused; HandlerOptions' own rules name the option and the value."""
    if isinstance(error, ValidationError):
        reason = error.errors(include_url=False)[0]["msg"]
        return f"{name} is invalid: {reason} (got {value!r})"
    return str(error)


def _not_a_dict(expected: str, value: Any) -> str:
    return f"must be {expected}, not {type(value).__name__}"


def _describe(annotation: Any) -> str:
    text = str(annotation).replace("typing.", "")
    return {
        "int | None": "a whole number (milliseconds for the *_ms options), or None",
        "tuple[str, ...] | None": "a list of strings, or None",
        "str | None": "a string, or None",
        "<class 'bool'>": "True or False",
    }.get(text, text)
