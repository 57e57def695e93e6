"""The job handlers of order-fulfilment.bpmn, one per service task type.

``manage.py camunda_worker`` discovers this module (like ``admin.py``); web processes never
import it. Each handler shows one way to write one:

- ``check-stock``: sync, a variable by parameter name; an unexpected exception fails the job,
  and after the task's three retries Camunda raises an incident;
- ``charge-payment``: sync, one pydantic model built from the variables, plus the ``Job``;
  a declined card is a ``BpmnError`` that the model's boundary event catches;
- ``ship-order``: ``async`` (it awaits the carrier), reading with Django's async ORM;
- ``cancel-order``: optional variables with defaults.

Sync handlers run inside the job ledger's transaction: their database writes commit with
the ledger row, once per job however often Camunda delivers it.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from camunda_core import BpmnError, Job
from camunda_django import job_worker
from orders import rules
from orders.models import Order

logger = logging.getLogger("orders.handlers")


@job_worker("check-stock", retry_backoff_ms=1_000)
def check_stock(order_id: str) -> dict[str, Any]:
    """Reserve the order's item.

    The item comes from the database, not from the process variables, so correcting a broken
    order in the admin fixes the next attempt: retry the incident after the correction. The
    returned variables bring the process up to date with the order.
    """
    order = Order.objects.by_number(order_id)
    order.reservation = rules.check_stock(order.item, order.quantity)  # may raise: job fails
    order.status = Order.Status.RESERVED
    order.save(update_fields=["reservation", "status", "updated_at"])
    logger.info("check-stock: reserved %s x %s for %s", order.quantity, order.item, order_id)
    return {"item": order.item, "quantity": order.quantity, "amount": float(order.amount)}


class PaymentRequest(BaseModel):
    """What charge-payment needs; variables that do not fit fail the job with the field errors."""

    order_id: str
    amount: Decimal = Field(gt=0)
    card_last4: str = Field(pattern=r"^\d{4}$")


@job_worker("charge-payment")
def charge_payment(payment: PaymentRequest, job: Job) -> dict[str, Any]:
    """Charge the card; a declined card takes the model's error path (``card-declined``).

    The job key is the payment's idempotency key: a job delivered twice never charges twice.
    """
    if rules.card_declined(payment.card_last4):
        logger.info(
            "charge-payment: card ...%s declined for %s", payment.card_last4, payment.order_id
        )
        raise BpmnError(
            "card-declined",
            f"the card ending in {payment.card_last4} was declined",
            variables={"cancel_reason": "the payment provider declined the card"},
        )
    order = Order.objects.by_number(payment.order_id)
    order.payment_id, order.status = f"PAY-{job.key}", Order.Status.CHARGED
    order.save(update_fields=["payment_id", "status", "updated_at"])
    logger.info(
        "charge-payment: %s charged %s (%s)", order.number, payment.amount, order.payment_id
    )
    return {"payment_id": order.payment_id}


@job_worker("ship-order")
async def ship_order(order_id: str, item: str, quantity: int) -> dict[str, Any]:
    """Book the shipment with the carrier: network I/O, so an ``async`` handler, which runs on
    the worker's event loop.

    It only reads the database (``aget``); the ``record_shipment`` receiver writes the
    tracking number to the order once Camunda has accepted the completion. Async handlers run
    outside the job ledger's transaction, and on SQLite that transaction holds the one write
    lock while the handler runs, so an async handler that writes would wait for it.
    """
    order = await Order.objects.aby_number(order_id)
    tracking_number = await rules.book_shipment(order.pk, item, quantity)
    logger.info("ship-order: %s handed to the carrier (%s)", order_id, tracking_number)
    return {"tracking_number": tracking_number}


@job_worker("cancel-order")
def cancel_order(
    order_id: str, cancel_reason: str | None = None, approval_comment: str | None = None
) -> dict[str, Any]:
    """Cancel the order: its card was declined (``cancel_reason``) or the approver rejected it."""
    reason = cancel_reason or "rejected by the approver" + (
        f": {approval_comment}" if approval_comment else ""
    )
    order = Order.objects.by_number(order_id)
    order.status, order.cancel_reason = Order.Status.CANCELLED, reason
    order.save(update_fields=["status", "cancel_reason", "updated_at"])
    logger.info("cancel-order: %s cancelled (%s)", order_id, reason)
    return {"cancel_reason": reason}
