"""The Flask app's signal receiver: big orders need an assigned approver.

The "Approve order" task's *completing* listener becomes ``user_task_completing``; denying
it makes the completion fail with the reason (the task page shows it).
"""

from __future__ import annotations

from typing import Any

from camunda_core.models.jobs import UserTaskProperties
from camunda_core.worker.task_listeners import UserTaskEvent
from camunda_flask.signals import user_task_completing
from example_project.flask_app.catalogue import MANAGER_APPROVAL_ABOVE


@user_task_completing.connect
def big_orders_need_an_approver(
    sender: Any,
    event: UserTaskEvent,
    user_task: UserTaskProperties,
    variables: dict[str, Any],
    **kwargs: Any,
) -> None:
    """Deny completing the approval of an order above 5,000 that nobody took."""
    if float(variables.get("amount", 0)) > MANAGER_APPROVAL_ABOVE and not user_task.assignee:
        event.deny(
            f"orders above {MANAGER_APPROVAL_ABOVE:,.0f} need an approver: "
            "assign the task to yourself first"
        )
