"""No client secret, password or access token in any log line, repr or error (F20)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_clock import FakeClock
from token_server import TOKEN_PATH, TokenServer

from camunda_core import CamundaClient
from camunda_core.auth.oauth import OAuthClientCredentials
from camunda_core.errors import AuthenticationError, UnauthorizedError
from camunda_core.settings import load_settings

WRONG_SECRET = "wrong-secret-also-never-logged"


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and every exception it was raised from or during."""
    seen: BaseException | None = error
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def _texts(*objects: object) -> list[str]:
    texts = []
    for item in objects:
        for part in _chain(item) if isinstance(item, BaseException) else [item]:
            texts += [str(part), repr(part)]
    return texts


def test_the_whole_flow_leaks_no_secret_and_no_token(
    server: TokenServer,
    oauth_settings: dict[str, Any],
    tmp_path: Path,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    server.token_lifetime = 100
    settings = load_settings(**oauth_settings, token_cache_dir=tmp_path)
    auth = OAuthClientCredentials.from_settings(settings, clock=clock)
    errors: list[BaseException] = []

    with CamundaClient(settings, auth=auth) as client:
        client.get_topology()  # fetch
        server.fail_token_requests(1, status=503)
        clock.advance(85)
        client.get_topology()  # a refresh ahead of expiry fails quietly
        clock.advance(5)
        client.get_topology()  # and succeeds later
        server.revoke_tokens()
        client.get_topology()  # 401, one refresh, retry
        server.reject_all_tokens = True
        with pytest.raises(UnauthorizedError) as unauthorized:
            client.get_topology()  # permanent 401
        errors.append(unauthorized.value)
        server.reject_all_tokens = False
        server.fail_token_requests(1000, status=503)
        clock.advance(200)
        with pytest.raises(AuthenticationError) as unavailable:
            client.get_topology()  # expired, and the endpoint keeps failing
        errors.append(unavailable.value)
        server.fail_token_requests(0)
        client_repr = repr(client)

    next(tmp_path.iterdir()).write_text("{corrupt")
    restarted = OAuthClientCredentials.from_settings(settings, clock=clock)
    with CamundaClient(settings, auth=restarted) as client:
        client.get_topology()  # the corrupt cache file is reported and replaced

    wrong = OAuthClientCredentials.from_settings(
        load_settings(**{**oauth_settings, "client_secret": WRONG_SECRET}), clock=clock
    )
    with CamundaClient(rest_address=server.rest_address, auth=wrong) as client:
        with pytest.raises(AuthenticationError) as refused:
            client.get_topology()  # the endpoint refuses the credentials
        errors.append(refused.value)

    assert server.count(TOKEN_PATH) == 10  # every path above reached the token endpoint
    assert len(server.issued_tokens) == 5
    leaked = [server.client_secret, WRONG_SECRET, *server.issued_tokens]
    seen = [
        caplog.text,
        *(record.getMessage() for record in caplog.records),
        client_repr,
        *_texts(auth, wrong, settings, settings.model_dump(), settings.model_dump_json(), *errors),
    ]
    for text in seen:
        for secret in leaked:
            assert secret not in text
    assert any(record.levelno == logging.DEBUG for record in caplog.records)
    assert any("corrupt token cache file" in record.getMessage() for record in caplog.records)
