"""A 401 from the API (F19, F20) and a token endpoint that refuses the credentials (F20)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fake_clock import FakeClock
from token_server import TOKEN_PATH, TOPOLOGY_PATH, TokenServer

from camunda_core import AsyncCamundaClient, CamundaClient
from camunda_core.auth.oauth import OAuthClientCredentials
from camunda_core.errors import AuthenticationError, UnauthorizedError

MakeAuth = Callable[..., OAuthClientCredentials]


def test_f19_one_401_refreshes_once_and_retries(
    server: TokenServer, oauth_settings: dict[str, Any]
) -> None:
    with CamundaClient(**oauth_settings) as client:
        client.get_topology()
        server.revoke_tokens()
        topology = client.get_topology()

    assert topology.cluster_size == 1
    assert server.count(TOKEN_PATH) == 2
    first, second = server.issued_tokens
    api_calls = [(r.authorization, r.status) for r in server.requests if r.path == TOPOLOGY_PATH]
    assert api_calls == [
        (f"Bearer {first}", 200),
        (f"Bearer {first}", 401),
        (f"Bearer {second}", 200),
    ]


async def test_f19_one_401_refreshes_once_and_retries_async(
    server: TokenServer, oauth_settings: dict[str, Any]
) -> None:
    async with AsyncCamundaClient(**oauth_settings) as client:
        await client.get_topology()
        server.revoke_tokens()
        await client.get_topology()

    assert server.count(TOKEN_PATH) == 2
    assert server.count(TOPOLOGY_PATH, status=401) == 1
    assert server.count(TOPOLOGY_PATH, status=200) == 2


def test_f19_callers_refused_together_share_one_refresh(
    server: TokenServer, oauth_settings: dict[str, Any]
) -> None:
    start = threading.Barrier(10)
    with CamundaClient(**oauth_settings) as client, ThreadPoolExecutor(10) as pool:
        client.get_topology()
        server.revoke_tokens()

        def call(_: int) -> int:
            start.wait(timeout=5)
            return client.get_topology().cluster_size

        sizes = list(pool.map(call, range(10)))

    assert sizes == [1] * 10
    assert server.count(TOKEN_PATH) == 2  # the first token, and one replacement for all ten


def test_f19_a_second_revocation_later_is_handled_again(
    server: TokenServer, make_auth: MakeAuth, clock: FakeClock
) -> None:
    with CamundaClient(rest_address=server.rest_address, auth=make_auth()) as client:
        for _ in range(3):
            server.revoke_tokens()
            client.get_topology()

    assert server.count(TOKEN_PATH) == 3  # the API accepted the new token: back to normal
    assert server.count(TOPOLOGY_PATH, status=200) == 3


def test_f20_permanent_401_is_bounded_and_spares_the_token_endpoint(
    server: TokenServer, make_auth: MakeAuth, clock: FakeClock
) -> None:
    server.reject_all_tokens = True
    with CamundaClient(rest_address=server.rest_address, auth=make_auth()) as client:
        for _ in range(5):
            with pytest.raises(UnauthorizedError) as info:
                client.get_topology()
        assert info.value.status == 401
        # The first call: a token, a 401, one forced refresh, a 401. The next four: the
        # refresh did not help moments ago, so each sends once and gets its 401 back.
        assert server.count(TOKEN_PATH) == 2
        assert server.count(TOPOLOGY_PATH) == 6

        clock.advance(1)  # the back-off is over: one more forced refresh is allowed
        with pytest.raises(UnauthorizedError):
            client.get_topology()
        assert server.count(TOKEN_PATH) == 3

        server.reject_all_tokens = False
        client.get_topology()


def test_f20_refused_credentials_raise_a_clear_error_without_retrying(
    server: TokenServer, make_auth: MakeAuth, clock: FakeClock
) -> None:
    auth = make_auth(client_secret="wrong-secret-never-shown")
    with CamundaClient(rest_address=server.rest_address, auth=auth) as client:
        with pytest.raises(AuthenticationError) as info:
            client.get_topology()
        for _ in range(5):  # within the back-off: refused at once, the endpoint is not asked
            with pytest.raises(AuthenticationError) as again:
                client.get_topology()

    message = str(info.value)
    assert info.value.status == 401
    assert server.token_url in message
    assert "401" in message
    assert "invalid_client" in message
    for variable in ("CAMUNDA_CLIENT_ID", "CAMUNDA_CLIENT_SECRET", "CAMUNDA_OAUTH_URL"):
        assert variable in message
    assert "wrong-secret-never-shown" not in message + str(again.value)
    assert "not asked again" in str(again.value)
    assert server.count(TOKEN_PATH) == 1
    assert server.count(TOPOLOGY_PATH) == 0


def test_f20_twenty_threads_with_refused_credentials_ask_once(
    server: TokenServer, make_auth: MakeAuth
) -> None:
    server.token_delay = 0.2
    auth = make_auth(client_secret="wrong-secret-never-shown")
    start = threading.Barrier(20)

    with CamundaClient(rest_address=server.rest_address, auth=auth) as client:

        def call(_: int) -> str:
            start.wait(timeout=5)
            with pytest.raises(AuthenticationError) as info:
                client.get_topology()
            return str(info.value)

        with ThreadPoolExecutor(20) as pool:
            messages = list(pool.map(call, range(20)))

    assert all(server.token_url in message for message in messages)
    assert server.count(TOKEN_PATH) == 1
