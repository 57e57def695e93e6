"""Fixtures of the Django example's tests. They need Django configured with the example's
settings (``shop.settings``), while ``tests/djangoapp`` configures it with its test project,
and one process holds one Django configuration. So the suite runs them in a pytest process of
their own (``tests/example/test_site.py`` starts it with ``DJANGO_SETTINGS_MODULE`` set);
``pytest tests/example/site_tests`` alone works too: Django is then configured here, with the
example's state folder in a temporary directory.

Every test gets a fresh dev engine over HTTP (the ``camunda_core.testing`` fixtures) with the
example's processes deployed, and the site's ``CAMUNDA["REST_ADDRESS"]`` pointing at it.
"""

from __future__ import annotations

import atexit
import importlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import django
import pytest
from django.conf import settings

from camunda_core import CamundaClient

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parents[2] / "example_project"
PROCESSES = EXAMPLE / "processes"

for _path in (EXAMPLE / "django_site", HERE):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

if not settings.configured:  # run alone: configure the example's settings here
    if "EXAMPLE_VAR_DIR" not in os.environ:
        os.environ["EXAMPLE_VAR_DIR"] = _state = tempfile.mkdtemp(prefix="example-site-tests-")
        atexit.register(shutil.rmtree, _state, ignore_errors=True)
    _module = importlib.import_module("shop.settings")
    settings.configure(**{name: getattr(_module, name) for name in dir(_module) if name.isupper()})
    django.setup()
elif settings.ROOT_URLCONF != "shop.urls":
    raise pytest.UsageError(
        "tests/example/site_tests need the example's Django settings, but Django is configured "
        "for another project in this session: run them alone, or through "
        "tests/example/test_site.py (which the suite does)"
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings() -> None:
    """The test database is a file, so the worker's threads share it (not SQLite in memory)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        test_name = Path(os.environ["EXAMPLE_VAR_DIR"]) / "test-db.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(test_name)


@pytest.fixture
def camunda(camunda_server: str, settings: Any) -> Iterator[CamundaClient]:
    """A client of this test's engine, which has the example's processes; the site uses it."""
    settings.CAMUNDA = {
        **settings.CAMUNDA,
        "REST_ADDRESS": camunda_server,
        "WORKER_REQUEST_TIMEOUT_MS": 1000,
        # The stock check retries at once in tests, so its incident comes without waiting.
        "WORKERS": {"TYPES": {"check-stock": {"retry_backoff_ms": 0}}},
    }
    with CamundaClient(rest_address=camunda_server) as client:
        for path in sorted(PROCESSES.iterdir()):
            client.create_deployment(path)
        yield client


@pytest.fixture
def admin_client(client: Any, django_user_model: Any) -> Any:
    """The test client, logged in as a superuser (a manager by the example's rule)."""
    admin = django_user_model.objects.create_superuser("admin", password="not-a-secret")
    client.force_login(admin)
    return client


@pytest.fixture
def clerk_client(client: Any, django_user_model: Any) -> Any:
    """The test client, logged in as staff who may complete tasks but is no manager."""
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user("clerk", password="not-a-secret", is_staff=True)
    clerk.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="camunda_django",
            codename__in=["view_usertask", "assign_usertask", "complete_usertask"],
        )
    )
    client.force_login(clerk)
    return client
