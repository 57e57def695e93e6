"""Basic authentication and no authentication against the live API stand-in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from token_server import TOPOLOGY_PATH, TokenServer

from camunda_core import CamundaClient
from camunda_core.errors import UnauthorizedError

USER = "demo"
PASSWORD = "demo-password-never-shown"


@pytest.fixture
def basic_server() -> Iterator[TokenServer]:
    with TokenServer(basic_credentials=(USER, PASSWORD)) as server:
        yield server


def test_basic_credentials_reach_the_api(basic_server: TokenServer) -> None:
    with CamundaClient(
        rest_address=basic_server.rest_address,
        basic_auth_username=USER,
        basic_auth_password=PASSWORD,
    ) as client:
        topology = client.get_topology()
        shown = [repr(client), repr(client.settings), str(client.settings)]

    assert topology.partitions_count == 1
    (request,) = basic_server.requests
    assert request.authorization is not None
    assert request.authorization.startswith("Basic ")
    assert request.status == 200
    assert all(PASSWORD not in text for text in shown)


def test_a_wrong_password_is_unauthorized_and_not_shown(basic_server: TokenServer) -> None:
    with (
        CamundaClient(
            rest_address=basic_server.rest_address,
            basic_auth_username=USER,
            basic_auth_password="wrong-password-never-shown",
        ) as client,
        pytest.raises(UnauthorizedError) as info,
    ):
        client.get_topology()

    assert "wrong-password-never-shown" not in str(info.value) + repr(info.value)


def test_no_authentication_sends_no_header(basic_server: TokenServer) -> None:
    with (
        CamundaClient(rest_address=basic_server.rest_address) as client,
        pytest.raises(UnauthorizedError),
    ):
        client.get_topology()

    assert [r.authorization for r in basic_server.requests if r.path == TOPOLOGY_PATH] == [None]
