"""Signal receivers: the shop's rules about Camunda events, connected in ``OrdersConfig.ready``.

They run in the worker process (which sends the signals), on a thread where the ORM works.

- ``managers_decide_big_orders``: the "Approve order" user task has a *completing* task
  listener (type ``user-task-events``), so completing it waits for this receiver, which may
  deny the completion: orders above 5,000 must be decided by a manager assigned to the task.
- ``record_shipment``: writes the carrier's tracking number to the order (the async
  ship-order handler only reads the database).
- ``flag_incidents``: a job that failed for good (an incident) marks its order.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.dispatch import receiver

from camunda_core import Job
from camunda_core.models.jobs import UserTaskProperties
from camunda_core.worker.task_listeners import UserTaskEvent
from camunda_django.signals import (
    bpmn_error_thrown,
    job_completed,
    job_failed,
    user_task_completing,
)
from orders.models import Order, pk_of
from orders.rules import MANAGER_APPROVAL_ABOVE

logger = logging.getLogger("orders.receivers")

MANAGERS_GROUP = "managers"


def is_manager(username: str | None) -> bool:
    """Whether ``username`` is an active superuser or a member of the managers group."""
    if not username:
        return False
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    return user is not None and (
        user.is_superuser or user.groups.filter(name=MANAGERS_GROUP).exists()
    )


@receiver(user_task_completing)
def managers_decide_big_orders(
    sender: Any,
    event: UserTaskEvent,
    user_task: UserTaskProperties,
    variables: dict[str, Any],
    **kwargs: Any,
) -> None:
    """Deny completing the approval of a big order unless a manager holds the task."""
    if Decimal(str(variables.get("amount", 0))) <= MANAGER_APPROVAL_ABOVE:
        return
    if not is_manager(user_task.assignee):
        who = user_task.assignee or "nobody"
        event.deny(
            f"orders above {MANAGER_APPROVAL_ABOVE:,} are decided by a manager; the task is "
            f"assigned to {who}: a manager must assign it to themselves first"
        )
        logger.info("Denied completing the approval of %s (%s)", variables.get("order_id"), who)


@receiver(job_completed)
def record_shipment(sender: Any, job: Job, variables: dict[str, Any], **kwargs: Any) -> None:
    """Camunda accepted ship-order's completion: the order is shipped."""
    if job.type != "ship-order":
        return
    Order.objects.filter(pk=pk_of(str(job.variables.get("order_id", "")))).update(
        status=Order.Status.SHIPPED, tracking_number=variables.get("tracking_number", "")
    )


@receiver(job_failed)
def flag_incidents(sender: Any, job: Job, message: str, retries: int, **kwargs: Any) -> None:
    """A job out of retries is an incident: show it on the order until someone retries it."""
    if retries > 0:
        return
    order_id = str(job.variables.get("order_id", ""))
    Order.objects.filter(pk=pk_of(order_id)).update(status=Order.Status.NEEDS_ATTENTION)
    logger.warning("Incident: %s of order %s failed for good: %s", job.type, order_id, message)


@receiver(bpmn_error_thrown)
def log_business_errors(sender: Any, job: Job, code: str, message: str, **kwargs: Any) -> None:
    """BPMN errors are business outcomes the model handles (``card-declined``): log them."""
    logger.info(
        "%s threw %s for order %s: %s", job.type, code, job.variables.get("order_id"), message
    )
