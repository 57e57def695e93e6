"""pytest plugin: fixtures that give every test a clean, in-process Camunda dev engine.

Installed with the package (entry point ``pytest11``); nothing to configure. Fixtures:

- ``camunda_engine``: a fresh ``DevEngine`` per test;
- ``camunda_client`` / ``camunda_async_client``: clients bound to it in process;
- ``camunda_server``: the same engine served over HTTP on a free port (its URL);
- ``camunda_mock_worker``: ``camunda_mock_worker("type").complete({...})`` and friends;
- ``camunda_clock``: pin and advance the engine clock.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest

from camunda_core.testing.clock import EngineClock
from camunda_core.testing.mock_workers import MockJobWorker

if TYPE_CHECKING:
    from camunda_core.client import AsyncCamundaClient, CamundaClient
    from camunda_core.devengine import DevEngine


@pytest.fixture
def camunda_engine() -> Iterator[DevEngine]:
    """A clean embedded engine for this test, closed afterwards."""
    from camunda_core.devengine import DevEngine

    engine = DevEngine()
    try:
        yield engine
    finally:
        engine.close()


@pytest.fixture
def camunda_client(camunda_engine: DevEngine) -> Iterator[CamundaClient]:
    """A ``CamundaClient`` talking to ``camunda_engine`` in process."""
    with camunda_engine.client() as client:
        yield client


@pytest.fixture
def camunda_async_client(camunda_engine: DevEngine) -> Iterator[AsyncCamundaClient]:
    """An ``AsyncCamundaClient`` talking to ``camunda_engine`` in process."""
    client = camunda_engine.async_client()
    yield client
    asyncio.run(client.aclose())


@pytest.fixture
def camunda_server(camunda_engine: DevEngine) -> Iterator[str]:
    """``camunda_engine`` served over HTTP on a free loopback port; the REST address."""
    with camunda_engine.serve() as url:
        yield url


@pytest.fixture
def camunda_mock_worker(camunda_client: CamundaClient) -> Iterator[Callable[[str], MockJobWorker]]:
    """A factory of mock workers bound to ``camunda_client``; all stopped after the test."""
    workers: list[MockJobWorker] = []

    def make(job_type: str) -> MockJobWorker:
        worker = MockJobWorker(camunda_client, job_type)
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.stop()


@pytest.fixture
def camunda_clock(camunda_client: CamundaClient) -> Iterator[EngineClock]:
    """Control of the engine clock; reset to the system clock after the test."""
    clock = EngineClock(camunda_client)
    yield clock
    if clock.pinned is not None:
        clock.reset()
