"""An order of the Flask app is its process instance: read it, its variables and its step."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from camunda_core import CamundaClient
from camunda_core.models.incidents import Incident
from camunda_core.models.user_tasks import UserTask

PROCESS_ID = "order-fulfilment"
PAYMENT_STEP = "Event_PaymentConfirmed"


@dataclass(frozen=True)
class OrderView:
    """What the order pages show about one process instance."""

    key: str
    state: str
    variables: dict[str, Any]
    trail: list[tuple[str, str]] = field(default_factory=list)  # (name, state)
    current: list[str] = field(default_factory=list)  # element ids
    user_task: UserTask | None = None
    incident: Incident | None = None

    @property
    def order_id(self) -> str:
        return str(self.variables.get("order_id", self.key))

    @property
    def waiting_for_payment(self) -> bool:
        return PAYMENT_STEP in self.current

    @property
    def summary(self) -> str:
        if self.state != "ACTIVE":
            return self.state.capitalize()
        names = [name for name, state in self.trail if state == "ACTIVE"]
        return "at " + ", ".join(names) + (" (incident)" if self.incident else "")


def latest_orders(client: CamundaClient, count: int = 10) -> list[OrderView]:
    """The newest order instances, each with its variables and current step."""
    found = client.search_process_instances(
        {"processDefinitionId": PROCESS_ID}, sort=["-startDate"], page={"limit": count}
    ).items
    return [read_order(client, instance.process_instance_key, details=False) for instance in found]


def read_order(client: CamundaClient, key: str, *, details: bool = True) -> OrderView:
    """One order; ``details`` adds its open user task and active incident."""
    instance = client.get_process_instance(key)
    variables = {
        variable.name: variable.json_value()
        for variable in client.iter_variables({"processInstanceKey": key, "scopeKey": key})
    }
    elements = client.search_element_instances(
        {"processInstanceKey": key}, sort=["elementInstanceKey"], page={"limit": 200}
    ).items
    named = [e for e in elements if e.element_name and e.element_name != e.element_id]
    view = OrderView(
        key,
        str(instance.state),
        variables,
        [(str(e.element_name), str(e.state)) for e in named],
        [e.element_id for e in elements if str(e.state) == "ACTIVE"],
    )
    if not details or view.state != "ACTIVE":
        return view
    tasks = client.search_user_tasks({"processInstanceKey": key, "state": "CREATED"}).items
    incidents = client.search_incidents({"processInstanceKey": key, "state": "ACTIVE"}).items
    return OrderView(
        view.key,
        view.state,
        view.variables,
        view.trail,
        view.current,
        tasks[0] if tasks else None,
        incidents[0] if incidents else None,
    )
