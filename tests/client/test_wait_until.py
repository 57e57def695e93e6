"""``wait_until`` bridges eventual consistency: 404 means "not yet", bounded by a timeout."""

from __future__ import annotations

import httpx
import pytest
from client_fakes import KEY, Script, async_client, problem, process_instance, sync_client

from camunda_core.errors import ConsistencyTimeoutError, NotFoundError
from camunda_core.models.process_instances import ProcessInstanceState


def test_not_found_turns_into_found() -> None:
    script = Script(
        problem(404, "NOT_FOUND"),
        problem(404, "NOT_FOUND"),
        httpx.Response(200, json=process_instance(KEY)),
    )
    with sync_client(script) as camunda:
        instance = camunda.wait_until(
            lambda: camunda.get_process_instance(KEY), timeout=5, interval=0.001
        )
    assert instance.process_instance_key == KEY
    assert len(script.requests) == 3


def test_the_predicate_is_waited_for() -> None:
    script = Script(
        httpx.Response(200, json=process_instance(KEY)),
        httpx.Response(200, json=process_instance(KEY, state="COMPLETED")),
    )
    with sync_client(script) as camunda:
        instance = camunda.wait_until(
            lambda: camunda.get_process_instance(KEY),
            lambda pi: pi.state is ProcessInstanceState.COMPLETED,
            timeout=5,
            interval=0.001,
        )
    assert instance.state is ProcessInstanceState.COMPLETED


def test_it_gives_up_after_the_timeout_with_the_reason() -> None:
    script = Script(problem(404, "NOT_FOUND"), repeat_last=1_000)
    with sync_client(script) as camunda, pytest.raises(ConsistencyTimeoutError) as gave_up:
        camunda.wait_until(
            lambda: camunda.get_process_instance(KEY),
            timeout=0.05,
            interval=0.01,
            description="instance visible",
        )
    assert "instance visible" in str(gave_up.value)
    assert "still not found" in str(gave_up.value)
    assert len(script.requests) >= 1


def test_the_last_answer_travels_with_the_timeout() -> None:
    script = Script(httpx.Response(200, json=process_instance(KEY)), repeat_last=1_000)
    with sync_client(script) as camunda, pytest.raises(ConsistencyTimeoutError) as gave_up:
        camunda.wait_until(
            lambda: camunda.get_process_instance(KEY),
            lambda pi: pi.end_date is not None,
            timeout=0.03,
            interval=0.01,
        )
    assert gave_up.value.last_result.process_instance_key == KEY


def test_other_errors_are_not_waited_out() -> None:
    script = Script(problem(403, "FORBIDDEN"))
    with sync_client(script) as camunda, pytest.raises(Exception) as failed:
        camunda.wait_until(lambda: camunda.get_process_instance(KEY), timeout=5, interval=0.001)
    assert not isinstance(failed.value, (NotFoundError, ConsistencyTimeoutError))
    assert len(script.requests) == 1


async def test_the_async_client_waits_too() -> None:
    script = Script(problem(404, "NOT_FOUND"), httpx.Response(200, json=process_instance(KEY)))
    async with async_client(script) as camunda:
        instance = await camunda.wait_until(
            lambda: camunda.get_process_instance(KEY), timeout=5, interval=0.001
        )
    assert instance.process_instance_key == KEY
