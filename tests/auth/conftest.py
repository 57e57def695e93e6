"""Fixtures of the auth tests: a live token server on loopback, a fake clock, quick settings.

Back-off delays are 10 ms and timeouts 2 s, so failure paths run in milliseconds; tests that
need time to pass for the auth move the fake clock instead of sleeping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fake_clock import FakeClock
from token_server import TokenServer

from camunda_core.auth.oauth import OAuthClientCredentials

MakeAuth = Callable[..., OAuthClientCredentials]


@pytest.fixture
def server() -> Iterator[TokenServer]:
    """The token endpoint and the API, tokens valid 60 s."""
    with TokenServer() as token_server:
        yield token_server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_auth(server: TokenServer, clock: FakeClock) -> MakeAuth:
    """``OAuthClientCredentials`` for ``server`` on the fake clock; keywords override."""

    def make(**options: Any) -> OAuthClientCredentials:
        defaults: dict[str, Any] = {
            "token_url": server.token_url,
            "client_id": server.client_id,
            "client_secret": server.client_secret,
            "timeout": 2.0,
            "retry_attempts": 3,
            "retry_base_delay": 0.01,
            "clock": clock,
        }
        return OAuthClientCredentials(**{**defaults, **options})

    return make


@pytest.fixture
def oauth_settings(server: TokenServer) -> dict[str, Any]:
    """Settings (as ``CamundaClient`` keywords) for OAuth against ``server``, real clock."""
    return {
        "rest_address": server.rest_address,
        "oauth_url": server.token_url,
        "client_id": server.client_id,
        "client_secret": server.client_secret,
        "oauth_timeout_ms": 2000,
        "oauth_retry_max": 3,
        "oauth_retry_base_delay_ms": 10,
        "sdk_http_retry_max_attempts": 1,
    }
