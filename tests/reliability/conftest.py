"""Fixtures of the reliability tests: one in-process dev engine per test, served over real
loopback HTTP for the worker, read in process by the test, every answer recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from reliability import Traffic, one_task_process

from camunda_core import CamundaClient
from camunda_core.devengine import DevEngine


@pytest.fixture
def dev() -> Iterator[DevEngine]:
    """The engine (in process: the suite checks its every answer against the spec)."""
    with DevEngine() as engine:
        yield engine
        engine.faults.clear()


@pytest.fixture
def traffic(dev: DevEngine) -> Iterator[Traffic]:
    """Every answer of the engine, in order."""
    with Traffic().attached(dev.app) as seen:
        yield seen


@pytest.fixture
def url(dev: DevEngine, traffic: Traffic) -> Iterator[str]:
    """The engine over HTTP on a free loopback port (the worker's REST address)."""
    with dev.serve() as address:
        yield address
        dev.faults.clear()


@pytest.fixture
def camunda(dev: DevEngine) -> Iterator[CamundaClient]:
    """The test's own client, in process (fault hooks only touch the worker's operations)."""
    with dev.client() as client:
        yield client


@pytest.fixture
def deploy(camunda: CamundaClient) -> Callable[..., str]:
    """``deploy("p", "work", retries=1)``: deploy a one-service-task process; its id."""

    def deploy_one(process_id: str, job_type: str, **options: Any) -> str:
        camunda.create_deployment(
            (f"{process_id}.bpmn", one_task_process(process_id, job_type, **options))
        )
        return process_id

    return deploy_one
