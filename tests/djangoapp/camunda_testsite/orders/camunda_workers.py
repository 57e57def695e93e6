"""The test app's job handlers, discovered by camunda_django like admin.py."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from camunda_core import BpmnError, Job, JobFailure
from camunda_django import job_worker
from camunda_testsite.orders.models import Shipment


@job_worker("ship-order")
def ship_order(job: Job, order_id: str) -> dict[str, Any]:
    """Writes one Shipment row: the side effect the ledger must keep to exactly once."""
    shipment = Shipment.objects.create(order_id=order_id, job_key=job.key)
    return {"shipment_id": shipment.pk}


@job_worker("charge-card", max_jobs_active=4)
def charge_card(amount: float) -> dict[str, Any]:
    return {"charged": amount}


@job_worker("check-stock")
def check_stock(order_id: str) -> None:
    raise BpmnError("OUT_OF_STOCK", f"no stock for {order_id}", {"restock": True})


@job_worker("notify-customer")
def notify_customer(message: str) -> None:
    """Fails for good with the message it was given: an incident with that error message."""
    raise JobFailure(message, retries=0)


@job_worker("pack-order")
def pack_order(job: Job, order_id: str, marker: str) -> dict[str, Any]:
    """Writes a Shipment, then on its first run records its pid in ``marker`` and hangs there
    (the Celery test kills that process); a later run finishes at once."""
    Shipment.objects.create(order_id=order_id, job_key=job.key)
    path = Path(marker)
    if not path.exists():
        path.write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(60)
    return {"packed": True}
