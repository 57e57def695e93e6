"""What the site asks of Camunda: start an order's process, confirm its payment, decide it.

Views call these with the shared client (``camunda_django.conf.camunda_client``); they raise
``camunda_core.CamundaError`` subclasses, which the views turn into messages.
"""

from __future__ import annotations

from typing import Any

from camunda_core import CamundaClient
from camunda_django.conf import camunda_client
from orders.models import Order

PROCESS_ID = "order-fulfilment"
PAYMENT_CONFIRMED = "payment-confirmed"


class NothingToDecideError(LookupError):
    """The order has no open approval task (decided already, or never needed)."""


#: How long a confirmation waits for its order to reach "Payment confirmed" (the bank may be fast).
CONFIRMATION_TTL_MS = 10 * 60 * 1000


def start_order(order: Order, client: CamundaClient | None = None) -> str:
    """Start the order's process instance and remember its key on the order."""
    camunda = client or camunda_client()
    created = camunda.create_process_instance(PROCESS_ID, variables=order.process_variables())
    order.process_instance_key = created.process_instance_key
    order.save(update_fields=["process_instance_key", "updated_at"])
    return created.process_instance_key


def confirm_payment(order_number: str, client: CamundaClient | None = None) -> None:
    """Publish the bank's confirmation: the message ``payment-confirmed`` for this order.

    Published (not correlated) with a time to live, as a webhook would: a confirmation that
    arrives before the process waits for it is kept until it does.
    """
    camunda = client or camunda_client()
    camunda.publish_message(
        PAYMENT_CONFIRMED,
        correlation_key=order_number,
        variables={"payment_confirmed": True},
        time_to_live_ms=CONFIRMATION_TTL_MS,
        message_id=f"{PAYMENT_CONFIRMED}-{order_number}",
    )


def decide(
    order: Order,
    username: str,
    *,
    approved: bool,
    comment: str,
    client: CamundaClient | None = None,
) -> None:
    """Take the order's open approval task and complete it with the decision.

    Raises ``NothingToDecideError`` when there is none, ``ConflictError`` when the completion is
    denied (a signal receiver decided; its reason is in the message).
    """
    camunda = client or camunda_client()
    tasks = camunda.search_user_tasks(
        {"processInstanceKey": order.process_instance_key, "state": "CREATED"}
    ).items
    if not tasks:
        raise NothingToDecideError(f"order {order.number} has no approval waiting")
    task_key = tasks[0].user_task_key
    camunda.assign_user_task(task_key, username, allow_override=True)
    variables: dict[str, Any] = {"approved": approved, "approval_comment": comment}
    camunda.complete_user_task(task_key, variables=variables)
