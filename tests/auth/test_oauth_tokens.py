"""Fetching, caching and refreshing tokens against the live token server (F18, concurrency)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fake_clock import FakeClock
from token_server import TOKEN_PATH, TOPOLOGY_PATH, TokenServer

from camunda_core import AsyncCamundaClient, CamundaClient
from camunda_core.auth import auth_from_settings
from camunda_core.auth.oauth import OAuthClientCredentials
from camunda_core.settings import load_settings

MakeAuth = Callable[..., OAuthClientCredentials]


def test_the_token_request_is_a_client_credentials_form(
    server: TokenServer, oauth_settings: dict[str, Any]
) -> None:
    with CamundaClient(
        **oauth_settings, token_audience="orchestration-api", token_scope="camunda"
    ) as client:
        topology = client.get_topology()
        client.get_topology()

    assert topology.gateway_version == "8.8.0"
    assert server.token_forms == [
        {
            "grant_type": "client_credentials",
            "client_id": server.client_id,
            "client_secret": server.client_secret,
            "audience": "orchestration-api",
            "scope": "camunda",
        }
    ]
    token = server.issued_tokens[0]
    api_calls = [r for r in server.requests if r.path == TOPOLOGY_PATH]
    assert [r.authorization for r in api_calls] == [f"Bearer {token}"] * 2


def test_audience_and_scope_are_left_out_when_unset(
    server: TokenServer, oauth_settings: dict[str, Any]
) -> None:
    with CamundaClient(**oauth_settings, token_audience=None) as client:
        client.get_topology()

    assert set(server.token_forms[0]) == {"grant_type", "client_id", "client_secret"}


def test_auth_from_settings_builds_the_oauth_auth(oauth_settings: dict[str, Any]) -> None:
    settings = load_settings(**oauth_settings, token_cache_dir="/tmp/camunda-tokens")

    auth = auth_from_settings(settings)

    assert isinstance(auth, OAuthClientCredentials)
    assert settings.oauth_url in repr(auth)
    assert "/tmp/camunda-tokens" in repr(auth)


def test_the_token_is_refreshed_ahead_of_expiry(
    server: TokenServer, make_auth: MakeAuth, clock: FakeClock
) -> None:
    server.token_lifetime = 100  # refreshed from 80 s on: 20% of the lifetime
    with CamundaClient(rest_address=server.rest_address, auth=make_auth()) as client:
        client.get_topology()
        clock.advance(79)
        client.get_topology()
        assert server.count(TOKEN_PATH) == 1
        clock.advance(2)
        client.get_topology()
        assert server.count(TOKEN_PATH) == 2


def test_long_lived_tokens_are_refreshed_a_minute_ahead(
    server: TokenServer, make_auth: MakeAuth, clock: FakeClock
) -> None:
    server.token_lifetime = 3600
    with CamundaClient(rest_address=server.rest_address, auth=make_auth()) as client:
        client.get_topology()
        clock.advance(3600 - 61)
        client.get_topology()
        assert server.count(TOKEN_PATH) == 1
        clock.advance(2)
        client.get_topology()
        assert server.count(TOKEN_PATH) == 2


def test_f18_short_lived_tokens_never_reach_the_api_expired(
    server: TokenServer, oauth_settings: dict[str, Any]
) -> None:
    """Real time: tokens live 1 s and are replaced 0.2 s early, far above loopback latency."""
    server.token_lifetime = 1
    deadline = time.monotonic() + 10
    with CamundaClient(**oauth_settings) as client:
        while server.count(TOKEN_PATH) < 3 and time.monotonic() < deadline:
            client.get_topology()
            time.sleep(0.02)

    assert server.count(TOKEN_PATH) >= 3  # calls went on past the first token's expiry
    assert server.count(TOPOLOGY_PATH, status=401) == 0
    assert server.count(TOPOLOGY_PATH) == server.count(TOPOLOGY_PATH, status=200)


async def test_f18_short_lived_tokens_never_reach_the_api_expired_async(
    server: TokenServer, oauth_settings: dict[str, Any]
) -> None:
    server.token_lifetime = 1
    deadline = time.monotonic() + 10
    async with AsyncCamundaClient(**oauth_settings) as client:
        while server.count(TOKEN_PATH) < 3 and time.monotonic() < deadline:
            await client.get_topology()
            await asyncio.sleep(0.02)

    assert server.count(TOKEN_PATH) >= 3  # calls went on past the first token's expiry
    assert server.count(TOPOLOGY_PATH, status=401) == 0


def test_twenty_threads_on_a_cold_cache_fetch_one_token(
    server: TokenServer, oauth_settings: dict[str, Any]
) -> None:
    server.token_delay = 0.2  # every thread arrives while the fetch is in flight
    start = threading.Barrier(20)

    with CamundaClient(**oauth_settings) as client, ThreadPoolExecutor(20) as pool:

        def call(_: int) -> str:
            start.wait(timeout=5)
            return client.get_topology().gateway_version

        versions = list(pool.map(call, range(20)))

    assert versions == ["8.8.0"] * 20
    assert server.count(TOKEN_PATH) == 1
    assert server.count(TOPOLOGY_PATH, status=200) == 20


async def test_twenty_tasks_on_a_cold_cache_fetch_one_token(
    server: TokenServer, oauth_settings: dict[str, Any]
) -> None:
    server.token_delay = 0.2
    async with AsyncCamundaClient(**oauth_settings) as client:
        topologies = await asyncio.gather(*(client.get_topology() for _ in range(20)))

    assert len(topologies) == 20
    assert server.count(TOKEN_PATH) == 1
    assert server.count(TOPOLOGY_PATH, status=200) == 20


def test_threads_and_tasks_sharing_one_auth_fetch_one_token(
    server: TokenServer, make_auth: MakeAuth
) -> None:
    server.token_delay = 0.2
    auth = make_auth(clock=time.time)

    async def ten_tasks() -> int:
        async with AsyncCamundaClient(rest_address=server.rest_address, auth=auth) as client:
            return len(await asyncio.gather(*(client.get_topology() for _ in range(10))))

    with (
        CamundaClient(rest_address=server.rest_address, auth=auth) as client,
        ThreadPoolExecutor(10) as pool,
    ):
        futures = [pool.submit(client.get_topology) for _ in range(10)]
        task_results = asyncio.run(ten_tasks())
        thread_results = [future.result(timeout=10) for future in futures]

    assert task_results == len(thread_results) == 10
    assert server.count(TOKEN_PATH) == 1
