"""No body, however wrong, makes the engine fail: every operation answers a problem detail
(400, or 404 for the made-up keys), never a 500, and every answer fits the spec."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from camunda_core.devengine import DevEngine
from camunda_core.devengine.api import OPERATIONS
from camunda_core.devengine.api.dispatch import Operation

BODIES: list[bytes] = [
    b"[]",
    b'"text"',
    b"42",
    b"null",
    b'{"unknown": 1}',
    b"{}",
    b'{"filter": [], "sort": {}, "page": "next"}',
    b'{"filter": {"state": {"$in": [{"deep": 1}]}}}',
    b'{"variables": [1, 2], "type": 1, "timeout": -5, "maxJobsToActivate": 0}',
    b"\xff\xfe not utf-8",
    b'{"page": {"after": "eyJub3QiOiAiYSBsaXN0In0="}}',
]
WITH_BODY = [op for op in OPERATIONS if op.method in ("POST", "PUT", "PATCH") and op.json_body]
#: Operations the spec gives no body: whatever comes is ignored.
WITHOUT_BODY = [
    op for op in OPERATIONS if op not in WITH_BODY and op.operation_id != "createDeployment"
]


def concrete(template: str) -> str:
    """The path with a made-up key for every parameter."""
    return re.sub(r"\{\w+\}", "2251799813685249", template)


@pytest.fixture(scope="module")
def runtime_http() -> Iterator[httpx.Client]:
    with (
        DevEngine() as dev,
        httpx.Client(transport=dev.transport(), base_url="http://devengine/v2", timeout=10) as h,
    ):
        yield h


@pytest.mark.parametrize("operation", WITH_BODY, ids=lambda op: op.operation_id)
def test_bad_bodies_are_problems_not_failures(
    operation: Operation, runtime_http: httpx.Client
) -> None:
    path = concrete(operation.path)
    for body in BODIES:
        response = runtime_http.request(
            operation.method, path, content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code < 500, (body, response.text)
        if response.status_code >= 400:
            assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("operation", WITHOUT_BODY, ids=lambda op: op.operation_id)
def test_bodies_where_none_belongs_are_ignored(
    operation: Operation, runtime_http: httpx.Client
) -> None:
    path = concrete(operation.path)
    response = runtime_http.request(operation.method, path, content=b"{not json")
    assert response.status_code in (200, 204, 404), response.text
