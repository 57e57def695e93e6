"""Fixtures of the REST layer's tests: a dev engine over the boundary fake (exact control of
the records), its in-process clients, and the same engine served on a loopback socket."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fake_engine import FakeEngine
from openapi_schema import SchemaTools
from openapi_spec import Spec, SpecMissingError, find_spec, in_ci

from camunda_core import AsyncCamundaClient, CamundaClient
from camunda_core.client import NO_RETRY
from camunda_core.devengine import DevEngine


@pytest.fixture
def fake() -> FakeEngine:
    """The boundary fake the REST layer runs on in these tests."""
    return FakeEngine()


@pytest.fixture
def dev(fake: FakeEngine) -> Iterator[DevEngine]:
    """A dev engine over the fake."""
    with DevEngine(fake) as engine:
        yield engine


@pytest.fixture
def client(dev: DevEngine) -> Iterator[CamundaClient]:
    """Our sync client, in process, without retries (tests see every answer)."""
    with dev.client(retry=NO_RETRY) as camunda:
        yield camunda


@pytest.fixture
async def async_client(dev: DevEngine) -> AsyncIterator[AsyncCamundaClient]:
    """Our async client, in process, without retries."""
    async with dev.async_client(retry=NO_RETRY) as camunda:
        yield camunda


@pytest.fixture
def raw(dev: DevEngine) -> Iterator[httpx.Client]:
    """A bare httpx client in process, for requests our client would never send."""
    with httpx.Client(transport=dev.transport(), base_url="http://devengine/v2", timeout=10) as h:
        yield h


@pytest.fixture
def served(dev: DevEngine) -> Iterator[str]:
    """The same engine over HTTP on a free loopback port; the REST address."""
    with dev.serve() as url:
        yield url


@pytest.fixture(scope="session")
def spec() -> Spec:
    """The official 8.9 spec: skipped locally when absent, a failure in CI."""
    try:
        return Spec.load(find_spec(os.environ))
    except SpecMissingError as missing:
        if in_ci(os.environ):
            pytest.fail(f"CI must check the dev engine against the spec: {missing}", pytrace=False)
        pytest.skip(str(missing))


@pytest.fixture(scope="session")
def schema_tools(spec: Spec) -> SchemaTools:
    """Schema helpers for the 8.9 spec."""
    return SchemaTools(spec.schemas)
