"""Handlers in <app>/camunda_workers.py are found like admin.py, when needed, and run with the
options of CAMUNDA["WORKERS"] applied."""

from __future__ import annotations

import subprocess
import sys

import pytest
from camunda_testsite.orders import camunda_workers
from django.test import override_settings
from djangoapp_support import HERE, site_environment

from camunda_core.worker import HandlerOptions
from camunda_django import job_worker
from camunda_django.conf import django_config
from camunda_django.registry import project_router
from camunda_django.worker import build_router

APP_TYPES = {"ship-order", "charge-card", "check-stock", "notify-customer"}


def test_handlers_of_installed_apps_are_discovered() -> None:
    router = project_router()
    assert set(router.job_types()) >= APP_TYPES
    handler = router.get("ship-order")
    assert handler is not None
    assert handler.func is camunda_workers.ship_order


def test_job_worker_is_the_public_decorator() -> None:
    import camunda_django

    assert camunda_django.__all__ == ["job_worker"]
    assert camunda_django.job_worker is job_worker


@pytest.mark.slow
def test_discovery_happens_on_demand_not_in_ready() -> None:
    code = (
        "import sys, django; django.setup(); "
        "name = 'camunda_testsite.orders.camunda_workers'; "
        "before = name in sys.modules; "
        "from camunda_django.registry import project_router; "
        "types = project_router().job_types(); "
        "print(before, name in sys.modules, 'ship-order' in types)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=site_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=HERE,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True"]


def test_worker_settings_fill_defaults_and_override_per_type() -> None:
    workers = {
        "DEFAULTS": {"max_jobs_active": 10, "timeout_ms": 5000, "heartbeat": True},
        "TYPES": {"ship-order": {"max_jobs_active": 2, "fetch_variables": ["order_id"]}},
    }
    with override_settings(CAMUNDA={"WORKERS": workers}):
        router, _senders = build_router(django_config())
    options = {handler.job_type: handler.options for handler in router}
    assert options["charge-card"].max_jobs_active == 4  # declared in code: DEFAULTS do not win
    assert options["check-stock"].max_jobs_active == 10
    assert options["ship-order"].max_jobs_active == 2  # TYPES win over the decorator
    assert options["ship-order"].fetch_variables == ("order_id",)
    assert {o.timeout_ms for o in options.values()} == {5000}
    assert all(o.heartbeat for o in options.values())


def test_the_task_listener_handler_follows_the_setting() -> None:
    with override_settings(CAMUNDA={}):
        router, senders = build_router(django_config())
        assert "user-task-events" in router
        assert senders["user-task-events"] is router.get("user-task-events").func.__wrapped__  # type: ignore[union-attr]
    with override_settings(CAMUNDA={"USER_TASK_LISTENER_TYPE": "approvals"}):
        router, _ = build_router(django_config())
        assert "approvals" in router
        assert "user-task-events" not in router
    with override_settings(CAMUNDA={"USER_TASK_LISTENER_TYPE": None}):
        router, _ = build_router(django_config())
        assert set(router.job_types()) == set(project_router().job_types())


def test_signal_senders_are_the_functions_as_written() -> None:
    with override_settings(CAMUNDA={"LEDGER": False}):
        router, senders = build_router(django_config())
    assert senders["ship-order"] is camunda_workers.ship_order
    wrapped = router.get("ship-order")
    assert wrapped is not None
    assert wrapped.func is not camunda_workers.ship_order  # closes stale connections around it
    assert wrapped.signature == project_router().get("ship-order").signature  # type: ignore[union-attr]
    assert wrapped.name == "camunda_testsite.orders.camunda_workers.ship_order"


def test_declared_options_survive_without_settings() -> None:
    with override_settings(CAMUNDA={}):
        router, _ = build_router(django_config())
    charge = router.get("charge-card")
    assert charge is not None
    assert charge.options == HandlerOptions(max_jobs_active=4)
