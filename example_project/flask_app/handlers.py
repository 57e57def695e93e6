"""The Flask app's job handlers: the job types of order-fulfilment.bpmn.

The app has no database, so the handlers work from the process variables alone; their
results become variables too. ``flask camunda worker`` runs them, each inside the app context.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, Field

from camunda_core import BpmnError
from example_project.flask_app.catalogue import DECLINED_CARD_LAST4, UNHANDLED_ITEMS
from example_project.flask_app.extension import camunda

logger = logging.getLogger(__name__)


@camunda.job_worker("check-stock", retry_backoff_ms=1_000)
def check_stock(item: str, quantity: int) -> dict[str, Any]:
    """Reserve the item. Fails (then raises an incident) for an item the warehouse cannot
    handle; correcting the ``item`` variable on the order page and retrying fixes it."""
    if item in UNHANDLED_ITEMS:
        raise RuntimeError(
            f"the warehouse system has no stock record for item {item!r}: correct the order's "
            "item, then retry the incident"
        )
    return {"reservation": f"RES-{item}-{quantity}"}


class PaymentRequest(BaseModel):
    """The variables charge-payment needs, checked before the handler runs."""

    order_id: str
    amount: float = Field(gt=0)
    card_last4: str = Field(pattern=r"^\d{4}$")


@camunda.job_worker("charge-payment")
def charge_payment(payment: PaymentRequest) -> dict[str, Any]:
    """Charge the card; a declined card throws the BPMN error the model catches."""
    if payment.card_last4 == DECLINED_CARD_LAST4:
        raise BpmnError(
            "card-declined",
            f"the card ending in {payment.card_last4} was declined",
            variables={"cancel_reason": "the payment provider declined the card"},
        )
    return {"payment_id": f"PAY-{payment.order_id}"}


@camunda.job_worker("ship-order")
async def ship_order(order_id: str) -> dict[str, Any]:
    """Hand the order to the carrier (async: runs on the worker's event loop)."""
    logger.info("ship-order: %s shipped", order_id)
    return {"tracking_number": f"TRK-{order_id}"}


@camunda.job_worker("cancel-order")
def cancel_order(
    cancel_reason: str | None = None, approval_comment: str | None = None
) -> dict[str, Any]:
    """Record why the order ends here: a declined card or a rejected approval."""
    reason = cancel_reason or "rejected by the approver" + (
        f": {approval_comment}" if approval_comment else ""
    )
    return {"cancel_reason": reason}
