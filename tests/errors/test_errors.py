"""The exception tree: problem details parsed into typed, catchable, picklable errors."""

from __future__ import annotations

import pickle

import httpx
import pytest

from camunda_core import errors
from camunda_core.errors import (
    BackpressureError,
    BadRequestError,
    CamundaAPIError,
    CamundaConnectionError,
    CamundaError,
    CamundaTimeoutError,
    ConflictError,
    ForbiddenError,
    GatewayTimeoutError,
    NotFoundError,
    ServerError,
    UnauthorizedError,
    api_error_from_response,
    translate_transport_errors,
)


def _problem(status: int, title: str = "T", detail: str = "D", **headers: str) -> httpx.Response:
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": "/v2/jobs/1/completion",
        "extraField": 1,
    }
    request = httpx.Request("POST", "http://camunda/v2/jobs/1/completion")
    return httpx.Response(status, json=body, headers=headers, request=request)


@pytest.mark.parametrize(
    ("status", "title", "expected"),
    [
        (400, "INVALID_ARGUMENT", BadRequestError),
        (401, "Unauthorized", UnauthorizedError),
        (403, "FORBIDDEN", ForbiddenError),
        (404, "NOT_FOUND", NotFoundError),
        (409, "INVALID_STATE", ConflictError),
        (429, "Too Many Requests", BackpressureError),
        (503, "RESOURCE_EXHAUSTED", BackpressureError),
        (503, "Service Unavailable", ServerError),
        (504, "DEADLINE_EXCEEDED", GatewayTimeoutError),
        (500, "INTERNAL", ServerError),
        (415, "Unsupported Media Type", CamundaAPIError),
    ],
)
def test_status_maps_to_a_distinct_class(status: int, title: str, expected: type) -> None:
    error = api_error_from_response("completeJob", _problem(status, title))
    assert type(error) is expected
    assert isinstance(error, CamundaError)


def test_problem_detail_fields_and_operation_are_kept() -> None:
    error = api_error_from_response("completeJob", _problem(404, "NOT_FOUND", "Job 1 not found"))
    assert (error.status, error.title, error.detail) == (404, "NOT_FOUND", "Job 1 not found")
    assert error.instance == "/v2/jobs/1/completion"
    assert error.type == "about:blank"
    assert error.operation == "completeJob"
    assert error.extra == {"extraField": 1}
    assert (
        str(error)
        == "completeJob failed with 404 NOT_FOUND: Job 1 not found (/v2/jobs/1/completion)"
    )


def test_resource_exhausted_in_the_detail_also_means_backpressure() -> None:
    error = api_error_from_response(
        "activateJobs", _problem(503, "Unavailable", "RESOURCE_EXHAUSTED: busy")
    )
    assert isinstance(error, BackpressureError)


def test_retry_after_seconds_are_read() -> None:
    error = api_error_from_response("x", _problem(429, **{"Retry-After": "3"}))
    assert error.retry_after == 3.0
    assert (
        api_error_from_response("x", _problem(429, **{"Retry-After": "soon"})).retry_after is None
    )


def test_non_json_error_bodies_become_the_detail() -> None:
    response = httpx.Response(
        502, text="<html>Bad gateway</html>", request=httpx.Request("GET", "http://x")
    )
    error = api_error_from_response("getTopology", response)
    assert isinstance(error, ServerError)
    assert error.detail == "<html>Bad gateway</html>"
    assert error.title == "Bad Gateway"


def test_api_errors_survive_pickling() -> None:
    """Celery ships exceptions between processes."""
    error = api_error_from_response("completeJob", _problem(409, "INVALID_STATE"))
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ConflictError
    assert (copy.status, copy.title, copy.operation, str(copy)) == (
        409,
        "INVALID_STATE",
        "completeJob",
        str(error),
    )


@pytest.mark.parametrize(
    ("raised", "expected", "sent"),
    [
        (httpx.ConnectError("refused"), CamundaConnectionError, False),
        (httpx.ConnectTimeout("slow"), CamundaTimeoutError, False),
        (httpx.ReadTimeout("slow"), CamundaTimeoutError, True),
        (httpx.RemoteProtocolError("Server disconnected"), CamundaConnectionError, True),
        (httpx.ReadError("reset"), CamundaConnectionError, True),
    ],
)
def test_transport_errors_are_translated_in_one_place(
    raised: httpx.TransportError, expected: type, sent: bool
) -> None:
    raised.request = httpx.Request("GET", "http://user:pw@camunda:8080/v2/topology?x=1")
    with pytest.raises(expected) as caught, translate_transport_errors("getTopology"):
        raise raised
    assert caught.value.request_sent is sent
    assert caught.value.operation == "getTopology"
    assert caught.value.__cause__ is raised
    assert "pw" not in str(caught.value)
    assert "GET http://camunda:8080/v2/topology" in str(caught.value)


def test_the_tree_is_documented_in_the_module_docstring() -> None:
    doc = errors.__doc__ or ""
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert name in doc, f"{name} is missing from the tree in the docstring"


@pytest.mark.parametrize(
    "error",
    [
        CamundaConnectionError("refused", operation="getTopology", request_sent=False),
        CamundaTimeoutError("slow", operation="activateJobs"),
        errors.UnexpectedResponseError("bad body", operation="getTopology", status=200),
        errors.AuthenticationError("token endpoint said 401", status=401),
        errors.ConfigurationError(["A: bad", "B: bad"]),
        errors.ConsistencyTimeoutError("gave up"),
    ],
)
def test_every_error_survives_pickling(error: CamundaError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__
