"""Reading ``settings.CAMUNDA``: late, cached, and forgotten when the setting changes.

Nothing here runs at import time, so ``override_settings(CAMUNDA=...)`` works and importing
``camunda_django`` needs no configured Django. ``AppConfig.ready()`` connects
``reset_caches`` to ``setting_changed``; tests and settings reloads then see fresh values.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings

from camunda_core import CamundaClient, CamundaSettings, ConfigurationError, load_settings
from camunda_django.config import SECTION_KEYS, DjangoConfig, parse_sections

__all__ = [
    "camunda_client",
    "camunda_settings",
    "core_settings_dict",
    "django_config",
    "raw_settings",
    "reset_caches",
]

#: Settings whose change invalidates what this module cached.
WATCHED_SETTINGS = frozenset({"CAMUNDA", "BASE_DIR"})

_client_lock = threading.Lock()
_client: CamundaClient | None = None


def raw_settings() -> Any:
    """``settings.CAMUNDA`` as given (an empty dict when absent)."""
    return getattr(settings, "CAMUNDA", {})


def base_dir() -> Path | None:
    """``settings.BASE_DIR``, the root of relative resource paths."""
    value = getattr(settings, "BASE_DIR", None)
    return Path(value) if value is not None else None


def core_settings_dict(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The ``CAMUNDA_*`` part of ``CAMUNDA`` (every key that is not a Django section)."""
    return {key: value for key, value in raw.items() if key not in SECTION_KEYS}


def _require_mapping(raw: Any) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise ConfigurationError(
            f"settings.CAMUNDA must be a dict, not {type(raw).__name__}: "
            'CAMUNDA = {"REST_ADDRESS": "http://localhost:8080"}'
        )
    return raw


@functools.cache
def camunda_settings() -> CamundaSettings:
    """The core settings: defaults < CAMUNDA_* environment < ``settings.CAMUNDA``."""
    return load_settings(core_settings_dict(_require_mapping(raw_settings())))


@functools.cache
def django_config() -> DjangoConfig:
    """WORKERS, DEPLOY, CELERY, LEDGER and the task-listener type; raises on any problem."""
    config, problems = parse_sections(_require_mapping(raw_settings()), base_dir())
    if problems:
        raise ConfigurationError([f"camunda.{p.check_id}: {p.message}" for p in problems])
    return config


def camunda_client() -> CamundaClient:
    """The process's shared sync client (thread safe), built from the current settings."""
    global _client
    with _client_lock:
        if _client is None:
            _client = CamundaClient(camunda_settings())
        return _client


def reset_caches(*, setting: str, **kwargs: Any) -> None:
    """``setting_changed`` receiver: forget cached settings and close the shared client."""
    global _client
    if setting not in WATCHED_SETTINGS:
        return
    camunda_settings.cache_clear()
    django_config.cache_clear()
    with _client_lock:
        client, _client = _client, None
    if client is not None:
        client.close()
