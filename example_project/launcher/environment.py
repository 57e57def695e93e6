"""The environment of the children: the launcher's, minus what would point them elsewhere.

``CAMUNDA_*`` and ``ZEEBE_*`` variables are dropped (a developer's own ones would aim the
example at another cluster, with credentials it must not use); each child gets the address of
its engine instead. ``DATABASE_URL`` and the rest pass through.
"""

from __future__ import annotations

import os
from pathlib import Path

from example_project.launcher.options import REPOSITORY

#: Variables that would point the children at another cluster, project or app.
_NOT_PASSED_ON = ("CAMUNDA_", "ZEEBE_", "DJANGO_SETTINGS_MODULE", "FLASK_APP", "FLASK_RUN_")

#: Workers get this long to finish their jobs after SIGTERM (the launcher waits a bit longer).
WORKER_SHUTDOWN_GRACE_MS = "10000"


def base_environment(state: Path) -> dict[str, str]:
    """The launcher's environment, minus ``_NOT_PASSED_ON``, plus the state folder."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(_NOT_PASSED_ON)}
    env.update(PYTHONUNBUFFERED="1", EXAMPLE_VAR_DIR=str(state))
    return env


def django_environment(state: Path, rest_address: str) -> dict[str, str]:
    """For ``manage.py`` commands of the Django site."""
    return {
        **base_environment(state),
        "DJANGO_SETTINGS_MODULE": "shop.settings",
        "CAMUNDA_REST_ADDRESS": rest_address,
        "CAMUNDA_WORKER_SHUTDOWN_GRACE_MS": WORKER_SHUTDOWN_GRACE_MS,
    }


def flask_environment(state: Path, rest_address: str) -> dict[str, str]:
    """For ``flask --app example_project.flask_app ...`` (the repository on the path)."""
    env = base_environment(state)
    path = env.get("PYTHONPATH")
    return {
        **env,
        "PYTHONPATH": os.pathsep.join([str(REPOSITORY), *([path] if path else [])]),
        "CAMUNDA_REST_ADDRESS": rest_address,
        "CAMUNDA_WORKER_SHUTDOWN_GRACE_MS": WORKER_SHUTDOWN_GRACE_MS,
    }
