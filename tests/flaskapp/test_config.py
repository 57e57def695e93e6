"""S5: invalid configuration stops ``init_app`` with the key named and the fix."""

from __future__ import annotations

from typing import Any

import pytest

from camunda_core import ConfigurationError
from camunda_flask import Camunda

from .conftest import AppFactory


def _problems(make_app: AppFactory, **config: Any) -> list[str]:
    app = make_app(**config)
    with pytest.raises(ConfigurationError) as caught:
        Camunda(app)
    assert "camunda" not in app.extensions, "a refused app must not be half-initialised"
    return caught.value.problems


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"CAMUNDA_REST_ADDRESS": "localhost:8080"}, "CAMUNDA_REST_ADDRESS: expected an http://"),
        (
            {"CAMUNDA_CLIENT_ID": "id", "CAMUNDA_BASIC_AUTH_USERNAME": "u"},
            "set CAMUNDA_AUTH_STRATEGY to OAUTH or BASIC",
        ),
        ({"CAMUNDA_RESTADDRESS": "http://x"}, "did you mean 'REST_ADDRESS'?"),
        (
            {"CAMUNDA_HTTP_TIMEOUT_MS": 1000, "CAMUNDA_WORKER_REQUEST_TIMEOUT_MS": 5000},
            "CAMUNDA_HTTP_TIMEOUT_MS (1000) must be greater than CAMUNDA_WORKER_REQUEST_TIMEOUT_MS",
        ),
        ({"CAMUNDA_WORKER": {}}, "did you mean 'CAMUNDA_WORKERS'?"),
        (
            {"CAMUNDA_WORKERS": {"TYPES": {"charge": {"timeout": 5}}}},
            "CAMUNDA_WORKERS['TYPES']['charge']: unknown worker option(s): timeout",
        ),
        (
            {"CAMUNDA_WORKERS": {"DEFAULTS": {"timeout_ms": -1}}},
            "CAMUNDA_WORKERS['DEFAULTS']: timeout_ms must be positive",
        ),
        ({"CAMUNDA_WORKERS": {"defaults": {}}}, "CAMUNDA_WORKERS: unknown key(s) 'defaults'"),
        (
            {"CAMUNDA_DEPLOY": {"RESOURCES": "processes"}},
            "CAMUNDA_DEPLOY['RESOURCES']: expected a list",
        ),
        ({"CAMUNDA_DEPLOY": {"AUTO_DEPLOY": True}}, "AUTO_DEPLOY is True but RESOURCES is empty"),
        (
            {"CAMUNDA_CELERY": {"ENABLED": "yes"}},
            "CAMUNDA_CELERY['ENABLED']: expected True or False",
        ),
        (
            {"CAMUNDA_CELERY": {"APP": "tasks:celery"}},
            "CAMUNDA_CELERY['APP']: expected a Celery app",
        ),
        (
            {"CAMUNDA_USER_TASK_LISTENER_TYPE": 3},
            "CAMUNDA_USER_TASK_LISTENER_TYPE: expected a job type",
        ),
        (
            {"CAMUNDA_VIEWS": {"URL_PREFIX": "camunda"}},
            "CAMUNDA_VIEWS['URL_PREFIX']: expected a path",
        ),
        ({"CAMUNDA_VIEWS": {"PAGE_SIZE": 0}}, "CAMUNDA_VIEWS['PAGE_SIZE']"),
        ({"CAMUNDA_VIEWS_AUTHORIZE": True}, "CAMUNDA_VIEWS_AUTHORIZE: expected a function"),
    ],
)
def test_each_invalid_setting_is_named_with_the_fix(
    make_app: AppFactory, config: dict[str, Any], expected: str
) -> None:
    problems = _problems(make_app, **config)
    assert any(expected in line for line in problems), problems


def test_every_problem_is_reported_at_once(make_app: AppFactory) -> None:
    problems = _problems(
        make_app,
        CAMUNDA_REST_ADDRESS="nope",
        CAMUNDA_WORKERS={"TYPES": {"x": {"bogus": 1}}},
        CAMUNDA_VIEWS={"ENABLED": "no"},
    )
    assert len(problems) == 3


def test_secrets_are_never_echoed(make_app: AppFactory) -> None:
    problems = _problems(
        make_app,
        CAMUNDA_AUTH_STRATEGY="OAUTH",
        CAMUNDA_CLIENT_ID="client",
        CAMUNDA_CLIENT_SECRET="s3cr3t-value",
        CAMUNDA_REST_ADDRESS="bad",
    )
    assert not any("s3cr3t-value" in line for line in problems)


def test_keys_without_the_camunda_prefix_are_not_ours(make_app: AppFactory) -> None:
    app = make_app(REST_ADDRESS="http://ignored", SQLALCHEMY_DATABASE_URI="sqlite://")
    Camunda(app)
