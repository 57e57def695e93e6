"""The HTTP server: keep-alive, one write per response, TCP_NODELAY, a clean shutdown."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
from fake_engine import FakeEngine

from camunda_core.devengine import DevEngine
from camunda_core.devengine.http.server import EngineServer, nodelay_enabled


@pytest.fixture
def server(dev: DevEngine) -> Iterator[EngineServer]:
    running = EngineServer(dev.app)
    running.start()
    yield running
    running.stop()


def test_many_requests_share_one_connection(server: EngineServer) -> None:
    with httpx.Client(base_url=server.url) as h:
        statuses = {h.get("/topology").status_code for _ in range(50)}
        statuses |= {h.post("/jobs/search", json={}).status_code for _ in range(50)}
    assert statuses == {200}
    assert server.connections.opened == 1


def test_each_response_is_one_write_on_a_nodelay_socket(server: EngineServer) -> None:
    with httpx.Client(base_url=server.url) as h:
        for _ in range(20):
            assert h.get("/topology").status_code == 200
        (connection,) = server.connections.values()
        assert connection.writes == 20  # type: ignore[attr-defined]
        assert nodelay_enabled(connection.get_extra_info("socket"))  # type: ignore[attr-defined]


def test_stopping_answers_a_waiting_poll_and_releases_a_hang(
    dev: DevEngine, fake: FakeEngine
) -> None:
    running = EngineServer(dev.app)
    running.start()
    answers: list[int | str] = []

    def poll() -> None:
        body = {"type": "none", "timeout": 1000, "maxJobsToActivate": 1, "requestTimeout": 60_000}
        answers.append(
            httpx.post(f"{running.url}/jobs/activation", json=body, timeout=30).status_code
        )

    def hang() -> None:
        try:
            httpx.get(f"{running.url}/topology", timeout=30)
        except httpx.RemoteProtocolError:
            answers.append("dropped")

    dev.faults.hang("getTopology")
    threads = [threading.Thread(target=poll), threading.Thread(target=hang)]
    for thread in threads:
        thread.start()
    deadline = threading.Event()
    for _ in range(500):  # until both requests reached the engine (bounded: 5 s)
        if fake.waiting_polls() == 1 and dev.faults.list()[0].hits == 1:
            break
        deadline.wait(0.01)
    running.stop()
    for thread in threads:
        thread.join(10)
    assert sorted(answers, key=str) == [503, "dropped"]
    assert not running.running


def test_the_url_names_the_bound_port(dev: DevEngine) -> None:
    running = EngineServer(dev.app, "127.0.0.1", 0)
    try:
        assert running.url == f"http://127.0.0.1:{running.port}/v2"
        assert running.port > 0
    finally:
        running.stop()
