"""Retries: only backpressure and transport errors, bounded, with jittered exponential back-off."""

from __future__ import annotations

import httpx
import pytest

from camunda_core import CamundaClient, RetryPolicy
from camunda_core.client import NO_RETRY
from camunda_core.errors import (
    BackpressureError,
    CamundaAPIError,
    CamundaConnectionError,
    CamundaTimeoutError,
    ConflictError,
    NotFoundError,
    ServerError,
)

TOPOLOGY = {
    "brokers": [],
    "clusterId": None,
    "clusterSize": 1,
    "partitionsCount": 1,
    "replicationFactor": 1,
    "gatewayVersion": "8.9.0",
    "lastCompletedChangeId": "-1",
}
FAST = RetryPolicy(max_attempts=4, base_delay=0.001, max_delay=0.002)


class Script:
    """Answers from a script, one per request, recording what was asked."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


def _client(script: Script, retry: RetryPolicy = FAST) -> CamundaClient:
    return CamundaClient(transport=httpx.MockTransport(script), retry=retry)


def _status(status: int, title: str = "") -> httpx.Response:
    return httpx.Response(status, json={"title": title, "status": status, "detail": "d"})


def test_backpressure_is_retried_then_succeeds() -> None:
    script = Script(
        _status(503, "RESOURCE_EXHAUSTED"), _status(429), httpx.Response(200, json=TOPOLOGY)
    )
    assert _client(script).get_topology().gateway_version == "8.9.0"
    assert len(script.requests) == 3


def test_retries_are_bounded_and_the_last_error_is_raised() -> None:
    script = Script(_status(503, "RESOURCE_EXHAUSTED"))
    with pytest.raises(BackpressureError):
        _client(script).get_topology()
    assert len(script.requests) == FAST.max_attempts


@pytest.mark.parametrize("status", [400, 404, 409, 500, 502, 504])
def test_other_errors_are_not_retried(status: int) -> None:
    script = Script(_status(status, "X"))
    with pytest.raises(CamundaAPIError):
        _client(script).complete_job("1")
    assert len(script.requests) == 1


def test_a_lost_answer_is_resent_for_safe_calls() -> None:
    """F9 needs this: a completion whose answer was lost is sent again (and meets 404)."""
    script = Script(httpx.ReadError("reset"), _status(404, "NOT_FOUND"))
    with pytest.raises(NotFoundError):
        _client(script).complete_job("1")
    assert len(script.requests) == 2


def test_a_lost_answer_is_not_resent_for_unsafe_calls() -> None:
    """Creating an instance twice would start two processes."""
    script = Script(httpx.ReadTimeout("slow"), httpx.Response(200, json={}))
    with pytest.raises(CamundaTimeoutError):
        _client(script).create_process_instance("order")
    assert len(script.requests) == 1


def test_a_refused_connection_is_retried_even_for_unsafe_calls() -> None:
    """The request never left: sending it again cannot start a second instance."""
    created = {
        "processInstanceKey": "1",
        "processDefinitionKey": "2",
        "processDefinitionId": "order",
        "processDefinitionVersion": 1,
        "tenantId": "<default>",
        "variables": {},
        "tags": [],
        "businessId": None,
    }
    script = Script(httpx.ConnectError("refused"), httpx.Response(200, json=created))
    assert _client(script).create_process_instance("order").process_instance_key == "1"
    assert len(script.requests) == 2


def test_connection_errors_give_up_after_max_attempts() -> None:
    script = Script(httpx.ConnectError("refused"))
    with pytest.raises(CamundaConnectionError):
        _client(script).get_topology()
    assert len(script.requests) == FAST.max_attempts


def test_conflict_is_final() -> None:
    script = Script(_status(409, "INVALID_STATE"))
    with pytest.raises(ConflictError):
        _client(script).fail_job("1", retries=0)
    assert len(script.requests) == 1


def test_per_call_policy_via_with_options() -> None:
    script = Script(_status(503, "RESOURCE_EXHAUSTED"))
    client = _client(script)
    with pytest.raises(BackpressureError):
        client.with_options(retry=NO_RETRY).get_topology()
    assert len(script.requests) == 1
    with pytest.raises(BackpressureError):
        client.get_topology()
    assert len(script.requests) == 1 + FAST.max_attempts


def test_policy_from_settings() -> None:
    client = CamundaClient(
        sdk_http_retry_max_attempts=2, sdk_http_retry_base_delay_ms=1, sdk_http_retry_max_delay_ms=1
    )
    assert client.retry_policy == RetryPolicy(max_attempts=2, base_delay=0.001, max_delay=0.001)


def test_backoff_is_exponential_capped_and_jittered() -> None:
    policy = RetryPolicy(max_attempts=10, base_delay=0.1, max_delay=1.0)
    ceilings = [0.1, 0.2, 0.4, 0.8, 1.0, 1.0]
    for attempt, ceiling in enumerate(ceilings, start=1):
        delays = [policy.backoff(attempt) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 100  # jittered, not a fixed sleep


def test_retry_after_is_honoured_within_the_cap() -> None:
    error = BackpressureError(operation="x", status=429, retry_after=30)
    policy = RetryPolicy(max_attempts=3, base_delay=0.0, max_delay=2.0)
    from camunda_core.client.operations.cluster import get_topology

    assert policy.delay_after(error, 1, get_topology()) == 2.0


@pytest.mark.parametrize("bad", [{"max_attempts": 0}, {"base_delay": -1}])
def test_invalid_policies_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**bad)  # type: ignore[arg-type]


def test_server_error_is_a_5xx_and_final() -> None:
    script = Script(_status(500))
    with pytest.raises(ServerError):
        _client(script).get_topology()
    assert len(script.requests) == 1
