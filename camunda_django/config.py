"""The Django-only sections of ``settings.CAMUNDA``: WORKERS, DEPLOY, CELERY, LEDGER and the
task-listener job type, parsed into typed values with one ``Problem`` per mistake.

Everything else in ``CAMUNDA`` belongs to ``camunda_core.load_settings``, which validates it.
Parsing never raises: the system checks show every problem at once with its id and a hint,
and ``camunda_django.conf`` raises them together when code needs the values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from camunda_core.worker.config import WorkerOptionsConfig, parse_worker_options
from camunda_core.worker.task_listeners import DEFAULT_LISTENER_JOB_TYPE

__all__ = [
    "SECTION_KEYS",
    "CeleryConfig",
    "DeployConfig",
    "DjangoConfig",
    "Problem",
    "parse_sections",
]

#: Keys of ``CAMUNDA`` that are Django's own; every other key is a ``CAMUNDA_*`` variable.
SECTION_KEYS = frozenset({"WORKERS", "DEPLOY", "CELERY", "USER_TASK_LISTENER_TYPE", "LEDGER"})

_DEPLOY_KEYS = ("RESOURCES", "AUTO_DEPLOY")
_CELERY_KEYS = ("ENABLED", "QUEUES", "DEFAULT_QUEUE")


@dataclass(frozen=True)
class Problem:
    """One invalid setting: the system-check id, what is wrong, and what to do."""

    check_id: str
    message: str
    hint: str


@dataclass(frozen=True)
class DeployConfig:
    """``CAMUNDA["DEPLOY"]``: the resources to deploy, resolved to absolute paths."""

    resources: tuple[Path, ...] = ()
    auto_deploy: bool = False


@dataclass(frozen=True)
class CeleryConfig:
    """``CAMUNDA["CELERY"]``: whether ``camunda_worker`` dispatches to Celery, and where."""

    enabled: bool = False
    queues: Mapping[str, str] = field(default_factory=dict)
    default_queue: str | None = None


@dataclass(frozen=True)
class DjangoConfig:
    """Every Django-only setting, validated."""

    workers: WorkerOptionsConfig = field(default_factory=WorkerOptionsConfig)
    deploy: DeployConfig = field(default_factory=DeployConfig)
    celery: CeleryConfig = field(default_factory=CeleryConfig)
    user_task_listener_type: str | None = DEFAULT_LISTENER_JOB_TYPE
    ledger: bool = True


def parse_sections(
    raw: Mapping[str, Any], base_dir: Path | None
) -> tuple[DjangoConfig, list[Problem]]:
    """The Django sections of ``CAMUNDA`` and the problems found; invalid parts keep defaults."""
    problems: list[Problem] = []
    config = DjangoConfig(
        workers=_workers(raw.get("WORKERS"), problems),
        deploy=_deploy(raw.get("DEPLOY"), base_dir, problems),
        celery=_celery(raw.get("CELERY"), problems),
        user_task_listener_type=_listener_type(raw, problems),
        ledger=_flag(raw.get("LEDGER", True), 'CAMUNDA["LEDGER"]', "E041", problems, default=True),
    )
    return config, problems


# --- WORKERS --------------------------------------------------------------------------------
_WORKERS_CHECK_IDS = {"section": "E010", "option": "E011", "job_type": "E012"}


def _workers(raw: Any, problems: list[Problem]) -> WorkerOptionsConfig:
    config, found = parse_worker_options(raw)
    problems.extend(
        Problem(
            _WORKERS_CHECK_IDS[problem.kind],
            f'CAMUNDA["WORKERS"]{problem.where}: {problem.message}.',
            problem.hint,
        )
        for problem in found
    )
    return config


# --- DEPLOY ---------------------------------------------------------------------------------
_DEPLOY_HINT = (
    'Give DEPLOY as {"RESOURCES": ["processes/"], "AUTO_DEPLOY": False}: paths of .bpmn, .dmn and '
    ".form files or of directories holding them, relative to BASE_DIR or absolute."
)


def _deploy(raw: Any, base_dir: Path | None, problems: list[Problem]) -> DeployConfig:
    if raw is None:
        return DeployConfig()
    if not _section(raw, "DEPLOY", _DEPLOY_KEYS, "E020", _DEPLOY_HINT, problems):
        return DeployConfig()
    auto = _flag(
        raw.get("AUTO_DEPLOY", False), 'CAMUNDA["DEPLOY"]["AUTO_DEPLOY"]', "E023", problems
    )
    given = raw.get("RESOURCES", [])
    if isinstance(given, (str, Path)) or not isinstance(given, (list, tuple)):
        problems.append(
            Problem("E021", 'CAMUNDA["DEPLOY"]["RESOURCES"] must be a list of paths.', _DEPLOY_HINT)
        )
        return DeployConfig((), auto)
    paths: list[Path] = []
    for item in given:
        path = _resource_path(item, base_dir, problems)
        if path is not None:
            paths.append(path)
    return DeployConfig(tuple(paths), auto)


def _resource_path(item: Any, base_dir: Path | None, problems: list[Problem]) -> Path | None:
    if not isinstance(item, (str, Path)) or not str(item):
        problems.append(
            Problem(
                "E021", f'CAMUNDA["DEPLOY"]["RESOURCES"] holds {item!r}, not a path.', _DEPLOY_HINT
            )
        )
        return None
    path = Path(item)
    if not path.is_absolute():
        if base_dir is None:
            problems.append(
                Problem(
                    "E022",
                    f'CAMUNDA["DEPLOY"]["RESOURCES"] holds the relative path {str(item)!r}, '
                    "but settings.BASE_DIR is not set.",
                    "Set BASE_DIR (the project directory), or give absolute paths.",
                )
            )
            return None
        path = Path(base_dir) / path
    if not path.exists():
        problems.append(
            Problem(
                "E021",
                f'CAMUNDA["DEPLOY"]["RESOURCES"] names {path}, which does not exist.',
                "Fix the path (relative paths start at BASE_DIR), or remove the entry.",
            )
        )
        return None
    return path


# --- CELERY ---------------------------------------------------------------------------------
_CELERY_HINT = (
    'Give CELERY as {"ENABLED": True, "QUEUES": {"job-type": "queue"}, "DEFAULT_QUEUE": "camunda"}.'
)


def _celery(raw: Any, problems: list[Problem]) -> CeleryConfig:
    if raw is None:
        return CeleryConfig()
    if not _section(raw, "CELERY", _CELERY_KEYS, "E030", _CELERY_HINT, problems):
        return CeleryConfig()
    enabled = _flag(raw.get("ENABLED", False), 'CAMUNDA["CELERY"]["ENABLED"]', "E030", problems)
    queues = raw.get("QUEUES", {})
    if not isinstance(queues, Mapping) or not all(
        isinstance(k, str) and k and isinstance(v, str) and v for k, v in queues.items()
    ):
        problems.append(
            Problem(
                "E032",
                'CAMUNDA["CELERY"]["QUEUES"] must map job types to queue names (both strings).',
                _CELERY_HINT,
            )
        )
        queues = {}
    default_queue = raw.get("DEFAULT_QUEUE")
    if default_queue is not None and (not isinstance(default_queue, str) or not default_queue):
        problems.append(
            Problem(
                "E032",
                f'CAMUNDA["CELERY"]["DEFAULT_QUEUE"] must be a queue name, not {default_queue!r}.',
                "Give a non-empty string, or None for Celery's default queue.",
            )
        )
        default_queue = None
    if enabled and not _celery_installed():
        problems.append(
            Problem(
                "E031",
                'CAMUNDA["CELERY"]["ENABLED"] is True, but Celery is not installed.',
                "Install the extra: pip install camunda-integration[celery].",
            )
        )
    return CeleryConfig(enabled, dict(queues), default_queue)


def _celery_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("celery") is not None


# --- small values ---------------------------------------------------------------------------
def _listener_type(raw: Mapping[str, Any], problems: list[Problem]) -> str | None:
    value = raw.get("USER_TASK_LISTENER_TYPE", DEFAULT_LISTENER_JOB_TYPE)
    if value is None or (isinstance(value, str) and value.strip()):
        return value.strip() if isinstance(value, str) else None
    problems.append(
        Problem(
            "E040",
            f'CAMUNDA["USER_TASK_LISTENER_TYPE"] must be a job type, not {value!r}.',
            "Give the type of your zeebe:taskListener definitions "
            f"(default {DEFAULT_LISTENER_JOB_TYPE!r}), or None to handle no task listeners.",
        )
    )
    return DEFAULT_LISTENER_JOB_TYPE


def _flag(
    value: Any, where: str, check_id: str, problems: list[Problem], *, default: bool = False
) -> bool:
    if isinstance(value, bool):
        return value
    problems.append(
        Problem(check_id, f"{where} must be True or False, not {value!r}.", "Use a bool.")
    )
    return default


def _section(
    raw: Any, name: str, keys: tuple[str, ...], check_id: str, hint: str, problems: list[Problem]
) -> bool:
    """Whether ``raw`` is a dict with known keys; records a problem per mistake."""
    if not isinstance(raw, Mapping):
        problems.append(Problem(check_id, f'CAMUNDA["{name}"] must be a dict.', hint))
        return False
    unknown = sorted(str(key) for key in raw if key not in keys)
    for key in unknown:
        problems.append(
            Problem(
                check_id,
                f'CAMUNDA["{name}"] has the unknown key {key!r} (known: {", ".join(keys)}).',
                hint,
            )
        )
    return True
