"""The example's handlers, decision table and receiver rule, called directly."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from orders.camunda_workers import (
    PaymentRequest,
    cancel_order,
    charge_payment,
    check_stock,
    ship_order,
)
from orders.models import Order
from orders.receivers import MANAGERS_GROUP, is_manager
from orders.rules import WarehouseError

from camunda_core import BpmnError, CamundaClient, Job
from camunda_core.models.jobs import ActivatedJob

pytestmark = pytest.mark.django_db(transaction=True)


def _order(**changes: Any) -> Order:
    values = {
        "customer": "Ada",
        "item": "keyboard",
        "quantity": 2,
        "unit_price": Decimal("89.00"),
        "card_last4": "4242",
        **changes,
    }
    return Order.objects.create(**values)


def _job(key: str = "2251799813685999") -> Job:
    return Job(
        ActivatedJob.model_validate(
            {
                "jobKey": key,
                "type": "charge-payment",
                "retries": 3,
                "deadline": 0,
                "processInstanceKey": "1",
                "processDefinitionKey": "2",
                "processDefinitionId": "order-fulfilment",
                "processDefinitionVersion": 1,
                "elementId": "Activity_ChargePayment",
                "elementInstanceKey": "3",
            }
        )
    )


def test_check_stock_reserves_and_brings_the_process_up_to_date() -> None:
    order = _order()
    assert check_stock(order.number) == {"item": "keyboard", "quantity": 2, "amount": 178.0}
    order.refresh_from_db()
    assert (order.status, order.reservation) == ("reserved", "RES-keyboard-2")


def test_check_stock_fails_for_an_item_the_warehouse_cannot_handle() -> None:
    order = _order(item="broken")
    with pytest.raises(WarehouseError, match="correct the order's item"):
        check_stock(order.number)


def test_charge_payment_uses_the_job_key_as_idempotency_key() -> None:
    order = _order()
    request = PaymentRequest(order_id=order.number, amount=Decimal("178"), card_last4="4242")
    assert charge_payment(request, _job("42")) == {"payment_id": "PAY-42"}
    order.refresh_from_db()
    assert (order.status, order.payment_id) == ("charged", "PAY-42")


def test_a_declined_card_is_a_bpmn_error_with_the_reason_as_variable() -> None:
    order = _order(card_last4="0002")
    request = PaymentRequest(order_id=order.number, amount=Decimal("178"), card_last4="0002")
    with pytest.raises(BpmnError) as raised:
        charge_payment(request, _job())
    assert raised.value.code == "card-declined"
    assert raised.value.variables == {"cancel_reason": "the payment provider declined the card"}


async def test_ship_order_is_async_and_answers_the_tracking_number() -> None:
    order = await Order.objects.acreate(
        customer="Ada", item="monitor", unit_price=Decimal("329"), card_last4="4242"
    )
    assert await ship_order(order.number, "monitor", 1) == {
        "tracking_number": f"TRK-{order.pk:06d}"
    }


def test_cancel_order_records_why() -> None:
    declined, rejected = _order(), _order()
    cancel_order(declined.number, cancel_reason="the payment provider declined the card")
    cancel_order(rejected.number, approval_comment="too expensive")
    declined.refresh_from_db()
    rejected.refresh_from_db()
    assert declined.cancel_reason == "the payment provider declined the card"
    assert rejected.cancel_reason == "rejected by the approver: too expensive"


@pytest.mark.parametrize(
    ("tier", "amount", "needed"),
    [
        ("standard", 89, False),
        ("standard", 1000, False),
        ("standard", 1000.01, True),
        ("gold", 5000, False),
        ("gold", 5000.01, True),
    ],
)
def test_the_decision_table_asks_for_approval_by_tier_and_amount(
    camunda: CamundaClient, tier: str, amount: float, needed: bool
) -> None:
    result = camunda.evaluate_decision(
        decision_definition_id="approval-needed", variables={"tier": tier, "amount": amount}
    )
    assert result.output == ("true" if needed else "false")


def test_managers_are_superusers_and_members_of_the_managers_group(django_user_model: Any) -> None:
    from django.contrib.auth.models import Group

    django_user_model.objects.create_superuser("root", password="not-a-secret")
    member = django_user_model.objects.create_user("mia", password="not-a-secret")
    member.groups.add(Group.objects.create(name=MANAGERS_GROUP))
    django_user_model.objects.create_user("clerk", password="not-a-secret")
    assert [is_manager(name) for name in ("root", "mia", "clerk", "ghost", None)] == [
        True,
        True,
        False,
        False,
        False,
    ]
