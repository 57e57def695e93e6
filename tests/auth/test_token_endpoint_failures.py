"""A token endpoint that fails or is down: back-off, never hammered, cached token kept (F21)."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
import pytest
from fake_clock import FakeClock
from pydantic import SecretStr
from token_server import TOKEN_PATH, TOPOLOGY_PATH, TokenServer

from camunda_core import AsyncCamundaClient, CamundaClient
from camunda_core.auth._backoff import MAX_DELAY, MIN_GATE_DELAY, BackoffGate, jittered_delay
from camunda_core.auth._token_endpoint import DEFAULT_LIFETIME, TokenEndpoint, TokenFetchError
from camunda_core.auth.oauth import OAuthClientCredentials
from camunda_core.errors import AuthenticationError, ConfigurationError

MakeAuth = Callable[..., OAuthClientCredentials]


def _refresh_warnings(caplog: pytest.LogCaptureFixture) -> int:
    return sum("Could not refresh the OAuth token" in r.getMessage() for r in caplog.records)


def test_server_errors_are_retried_with_back_off(server: TokenServer, make_auth: MakeAuth) -> None:
    server.fail_token_requests(2, status=503)
    with CamundaClient(rest_address=server.rest_address, auth=make_auth()) as client:
        client.get_topology()

    assert [r.status for r in server.requests if r.path == TOKEN_PATH] == [503, 503, 200]


async def test_server_errors_are_retried_with_back_off_async(
    server: TokenServer, make_auth: MakeAuth
) -> None:
    server.fail_token_requests(2, status=502)
    async with AsyncCamundaClient(rest_address=server.rest_address, auth=make_auth()) as client:
        await client.get_topology()

    assert server.count(TOKEN_PATH) == 3


def test_retries_are_bounded_then_a_back_off_keeps_callers_away(
    server: TokenServer, make_auth: MakeAuth, clock: FakeClock
) -> None:
    server.fail_token_requests(1000, status=503)
    with CamundaClient(rest_address=server.rest_address, auth=make_auth()) as client:
        with pytest.raises(AuthenticationError) as info:
            client.get_topology()
        assert server.count(TOKEN_PATH) == 3  # CAMUNDA_OAUTH_RETRY_MAX attempts
        for _ in range(10):
            with pytest.raises(AuthenticationError):
                client.get_topology()
        assert server.count(TOKEN_PATH) == 3

        clock.advance(1)  # past the back-off: one more fetch, with its own retries
        server.fail_token_requests(0)
        client.get_topology()

    assert server.token_url in str(info.value)
    assert "503" in str(info.value)
    assert "3 attempts" in str(info.value)
    assert server.count(TOKEN_PATH) == 4


async def test_an_unreachable_token_endpoint_is_an_authentication_error(
    server: TokenServer, make_auth: MakeAuth
) -> None:
    server.go_down("token")
    async with AsyncCamundaClient(rest_address=server.rest_address, auth=make_auth()) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.get_topology()

    assert "no answer (ConnectError" in str(info.value)
    assert "CAMUNDA_OAUTH_URL" in str(info.value)
    assert server.count(TOPOLOGY_PATH) == 0


def test_f21_the_cached_token_keeps_working_while_the_token_endpoint_is_down(
    server: TokenServer, make_auth: MakeAuth, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    server.token_lifetime = 100  # refresh due from 80 s, expired at 100 s
    with CamundaClient(rest_address=server.rest_address, auth=make_auth()) as client:
        client.get_topology()
        server.go_down("token")

        clock.advance(85)
        for _ in range(5):
            client.get_topology()
        assert _refresh_warnings(caplog) == 1  # one quiet attempt, then the back-off

        clock.advance(5)
        client.get_topology()
        assert _refresh_warnings(caplog) == 2  # tried again once the back-off was over

        clock.advance(15)  # now really expired: the failure surfaces
        with pytest.raises(AuthenticationError, match="no answer"):
            client.get_topology()

        server.come_back("token")
        clock.advance(5)  # past the back-off of three failures
        client.get_topology()

    assert server.count(TOKEN_PATH) == 2
    assert server.count(TOPOLOGY_PATH, status=401) == 0
    assert server.count(TOPOLOGY_PATH, status=200) == 8


async def test_f21_refresh_attempts_are_spaced_by_the_back_off(
    server: TokenServer, make_auth: MakeAuth, clock: FakeClock
) -> None:
    server.token_lifetime = 100
    async with AsyncCamundaClient(rest_address=server.rest_address, auth=make_auth()) as client:
        await client.get_topology()
        server.fail_token_requests(1000, status=500)
        clock.advance(85)
        for _ in range(5):
            await client.get_topology()
        assert server.count(TOKEN_PATH) == 2  # one refresh attempt, no retry while valid
        clock.advance(1)
        for _ in range(5):
            await client.get_topology()
        assert server.count(TOKEN_PATH) == 3

    assert server.count(TOPOLOGY_PATH, status=200) == 11


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"<html>login</html>", "not JSON"),
        (b"[]", "not a JSON object"),
        (b'{"token_type": "Bearer"}', "no usable access_token"),
        (b'{"access_token": "a b", "expires_in": 60}', "no usable access_token"),
        (b'{"access_token": "abc", "token_type": "mac"}', "not Bearer"),
        (b'{"access_token": "abc", "expires_in": "soon"}', "not a number"),
        (b'{"access_token": "abc", "expires_in": 0}', "positive"),
    ],
)
def test_an_answer_that_is_not_a_token_is_not_retried(body: bytes, problem: str) -> None:
    endpoint = TokenEndpoint("https://idp.example/oauth/token", "client", SecretStr("secret"))

    with pytest.raises(TokenFetchError) as info:
        endpoint.token_from(httpx.Response(200, content=body), requested_at=0.0)

    assert problem in info.value.reason
    assert not info.value.retryable


def test_expires_in_may_be_a_string_or_missing() -> None:
    endpoint = TokenEndpoint("https://idp.example/oauth/token", "client", SecretStr("secret"))

    given = endpoint.token_from(
        httpx.Response(200, json={"access_token": "abc", "expires_in": "120"}), requested_at=0.0
    )
    missing = endpoint.token_from(
        httpx.Response(200, json={"access_token": "abc", "token_type": "bearer"}), requested_at=0.0
    )

    assert given.expires_at == 120
    assert missing.expires_at == DEFAULT_LIFETIME


@pytest.mark.parametrize(
    ("option", "variable"),
    [
        ({"token_url": "idp.example/token"}, "CAMUNDA_OAUTH_URL"),
        ({"timeout": 0}, "CAMUNDA_OAUTH_TIMEOUT_MS"),
        ({"retry_attempts": 0}, "CAMUNDA_OAUTH_RETRY_MAX"),
        ({"retry_base_delay": -1}, "CAMUNDA_OAUTH_RETRY_BASE_DELAY_MS"),
    ],
)
def test_invalid_options_are_refused(
    make_auth: MakeAuth, option: dict[str, object], variable: str
) -> None:
    with pytest.raises(ConfigurationError, match=variable):
        make_auth(**option)


def test_refresh_failures_are_logged_as_warnings(
    server: TokenServer, make_auth: MakeAuth, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="camunda_core.auth")
    with CamundaClient(rest_address=server.rest_address, auth=make_auth()) as client:
        client.get_topology()
        server.fail_token_requests(1, status=503)
        clock.advance(50)
        client.get_topology()

    (record,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert server.token_url in record.getMessage()
    assert "stays in use" in record.getMessage()


def test_back_off_doubles_with_jitter_up_to_a_bound() -> None:
    delays = [jittered_delay(1.0, failures) for failures in range(1, 12)]

    assert 0.5 <= delays[0] <= 1.0
    assert 4.0 <= delays[3] <= 8.0
    assert all(MAX_DELAY / 2 <= delay <= MAX_DELAY for delay in delays[-3:])


def test_a_gate_spaces_callers_even_with_no_configured_delay() -> None:
    gate = BackoffGate(base_delay=0.0)

    wait = gate.close_after_failure(now=100.0)

    assert wait >= MIN_GATE_DELAY / 2
    assert not gate.is_open(100.0)
    assert gate.is_open(100.0 + wait)
    gate.reset()
    assert gate.is_open(100.0)
