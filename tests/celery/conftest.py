"""Fixtures of the Celery executor tests: one dev engine over HTTP, and per broker a Celery
worker process consuming this run's queues (unique names, so no other run's tasks mix in)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from celery import Celery

from camunda_core import AsyncCamundaClient
from camunda_core.devengine import DevEngine

from .celery_support import Broker, CeleryWorkerProcess, EngineLog, broker_named

#: Queue names of this test run.
RUN = uuid.uuid4().hex[:10]


@dataclass(frozen=True)
class Engine:
    dev: DevEngine
    url: str


@dataclass(frozen=True)
class CeleryWorld:
    """A broker, the test process's Celery app for it, and a Celery worker process."""

    broker: Broker
    app: Celery
    folder: Path
    worker: CeleryWorkerProcess
    default_queue: str
    other_queue: str


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    with DevEngine() as dev, dev.serve() as url:
        yield Engine(dev, url)


@pytest.fixture(scope="session", params=["redis", "rabbitmq", "embedded"])
def celery(
    request: pytest.FixtureRequest, engine: Engine, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CeleryWorld]:
    """A Celery worker (prefork, 2 children) for the broker named by the parameter."""
    broker = broker_named(request.param)
    folder = tmp_path_factory.mktemp(f"celery-{broker.name}")
    default_queue, other_queue = (
        f"camunda-{RUN}-{broker.name}",
        f"camunda-{RUN}-{broker.name}-other",
    )
    worker = CeleryWorkerProcess(broker, folder, engine.url, [default_queue, other_queue]).start()
    try:
        yield CeleryWorld(broker, broker.app(folder), folder, worker, default_queue, other_queue)
    finally:
        worker.stop()


@pytest.fixture
def engine_log(engine: Engine) -> Iterator[EngineLog]:
    """What the engine answered during the test, per job."""
    log = EngineLog()
    engine.dev.app.add_response_observer(log)
    yield log
    engine.dev.app.remove_response_observer(log)


@pytest.fixture
async def camunda(engine: Engine) -> AsyncIterator[AsyncCamundaClient]:
    """A client of the engine (in process: it does not count as worker traffic on a socket)."""
    async with engine.dev.async_client() as client:
        yield client
