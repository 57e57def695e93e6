"""Django for the tests in this folder only.

The rest of the suite runs without Django configured, so nothing here is global: no
``DJANGO_SETTINGS_MODULE`` in the environment or in pytest's ini options (subprocesses of other
tests never inherit one). Instead this conftest, which pytest imports only when it collects
this folder, configures ``django.conf.settings`` from the test project's settings module and
sets Django up. pytest-django's fixtures (``django_db``, ``client``, ``live_server``...) find
the settings configured when they first run, which is after collection. Running another
folder alone (``pytest tests/worker``) never imports Django's settings at all.

Subprocesses (``manage.py check``, the worker, Celery workers) get their own
``DJANGO_SETTINGS_MODULE`` in the environment they are started with.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import django
import pytest
from django.conf import settings

from camunda_core import CamundaClient

HERE = Path(__file__).resolve().parent
SETTINGS_MODULE = "camunda_testsite.settings"

if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))  # the test project's package

if not settings.configured:
    import importlib

    _module = importlib.import_module(SETTINGS_MODULE)
    settings.configure(**{name: getattr(_module, name) for name in dir(_module) if name.isupper()})
    django.setup()


@pytest.fixture(autouse=True, scope="session")
def _database_blocked_unless_asked(django_db_blocker: object) -> Iterator[None]:
    """As under ``DJANGO_SETTINGS_MODULE``: tests without ``django_db`` get no database."""
    with django_db_blocker.block():  # type: ignore[attr-defined]
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """pytest-django's test database, and a check that nothing still uses it at the end.

    On PostgreSQL a session left open (a thread's connection, a killed worker's child) keeps
    the database from being dropped, with a message that names no one. This waits for such
    sessions briefly (a killed process's backend needs a moment), then fails naming them.
    """
    yield
    with django_db_blocker.unblock():
        lingering = _other_sessions(deadline=time.monotonic() + 10)
    assert not lingering, f"sessions still open on the test database at the end: {lingering}"


def _other_sessions(deadline: float) -> list[tuple[Any, ...]]:
    """Other sessions on the PostgreSQL test database once they had until ``deadline`` to go.

    Any still there are terminated (so the database can be dropped) and returned.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    query = (
        "SELECT pid, application_name, client_addr, state, left(query, 200) "
        "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    with connection.cursor() as cursor:
        while True:
            cursor.execute(query)
            rows = cursor.fetchall()
            if not rows or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        for row in rows:
            cursor.execute("SELECT pg_terminate_backend(%s)", [row[0]])
    return [tuple(row) for row in rows]


# --- the dev engine -------------------------------------------------------------------------------
class Engine(NamedTuple):
    """A dev engine with the test app's models deployed, and its URL over real HTTP."""

    dev: Any
    url: str


def _deploy_models(url: str) -> None:
    from djangoapp_support import PROCESSES

    with CamundaClient(rest_address=url) as client:
        for path in sorted(PROCESSES.iterdir()):
            client.create_deployment(path)


@pytest.fixture(scope="session")
def _shared_engine() -> Iterator[Engine]:
    from camunda_core.devengine import DevEngine

    with DevEngine() as dev, dev.serve() as url:
        _deploy_models(url)
        yield Engine(dev, url)


@pytest.fixture
def engine(_shared_engine: Engine) -> Engine:
    """One engine for the session: fast, and tests keep apart by their own instance keys.

    A module whose tests must not see each other's jobs (workers poll whatever is there)
    overrides this with ``isolated_engine``.
    """
    return _shared_engine


@pytest.fixture
def isolated_engine(camunda_engine: Any, camunda_server: str) -> Engine:
    """A fresh engine for this test (camunda_core.testing's fixtures), models deployed."""
    _deploy_models(camunda_server)
    return Engine(camunda_engine, camunda_server)


@pytest.fixture
def dev_engine(engine: Engine) -> Any:
    """The ``DevEngine`` of this test."""
    return engine.dev


@pytest.fixture
def engine_url(engine: Engine) -> str:
    """The engine over real HTTP on a free loopback port (``http://127.0.0.1:<port>/v2``)."""
    return engine.url


@pytest.fixture
def camunda(engine_url: str, settings: Any) -> Iterator[CamundaClient]:
    """A client of the engine over HTTP; ``settings.CAMUNDA`` points at the engine too."""
    settings.CAMUNDA = {**settings.CAMUNDA, "REST_ADDRESS": engine_url}
    with CamundaClient(rest_address=engine_url) as client:
        yield client


@pytest.fixture
def engine_calls(dev_engine: Any) -> Iterator[list[str]]:
    """The operation ids of every request the engine answers while the test runs."""
    calls: list[str] = []

    def record(request: Any, response: Any, operation_id: str | None) -> None:
        calls.append(operation_id or f"{request.method} {request.path}")

    dev_engine.app.add_response_observer(record)
    yield calls
    dev_engine.app.remove_response_observer(record)


@pytest.fixture
def engine_faults(dev_engine: Any) -> Iterator[Any]:
    """The engine's fault hooks, cleared after the test."""
    yield dev_engine.faults
    dev_engine.faults.clear()


# --- admin users ----------------------------------------------------------------------------------
@pytest.fixture
def staff_user(django_user_model: Any) -> Any:
    """``staff_user("name", "view_usertask", ...)``: a staff user with those camunda_django perms."""
    from django.contrib.auth.models import Permission

    def make(username: str, *codenames: str) -> Any:
        user = django_user_model.objects.create_user(
            username=username, password="not-a-secret", is_staff=True
        )
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="camunda_django", codename__in=codenames
            )
        )
        return user

    return make


@pytest.fixture
def operator_client(client: Any, staff_user: Any) -> Any:
    """A logged-in staff user who may view and act on user tasks and incidents."""
    user = staff_user(
        "operator",
        "view_usertask",
        "assign_usertask",
        "complete_usertask",
        "view_incident",
        "resolve_incident",
    )
    client.force_login(user)
    return client
