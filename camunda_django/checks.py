"""System checks: invalid settings fail ``manage.py check``; models and handlers are compared.

Errors (``camunda.E0xx``) come from the same validation the code uses at run time: every
problem ``camunda_core.load_settings`` reports, and every invalid Django section. Warnings
(``camunda.W0xx``) compare the BPMN files of ``CAMUNDA["DEPLOY"]["RESOURCES"]`` with the
discovered ``@job_worker`` handlers, so a typo in a job type shows before a process stalls.

==========  ============================================================================
id          meaning
==========  ============================================================================
E001        ``CAMUNDA`` is not a dict
E002        unknown key in ``CAMUNDA``
E003        invalid value of a ``CAMUNDA_*`` setting (or two that contradict each other)
E010-E012   invalid ``WORKERS`` (shape, option name/type/value, job-type keys)
E020-E023   invalid ``DEPLOY`` (shape, missing path, relative path without BASE_DIR, flag)
E030-E032   invalid ``CELERY`` (shape or flag, Celery not installed, queues)
E040        invalid ``USER_TASK_LISTENER_TYPE``
E041        invalid ``LEDGER``
W001        a service-task job type in the models has no handler
W002        a handler's job type appears in no configured model
W003        a configured resource is invalid (``camunda_deploy`` would refuse it)
W004        ``WORKERS["TYPES"]`` has options for a job type no handler is registered for
==========  ============================================================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core import checks

from camunda_core import CamundaSettings, ConfigurationError, load_settings
from camunda_core.deploy import check_resource, find_resources, handler_coverage, job_types_in
from camunda_core.settings import ENV_PREFIX
from camunda_django.conf import base_dir, core_settings_dict, raw_settings
from camunda_django.config import DjangoConfig, parse_sections
from camunda_django.registry import project_router

__all__ = ["check_models_and_handlers", "check_settings", "register"]

TAG = "camunda"

_SETTINGS_DOCS = "See the settings reference in docs/django.md."


def register() -> None:
    """Called by ``AppConfig.ready()``."""
    checks.register(check_settings, TAG)
    checks.register(check_models_and_handlers, TAG)


def check_settings(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """One error per invalid setting in ``settings.CAMUNDA``."""
    raw = raw_settings()
    if not isinstance(raw, Mapping):
        return [
            checks.Error(
                f"settings.CAMUNDA must be a dict, not {type(raw).__name__}.",
                hint='Write CAMUNDA = {"REST_ADDRESS": "http://localhost:8080", ...}. '
                + _SETTINGS_DOCS,
                id="camunda.E001",
            )
        ]
    errors = [_core_problem(line) for line in _core_problems(raw)]
    _config, problems = parse_sections(raw, base_dir())
    errors.extend(
        checks.Error(problem.message, hint=problem.hint, id=f"camunda.{problem.check_id}")
        for problem in problems
    )
    return errors


def _core_problems(raw: Mapping[str, Any]) -> list[str]:
    """Every problem at once: the core stops at unknown keys, so check the known ones again."""
    given = core_settings_dict(raw)
    problems = _load_problems(given)
    known = {key: value for key, value in given.items() if _is_field(key)}
    if len(known) < len(given):
        problems.extend(p for p in _load_problems(known) if p not in problems)
    return problems


def _load_problems(values: Mapping[str, Any]) -> list[str]:
    try:
        load_settings(values)
    except ConfigurationError as error:
        return error.problems
    return []


def _is_field(key: object) -> bool:
    name = str(key).lower()
    return name.removeprefix(ENV_PREFIX.lower()) in CamundaSettings.model_fields


def _core_problem(line: str) -> checks.Error:
    if line.startswith("unknown setting"):
        return checks.Error(
            f"settings.CAMUNDA: {line}",
            hint="CAMUNDA's keys are the CAMUNDA_* variable names without the prefix "
            "(REST_ADDRESS, CLIENT_ID, ...), plus WORKERS, DEPLOY, CELERY, LEDGER and "
            "USER_TASK_LISTENER_TYPE. " + _SETTINGS_DOCS,
            id="camunda.E002",
        )
    return checks.Error(
        f"settings.CAMUNDA: {line}",
        hint="Fix the value in settings.CAMUNDA (its key is the variable name without "
        "CAMUNDA_), or the CAMUNDA_* environment variable it comes from.",
        id="camunda.E003",
    )


def check_models_and_handlers(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Warn about job types without handlers, handlers without models, invalid resources, and
    worker options for job types nobody handles."""
    raw = raw_settings()
    if not isinstance(raw, Mapping):
        return []  # check_settings reports it
    config, problems = parse_sections(raw, base_dir())
    if problems:
        return []
    warnings = _unknown_tuned_types(config)
    if not config.deploy.resources:
        return warnings
    try:
        resources = find_resources(config.deploy.resources)
    except ValueError as error:
        return [
            *warnings,
            checks.Warning(
                f'CAMUNDA["DEPLOY"]["RESOURCES"] cannot be read: {error}',
                hint="camunda_deploy refuses these resources too; fix the files or paths.",
                id="camunda.W003",
            ),
        ]
    warnings.extend(
        checks.Warning(
            f"{resource.name} is invalid: {reason}",
            hint="camunda_deploy would refuse this file. Fix the model in the Modeler.",
            obj=str(resource.path or resource.name),
            id="camunda.W003",
        )
        for resource in resources
        if (reason := check_resource(resource)) is not None
    )
    warnings.extend(_compare_types(job_types_in(resources), config))
    return warnings


def _handled_types(config: DjangoConfig) -> set[str]:
    """The discovered handlers' job types and the task-listener type (which needs no model)."""
    handled = set(project_router().job_types())
    if config.user_task_listener_type:
        handled.add(config.user_task_listener_type)
    return handled


def _unknown_tuned_types(config: DjangoConfig) -> list[checks.CheckMessage]:
    if not config.workers.types:
        return []
    return [
        checks.Warning(
            f'CAMUNDA["WORKERS"]["TYPES"] has options for {job_type!r}, which has no handler.',
            hint="Fix the job type, or remove the entry: it has no effect.",
            obj=job_type,
            id="camunda.W004",
        )
        for job_type in config.workers.unused_types(_handled_types(config))
    ]


def _compare_types(
    used: Mapping[str, list[str]], config: DjangoConfig
) -> list[checks.CheckMessage]:
    # The listener type counts as handled; a handler of our own for it is compared like any
    # other (W002), so the listener type is not passed as ``listener_type``.
    coverage = handler_coverage(used, _handled_types(config))
    warnings: list[checks.CheckMessage] = [
        checks.Warning(
            f"Job type {job_type!r} (used in {', '.join(files)}) has no handler.",
            hint=f'Add @job_worker("{job_type}") to a function in <app>/camunda_workers.py, or '
            "fix the type in the model; until then these jobs wait and then time out.",
            obj=job_type,
            id="camunda.W001",
        )
        for job_type, files in coverage.unhandled.items()
    ]
    warnings.extend(
        checks.Warning(
            f"Handler {handler.name} is registered for job type {handler.job_type!r}, "
            "which no configured model uses.",
            hint='Check the type against the models\' zeebe:taskDefinition, or add its model to CAMUNDA["DEPLOY"]["RESOURCES"].',
            obj=handler.name,
            id="camunda.W002",
        )
        for handler in project_router()
        if handler.job_type in coverage.unused
    )
    return warnings
