"""Orders through the whole process with the site's worker: the happy path, the approval
(through the admin and the order page, with the receiver that may deny), the BPMN error path,
and the incident path with its retry from the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django_worker import running_worker
from orders.models import Order
from polling import wait_for
from site_support import (
    active_elements,
    completed_elements,
    instance_of,
    place_order,
    wait_until_at,
    wait_until_finished,
)

from camunda_core import CamundaClient

pytestmark = pytest.mark.django_db(transaction=True)

PAYMENT = "Event_PaymentConfirmed"
APPROVAL = "Activity_ApproveOrder"


def _open_task(camunda: CamundaClient, key: str) -> str:
    tasks = wait_for(
        lambda: camunda.search_user_tasks({"processInstanceKey": key, "state": "CREATED"}).items,
        what="the approval task",
    )
    return tasks[0].user_task_key


def _confirm_and_finish(client: Any, camunda: CamundaClient, number: str) -> None:
    key = instance_of(number)
    wait_until_at(camunda, key, PAYMENT)
    page = client.get(f"/orders/{number}/").content.decode()
    assert "Confirm the payment" in page
    client.post(f"/orders/{number}/confirm-payment/")
    wait_until_finished(camunda, key)


def test_a_small_order_runs_to_completion(client: Any, camunda: CamundaClient) -> None:
    with running_worker():
        number = place_order(client)
        _confirm_and_finish(client, camunda, number)
    order = Order.objects.by_number(number)
    assert order.status == "shipped"
    assert order.payment_id.startswith("PAY-")
    assert order.tracking_number == f"TRK-{order.pk:06d}"
    key = instance_of(number)
    assert APPROVAL not in completed_elements(camunda, key)
    assert "Event_OrderShipped" in completed_elements(camunda, key)
    page = client.get(f"/orders/{number}/").content.decode()
    assert "Completed" in page
    assert "Order shipped" in page
    assert 'http-equiv="refresh"' not in page


def test_a_big_order_waits_for_a_manager_who_approves_it_in_the_admin(
    admin_client: Any, camunda: CamundaClient
) -> None:
    with running_worker():
        number = place_order(admin_client, item="laptop", quantity="4")  # 5,996: approval
        key = instance_of(number)
        task = _open_task(camunda, key)
        detail = admin_client.get(f"/orders/{number}/").content.decode()
        assert f"/admin/camunda_django/usertask/{task}/change/" in detail

        admin_url = f"/admin/camunda_django/usertask/{task}/"
        # Unassigned, the receiver denies the completion: the task stays open.
        # The admin renders the linked form; its inputs are named "var:<variable>".
        approve = {"var:approved": "on", "var:approval_comment": "ok"}
        denied = admin_client.post(admin_url + "complete/", approve, follow=True)
        assert "are decided by a manager" in denied.content.decode()
        assert active_elements(camunda, key) == [APPROVAL]

        admin_client.post(admin_url + "assign/")
        admin_client.post(admin_url + "complete/", approve)
        _confirm_and_finish(admin_client, camunda, number)
    assert Order.objects.by_number(number).status == "shipped"
    assert APPROVAL in completed_elements(camunda, key)


def test_a_manager_rejects_an_order_on_the_order_page(
    admin_client: Any, camunda: CamundaClient
) -> None:
    with running_worker():
        number = place_order(admin_client, item="monitor", quantity="4")  # 1,316: approval
        key = instance_of(number)
        _open_task(camunda, key)
        admin_client.post(
            f"/orders/{number}/decide/", {"decision": "reject", "comment": "too many"}
        )
        wait_until_finished(camunda, key)
    order = Order.objects.by_number(number)
    assert (order.status, order.cancel_reason) == (
        "cancelled",
        "rejected by the approver: too many",
    )
    assert "Event_OrderCancelled" in completed_elements(camunda, key)


def test_staff_who_are_not_managers_cannot_decide_big_orders(
    clerk_client: Any, camunda: CamundaClient
) -> None:
    with running_worker():
        number = place_order(clerk_client, item="laptop", quantity="4")
        key = instance_of(number)
        _open_task(camunda, key)
        response = clerk_client.post(
            f"/orders/{number}/decide/", {"decision": "approve"}, follow=True
        )
    page = response.content.decode()
    assert "Not decided" in page
    assert "assigned to clerk" in page
    assert active_elements(camunda, key) == [APPROVAL]


def test_a_declined_card_takes_the_bpmn_error_path(client: Any, camunda: CamundaClient) -> None:
    with running_worker():
        number = place_order(client, card_number="4000 0000 0000 0002")
        key = instance_of(number)
        wait_until_finished(camunda, key)
    passed = completed_elements(camunda, key)
    assert {"Event_CardDeclined", "Activity_CancelOrder", "Event_OrderCancelled"} <= set(passed)
    assert not camunda.search_incidents({"processInstanceKey": key}).items
    order = Order.objects.by_number(number)
    assert (order.status, order.cancel_reason) == (
        "cancelled",
        "the payment provider declined the card",
    )


def test_a_broken_item_raises_an_incident_that_a_fix_and_a_retry_resolve(
    admin_client: Any, camunda: CamundaClient
) -> None:
    with running_worker():
        number = place_order(admin_client, item="broken")
        key = instance_of(number)
        incidents = wait_for(
            lambda: camunda.search_incidents({"processInstanceKey": key, "state": "ACTIVE"}).items,
            what="the incident",
        )
        incident = incidents[0].incident_key
        assert "no stock record for item 'broken'" in incidents[0].error_message
        order = wait_for(
            lambda: Order.objects.by_number(number),
            lambda order: order.status == "attention",
            what="the receiver to flag the order",
        )
        listed = admin_client.get("/admin/camunda_django/incident/").content.decode()
        assert f"/admin/camunda_django/incident/{incident}/change/" in listed

        # The fix: correct the item in the admin. Then retry the incident there.
        fixed = admin_client.post(
            f"/admin/orders/order/{order.pk}/change/", {"item": "keyboard", "quantity": "1"}
        )
        assert fixed.status_code == 302
        admin_client.post(f"/admin/camunda_django/incident/{incident}/retry/", {"retries": "1"})
        _confirm_and_finish(admin_client, camunda, number)
    order.refresh_from_db()
    assert (order.item, order.status) == ("keyboard", "shipped")
    assert str(order.unit_price) == "89.00"
    variables = {
        v.name: v.json_value() for v in camunda.iter_variables({"processInstanceKey": key})
    }
    assert (variables["item"], variables["amount"]) == ("keyboard", 89.0)
