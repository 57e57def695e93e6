"""Reading and checking the ``CAMUNDA_*`` keys of ``app.config`` at ``init_app``.

Connection and worker-default keys (``CAMUNDA_REST_ADDRESS``, ``CAMUNDA_WORKER_TIMEOUT_MS``,
...) are ``camunda_core``'s settings and go to ``load_settings`` untouched. The keys only the
Flask extension knows (``CAMUNDA_WORKERS``, ``CAMUNDA_DEPLOY``, ``CAMUNDA_CELERY``,
``CAMUNDA_USER_TASK_LISTENER_TYPE``, ``CAMUNDA_VIEWS``, ``CAMUNDA_VIEWS_AUTHORIZE``,
``CAMUNDA_VIEWS_USER``) are read here. Every problem of both kinds is collected into one
``ConfigurationError`` with a line per problem naming the key and the fix, so a broken
configuration stops the app at start-up instead of at the first job or page.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from camunda_core import CamundaSettings, ConfigurationError, load_settings
from camunda_core.worker.config import (
    OPTION_NAMES,
    SECTIONS,
    OptionProblem,
    WorkerOptionsConfig,
    parse_worker_options,
)
from camunda_core.worker.task_listeners import DEFAULT_LISTENER_JOB_TYPE

__all__ = [
    "EXTENSION_KEYS",
    "CeleryConfig",
    "DeployConfig",
    "ExtensionConfig",
    "ViewsConfig",
    "read_config",
]

#: ``app.config`` keys of the extension itself (everything else ``CAMUNDA_*`` is a core setting).
EXTENSION_KEYS = frozenset(
    {
        "CAMUNDA_WORKERS",
        "CAMUNDA_DEPLOY",
        "CAMUNDA_CELERY",
        "CAMUNDA_USER_TASK_LISTENER_TYPE",
        "CAMUNDA_VIEWS",
        "CAMUNDA_VIEWS_AUTHORIZE",
        "CAMUNDA_VIEWS_USER",
    }
)


@dataclass(frozen=True)
class DeployConfig:
    """``CAMUNDA_DEPLOY``: where resources are, and whether ``worker`` deploys them first."""

    resources: tuple[str, ...] = ()
    auto_deploy: bool = False


@dataclass(frozen=True)
class CeleryConfig:
    """``CAMUNDA_CELERY``: whether handlers run on Celery, the Celery app, and queues.

    ``app`` None means ``app.extensions["celery"]`` (the Flask docs' Celery pattern).
    """

    enabled: bool = False
    app: Any = None
    queues: dict[str, str] = field(default_factory=dict)
    default_queue: str | None = None


@dataclass(frozen=True)
class ViewsConfig:
    """``CAMUNDA_VIEWS`` and the two hooks the pages call."""

    enabled: bool = True
    url_prefix: str = "/camunda"  # "" mounts the pages at the root
    page_size: int = 25
    authorize: Callable[[str], bool] | None = None
    current_user: Callable[[], str | None] | None = None


@dataclass(frozen=True)
class ExtensionConfig:
    """Everything ``init_app`` read from ``app.config``."""

    settings: CamundaSettings
    workers: WorkerOptionsConfig
    deploy: DeployConfig
    celery: CeleryConfig
    listener_type: str | None
    views: ViewsConfig


def read_config(config: Mapping[str, Any], **overrides: Any) -> ExtensionConfig:
    """Check every ``CAMUNDA_*`` key; raise one ``ConfigurationError`` listing all problems."""
    problems: list[str] = []
    core_keys = {
        key: value
        for key, value in config.items()
        if key.startswith("CAMUNDA_") and key not in EXTENSION_KEYS
    }
    settings: CamundaSettings | None = None
    try:
        settings = load_settings(core_keys, **overrides)
    except ConfigurationError as error:
        problems.extend(_with_extension_hints(error.problems))
    workers = _workers(config.get("CAMUNDA_WORKERS"), problems)
    deploy = _deploy(config.get("CAMUNDA_DEPLOY"), problems)
    celery = _celery(config.get("CAMUNDA_CELERY"), problems)
    listener_type = _listener_type(config, problems)
    views = _views(config, problems)
    if problems or settings is None:
        raise ConfigurationError(problems)
    return ExtensionConfig(settings, workers, deploy, celery, listener_type, views)


def _with_extension_hints(problems: list[str]) -> list[str]:
    """Point a misspelt extension key (``CAMUNDA_WORKER``) at the key that was meant."""
    hinted = []
    for line in problems:
        if line.startswith("unknown setting ") and "did you mean" not in line:
            key = line.removeprefix("unknown setting ").strip("'\"")
            guess = difflib.get_close_matches(key, sorted(EXTENSION_KEYS), n=1)
            if guess:
                line = f"{line}; did you mean {guess[0]!r}?"
        hinted.append(line)
    return hinted


def _mapping(value: Any, key: str, problems: list[str]) -> Mapping[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        problems.append(f"{key}: expected a dict, got {type(value).__name__}")
        return None
    return value


def _unknown(given: Mapping[str, Any], allowed: set[str], key: str, problems: list[str]) -> None:
    unknown = sorted(set(given) - allowed)
    if unknown:
        problems.append(
            f"{key}: unknown key(s) {', '.join(map(repr, unknown))}; "
            f"expected some of {', '.join(sorted(allowed))}"
        )


def _workers(value: Any, problems: list[str]) -> WorkerOptionsConfig:
    config, found = parse_worker_options(value)
    problems.extend(_worker_problem(problem) for problem in found)
    return config


def _worker_problem(problem: OptionProblem) -> str:
    """One line per problem; unknown keys and options are worded as Flask always did."""
    where = f"CAMUNDA_WORKERS{problem.where}"
    if problem.unknown is not None and problem.kind == "section":
        return (
            f"{where}: unknown key(s) {problem.unknown!r}; expected some of {', '.join(SECTIONS)}"
        )
    if problem.unknown is not None:
        return (
            f"{where}: unknown worker option(s): {problem.unknown}; "
            f"valid options: {', '.join(OPTION_NAMES)}"
        )
    return f"{where}: {problem.message}"


def _deploy(value: Any, problems: list[str]) -> DeployConfig:
    key = "CAMUNDA_DEPLOY"
    given = _mapping(value, key, problems)
    if given is None:
        return DeployConfig()
    _unknown(given, {"RESOURCES", "AUTO_DEPLOY"}, key, problems)
    paths = given.get("RESOURCES", ())
    if isinstance(paths, (str, bytes)) or not all(isinstance(p, (str, PurePath)) for p in paths):
        problems.append(
            f"{key}['RESOURCES']: expected a list of folders or files, like ['processes'] "
            "(relative paths are relative to the app's root_path)"
        )
        paths = ()
    auto = given.get("AUTO_DEPLOY", False)
    if not isinstance(auto, bool):
        problems.append(f"{key}['AUTO_DEPLOY']: expected True or False, got {auto!r}")
        auto = False
    if auto and not paths:
        problems.append(
            f"{key}: AUTO_DEPLOY is True but RESOURCES is empty; list the resource folders"
        )
    return DeployConfig(tuple(str(p) for p in paths), auto)


def _celery(value: Any, problems: list[str]) -> CeleryConfig:
    key = "CAMUNDA_CELERY"
    given = _mapping(value, key, problems)
    if given is None:
        return CeleryConfig()
    _unknown(given, {"ENABLED", "APP", "QUEUES", "DEFAULT_QUEUE"}, key, problems)
    enabled = given.get("ENABLED", False)
    if not isinstance(enabled, bool):
        problems.append(f"{key}['ENABLED']: expected True or False, got {enabled!r}")
        enabled = False
    queues = _mapping(given.get("QUEUES"), f"{key}['QUEUES']", problems) or {}
    if not all(isinstance(q, str) and q for q in queues.values()):
        problems.append(f"{key}['QUEUES']: expected job type -> queue name strings")
        queues = {}
    default_queue = given.get("DEFAULT_QUEUE")
    if default_queue is not None and not (isinstance(default_queue, str) and default_queue):
        problems.append(f"{key}['DEFAULT_QUEUE']: expected a queue name")
        default_queue = None
    celery_app = given.get("APP")
    if celery_app is not None and not hasattr(celery_app, "send_task"):
        problems.append(
            f"{key}['APP']: expected a Celery app, got {type(celery_app).__name__} "
            "(or leave it out to use app.extensions['celery'])"
        )
        celery_app = None
    return CeleryConfig(enabled, celery_app, dict(queues), default_queue)


def _listener_type(config: Mapping[str, Any], problems: list[str]) -> str | None:
    key = "CAMUNDA_USER_TASK_LISTENER_TYPE"
    value = config.get(key, DEFAULT_LISTENER_JOB_TYPE)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        problems.append(f"{key}: expected a job type string, or None to not listen")
        return None
    return value


def _views(config: Mapping[str, Any], problems: list[str]) -> ViewsConfig:
    key = "CAMUNDA_VIEWS"
    given = _mapping(config.get(key), key, problems) or {}
    _unknown(given, {"ENABLED", "URL_PREFIX", "PAGE_SIZE"}, key, problems)
    enabled = given.get("ENABLED", True)
    if not isinstance(enabled, bool):
        problems.append(f"{key}['ENABLED']: expected True or False, got {enabled!r}")
    prefix = given.get("URL_PREFIX", "/camunda")
    if not (isinstance(prefix, str) and prefix.startswith("/")):
        problems.append(f"{key}['URL_PREFIX']: expected a path starting with '/', like '/camunda'")
        prefix = "/camunda"
    page_size = given.get("PAGE_SIZE", 25)
    if isinstance(page_size, bool) or not (isinstance(page_size, int) and 1 <= page_size <= 1000):
        problems.append(f"{key}['PAGE_SIZE']: expected a whole number from 1 to 1000")
        page_size = 25
    hooks: dict[str, Any] = {}
    for hook in ("CAMUNDA_VIEWS_AUTHORIZE", "CAMUNDA_VIEWS_USER"):
        hooks[hook] = config.get(hook)
        if hooks[hook] is not None and not callable(hooks[hook]):
            problems.append(f"{hook}: expected a function, got {type(hooks[hook]).__name__}")
            hooks[hook] = None
    return ViewsConfig(
        enabled=enabled is True,
        url_prefix=prefix.rstrip("/"),
        page_size=page_size,
        authorize=hooks["CAMUNDA_VIEWS_AUTHORIZE"],
        current_user=hooks["CAMUNDA_VIEWS_USER"],
    )
