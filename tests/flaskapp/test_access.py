"""S2: state changes only by POST with a CSRF token by an authorised user; refusals reach no engine.

The app's client is bound to a transport that records requests and answers none, so any
request that got through would both fail the page and show in ``engine.requests``.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from client_fakes import Script
from flask import Flask
from flask.testing import FlaskClient

from camunda_core import CamundaClient
from camunda_flask import Camunda, get_state
from camunda_flask.views import ACTIONS

from .conftest import AppFactory

STATE_CHANGES = [
    "/camunda/tasks/2251799813685249/assign",
    "/camunda/tasks/2251799813685249/unassign",
    "/camunda/tasks/2251799813685249/complete",
    "/camunda/incidents/2251799813685249/retry",
    "/camunda/incidents/2251799813685249/resolve",
]
TOKEN = "known-test-token"


def _app(
    make_app: AppFactory, authorize: Callable[[str], bool] | None, *, debug: bool = False
) -> tuple[Flask, Script]:
    app = make_app("guarded", CAMUNDA_VIEWS_AUTHORIZE=authorize)
    app.debug = debug
    Camunda(app)
    engine = Script()
    get_state(app).use_client(
        CamundaClient(rest_address="http://camunda.test", transport=httpx.MockTransport(engine))
    )
    return app, engine


def _with_token(client: FlaskClient) -> FlaskClient:
    with client.session_transaction() as session:
        session["_camunda_csrf"] = TOKEN
    return client


@pytest.mark.parametrize("path", STATE_CHANGES)
def test_a_state_change_by_get_is_405(make_app: AppFactory, path: str) -> None:
    app, engine = _app(make_app, lambda action: True)
    assert app.test_client().get(path).status_code == 405
    assert engine.requests == []


@pytest.mark.parametrize("path", STATE_CHANGES)
@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_a_post_without_the_right_csrf_token_is_403(
    make_app: AppFactory, path: str, token: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    app, engine = _app(make_app, lambda action: True)
    client = _with_token(app.test_client())
    data = {"retries": "1", "__variables__": "{}"}
    if token is not None:
        data["csrf_token"] = token
    response = client.post(path, data=data)
    assert response.status_code == 403
    assert "missing or wrong CSRF token" in caplog.text
    assert engine.requests == []


def test_a_post_without_any_session_is_403(make_app: AppFactory) -> None:
    app, engine = _app(make_app, lambda action: True)
    response = app.test_client().post(STATE_CHANGES[0], data={"csrf_token": ""})
    assert response.status_code == 403
    assert engine.requests == []


@pytest.mark.parametrize("path", STATE_CHANGES)
def test_a_user_the_hook_refuses_gets_403_even_with_a_valid_token(
    make_app: AppFactory, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    asked: list[str] = []

    def view_only(action: str) -> bool:
        asked.append(action)
        return action.endswith(".view")

    app, engine = _app(make_app, view_only)
    response = _with_token(app.test_client()).post(path, data={"csrf_token": TOKEN})
    assert response.status_code == 403
    assert engine.requests == []
    assert len(asked) == 1
    assert asked[0] in ACTIONS
    assert not asked[0].endswith(".view")
    assert f"Refused POST {path}" in caplog.text


@pytest.mark.parametrize(
    "path", ["/camunda/tasks", "/camunda/incidents", "/camunda/tasks/1", "/camunda/"]
)
def test_without_an_authorize_hook_every_page_is_403(make_app: AppFactory, path: str) -> None:
    app, engine = _app(make_app, None)
    response = app.test_client().get(path)
    assert response.status_code == 403
    assert b"CAMUNDA_VIEWS_AUTHORIZE" not in response.data  # the how-to is for debug mode only
    assert engine.requests == []


def test_in_debug_mode_the_403_page_says_how_to_allow_access(make_app: AppFactory) -> None:
    app, engine = _app(make_app, None, debug=True)
    response = app.test_client().get("/camunda/tasks")
    assert response.status_code == 403
    assert b"CAMUNDA_VIEWS_AUTHORIZE" in response.data
    assert engine.requests == []


@pytest.mark.parametrize("key", ["abc", "12a", "-1", "1" * 21, "١٢٣"])
def test_keys_that_are_not_digits_are_404_before_the_engine(make_app: AppFactory, key: str) -> None:
    app, engine = _app(make_app, lambda action: True)
    client = _with_token(app.test_client())
    assert client.get(f"/camunda/tasks/{key}").status_code == 404
    assert (
        client.post(f"/camunda/incidents/{key}/resolve", data={"csrf_token": TOKEN}).status_code
        == 404
    )
    assert engine.requests == []


def test_pages_carry_a_content_security_policy(make_app: AppFactory) -> None:
    app, _ = _app(make_app, None)
    response = app.test_client().get("/camunda/tasks")
    assert "script-src" not in response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
