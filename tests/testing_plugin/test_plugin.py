"""The pytest plugin, used as a user would: the worked example of docs/testing.md."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from camunda_core import CamundaClient
from camunda_core.testing import (
    EngineClock,
    MockJobWorker,
    assert_process_instance,
    assert_user_task,
)

MODEL = Path(__file__).with_name("order-review.bpmn")
Workers = Callable[[str], MockJobWorker]


@pytest.fixture
def deployed(camunda_client: CamundaClient) -> CamundaClient:
    camunda_client.create_deployment(MODEL)
    return camunda_client


def test_small_orders_ship_without_review(
    deployed: CamundaClient, camunda_mock_worker: Workers
) -> None:
    price = camunda_mock_worker("price-order").complete({"total": 80})
    ship = camunda_mock_worker("ship-order").complete({"trackingId": "T-1"})
    instance = deployed.create_process_instance("order-review", variables={"orderId": "A-1"})

    assert_process_instance(deployed, instance.process_instance_key).is_completed().has_passed(
        "price", "ship", "shipped"
    ).has_not_passed("approve").has_variables({"total": 80, "trackingId": "T-1"}).has_no_incidents()
    assert price.wait_for_invocations(1)[0].variables["orderId"] == "A-1"
    assert len(ship.invocations) == 1


def test_large_orders_wait_for_approval(
    deployed: CamundaClient, camunda_mock_worker: Workers
) -> None:
    camunda_mock_worker("price-order").complete({"total": 5000, "reviewer": "demo"})
    camunda_mock_worker("ship-order").complete()
    key = deployed.create_process_instance("order-review").process_instance_key

    assert_process_instance(deployed, key).is_waiting_at("approve")
    task = assert_user_task(deployed, process_instance_key=key, element_id="approve")
    task.is_created().is_assigned_to("demo").has_candidate_groups("sales")

    user_task = task.task()
    assert user_task is not None
    deployed.complete_user_task(user_task.user_task_key, variables={"approved": True})
    task.is_completed()
    assert_process_instance(deployed, key).is_completed().has_passed("approve", "ship")


def test_an_unanswered_review_expires_after_two_days(
    deployed: CamundaClient, camunda_mock_worker: Workers, camunda_clock: EngineClock
) -> None:
    camunda_clock.pin(datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc))
    camunda_mock_worker("price-order").complete({"total": 5000, "reviewer": "demo"})
    key = deployed.create_process_instance("order-review").process_instance_key
    assert_process_instance(deployed, key).is_waiting_at("approve")

    camunda_clock.advance(timedelta(days=2, minutes=1))
    assert_process_instance(deployed, key).is_completed().has_passed(
        "too-slow", "cancelled"
    ).has_not_passed("ship")


def test_a_failing_worker_raises_an_incident(
    deployed: CamundaClient, camunda_mock_worker: Workers
) -> None:
    camunda_mock_worker("price-order").fail("pricing service down")
    key = deployed.create_process_instance("order-review").process_instance_key
    assert_process_instance(deployed, key).is_active().has_active_incident("JOB_NO_RETRIES")


def test_a_bpmn_error_without_a_catch_event_is_an_incident(
    deployed: CamundaClient, camunda_mock_worker: Workers
) -> None:
    camunda_mock_worker("price-order").throw_bpmn_error("no-price", "unknown article")
    key = deployed.create_process_instance("order-review").process_instance_key
    assert_process_instance(deployed, key).has_active_incident("UNHANDLED_ERROR_EVENT")


def test_failed_expectations_say_what_was_seen(
    deployed: CamundaClient, camunda_mock_worker: Workers
) -> None:
    key = deployed.create_process_instance("order-review").process_instance_key
    with pytest.raises(AssertionError) as caught:
        assert_process_instance(deployed, key, timeout=0.2).is_completed()
    message = str(caught.value)
    assert f"process instance {key} to be COMPLETED" in message
    assert "it is ACTIVE, waiting at ['price']" in message
    with pytest.raises(AssertionError, match="no such user task exists"):
        assert_user_task(deployed, element_id="approve", timeout=0.1).exists()
    with pytest.raises(AssertionError, match=r"expected 1 job\(s\) of type 'nothing', got 0"):
        camunda_mock_worker("nothing").complete().wait_for_invocations(1, timeout=0.2)


def test_the_served_engine_is_the_same_engine(camunda_server: str, deployed: CamundaClient) -> None:
    with CamundaClient(rest_address=camunda_server) as over_http:
        key = over_http.create_process_instance("order-review").process_instance_key
        assert deployed.get_process_instance(key).state == "ACTIVE"


async def test_the_async_client_fixture(camunda_async_client, deployed: CamundaClient) -> None:  # type: ignore[no-untyped-def]
    created = await camunda_async_client.create_process_instance("order-review")
    assert deployed.get_process_instance(created.process_instance_key).state == "ACTIVE"
