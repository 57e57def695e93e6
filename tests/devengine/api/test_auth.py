"""Auth modes: none, Basic, and bearer tokens from the engine's own client-credentials endpoint."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fake_clock import FakeClock
from fake_engine import FakeEngine
from pydantic import SecretStr

from camunda_core import CamundaClient
from camunda_core.client import NO_RETRY
from camunda_core.devengine import AuthConfig, DevEngine
from camunda_core.devengine.http import Authenticator
from camunda_core.errors import UnauthorizedError

SECRET = "s3cr3t-for-tests-only"
OAUTH = AuthConfig(
    mode="oauth", clients={"worker": SecretStr(SECRET)}, audience="zeebe-api", token_lifetime=60
)


def engine_with(auth: AuthConfig) -> DevEngine:
    return DevEngine(FakeEngine(), auth=auth)


def test_without_auth_anything_goes(raw: httpx.Client) -> None:
    assert raw.get("/topology").status_code == 200


def test_basic_accepts_the_configured_user() -> None:
    auth = AuthConfig(mode="basic", username="ada", password=SecretStr(SECRET))
    with engine_with(auth) as dev, dev.client(retry=NO_RETRY) as camunda:
        assert camunda.get_topology().cluster_size == 1
        assert camunda.get_authentication().username == "ada"


@pytest.mark.parametrize(
    "credentials", [("ada", "wrong"), ("bob", SECRET), None], ids=["password", "user", "none"]
)
def test_basic_refuses_anything_else(credentials: tuple[str, str] | None) -> None:
    auth = AuthConfig(mode="basic", username="ada", password=SecretStr(SECRET))
    with engine_with(auth) as dev, httpx.Client(transport=dev.transport(), auth=credentials) as h:
        response = h.get("http://devengine/v2/topology")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Basic realm=")
    assert response.json()["title"] == "Unauthorized"
    assert SECRET not in response.text


def test_status_answers_without_credentials() -> None:
    with engine_with(OAUTH) as dev, httpx.Client(transport=dev.transport()) as h:
        assert h.get("http://devengine/v2/status").status_code == 204


@pytest.fixture
def oauth_server() -> Iterator[tuple[DevEngine, str]]:
    with engine_with(OAUTH) as dev, dev.serve() as url:
        yield dev, url


def token_url(rest_address: str) -> str:
    return rest_address.removesuffix("/v2") + "/oauth/token"


def test_bearer_tokens_from_the_token_endpoint_work(oauth_server: tuple[DevEngine, str]) -> None:
    _, url = oauth_server
    with CamundaClient(
        rest_address=url,
        oauth_url=token_url(url),
        client_id="worker",
        client_secret=SECRET,
        token_audience="zeebe-api",
        retry=NO_RETRY,
    ) as camunda:
        assert camunda.get_topology().gateway_version == "8.9.0"
        assert camunda.get_authentication().username == "worker"


@pytest.mark.parametrize(
    ("form", "status", "error"),
    [
        (
            {"grant_type": "client_credentials", "client_id": "worker", "client_secret": "no"},
            401,
            "invalid_client",
        ),
        (
            {"grant_type": "client_credentials", "client_id": "nobody", "client_secret": SECRET},
            401,
            "invalid_client",
        ),
        (
            {"grant_type": "password", "client_id": "worker", "client_secret": SECRET},
            400,
            "unsupported_grant_type",
        ),
        (
            {"grant_type": "client_credentials", "client_id": "worker", "client_secret": SECRET},
            400,
            "invalid_target",
        ),
    ],
)
def test_the_token_endpoint_refuses_bad_requests(
    oauth_server: tuple[DevEngine, str], form: dict[str, str], status: int, error: str
) -> None:
    _, url = oauth_server
    response = httpx.post(token_url(url), data=form)
    assert (response.status_code, response.json()) == (status, {"error": error})


def test_a_token_grants_access_until_it_expires(oauth_server: tuple[DevEngine, str]) -> None:
    dev, url = oauth_server
    clock = FakeClock()
    dev.app.auth = Authenticator(OAUTH, clock=clock)
    form = {
        "grant_type": "client_credentials",
        "client_id": "worker",
        "client_secret": SECRET,
        "audience": "zeebe-api",
    }
    issued = httpx.post(token_url(url), data=form).json()
    assert issued["token_type"] == "Bearer"
    assert issued["expires_in"] == 60
    headers = {"Authorization": f"Bearer {issued['access_token']}"}
    assert httpx.get(f"{url}/topology", headers=headers).status_code == 200
    clock.advance(61)
    expired = httpx.get(f"{url}/topology", headers=headers)
    assert expired.status_code == 401
    assert 'error="invalid_token"' in expired.headers["www-authenticate"]


def test_a_request_without_a_token_is_refused(oauth_server: tuple[DevEngine, str]) -> None:
    _, url = oauth_server
    with (
        CamundaClient(rest_address=url, retry=NO_RETRY) as camunda,
        pytest.raises(UnauthorizedError),
    ):
        camunda.get_topology()


def test_the_token_endpoint_needs_oauth_mode(served: str) -> None:
    assert (
        httpx.post(token_url(served), data={"grant_type": "client_credentials"}).status_code == 404
    )
