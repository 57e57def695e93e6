"""Where an order's process is, read live from the engine for the order pages.

One element-instance search gives the trail (every element the instance passed or waits at);
the open user task and the active incident add the keys that the admin links need. The engine
is the source of truth: nothing here is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from camunda_core import CamundaClient, CamundaError
from camunda_core.models.incidents import Incident
from camunda_core.models.user_tasks import UserTask
from camunda_django.conf import camunda_client

#: The element that waits for the bank's confirmation (see order-fulfilment.bpmn).
PAYMENT_STEP = "Event_PaymentConfirmed"
_WAITING_FOR = {
    "USER_TASK": "a person",
    "INTERMEDIATE_CATCH_EVENT": "a message",
    "RECEIVE_TASK": "a message",
}


@dataclass(frozen=True)
class Step:
    """One element the process instance passed or is at."""

    element_id: str
    name: str
    type: str
    state: str
    has_incident: bool = False

    @property
    def active(self) -> bool:
        return self.state == "ACTIVE"

    @property
    def waiting_for(self) -> str:
        """What an active step waits for, in words."""
        if self.has_incident:
            return "an operator (incident)"
        return _WAITING_FOR.get(self.type, "a worker")


@dataclass(frozen=True)
class Progress:
    """The process instance of one order: its state, its trail, what it waits for."""

    state: str  # ACTIVE, COMPLETED, TERMINATED; UNKNOWN when the engine did not answer
    trail: tuple[Step, ...] = ()
    user_task: UserTask | None = None
    incident: Incident | None = None
    error: str | None = None

    @property
    def current(self) -> tuple[Step, ...]:
        return tuple(step for step in self.trail if step.active)

    @property
    def waiting_for_payment(self) -> bool:
        return any(step.element_id == PAYMENT_STEP and step.active for step in self.trail)

    @property
    def busy(self) -> bool:
        """Workers are on it: worth refreshing the page in a moment."""
        current = self.current
        return bool(current) and all(step.waiting_for == "a worker" for step in current)

    @property
    def incident_message(self) -> str:
        """The incident's first line (a handler's failure message; the traceback follows it)."""
        lines = self.incident.error_message.splitlines() if self.incident else []
        return lines[0] if lines else ""

    @property
    def summary(self) -> str:
        if self.state == "ACTIVE" and self.current:
            return "; ".join(
                f"{step.name}: waiting for {step.waiting_for}" for step in self.current
            )
        return {"COMPLETED": "Completed", "TERMINATED": "Terminated"}.get(self.state, self.state)


def read_progress(
    instance_key: str, *, details: bool = True, client: CamundaClient | None = None
) -> Progress:
    """The progress of one process instance; ``details`` adds its open task and incident."""
    camunda = client or camunda_client()
    try:
        instance = camunda.get_process_instance(instance_key)
        elements = camunda.search_element_instances(
            {"processInstanceKey": instance_key},
            sort=["elementInstanceKey"],
            page={"limit": 200},
        ).items
        user_task = incident = None
        if details and instance.state == "ACTIVE":
            open_tasks = camunda.search_user_tasks(
                {"processInstanceKey": instance_key, "state": "CREATED"}
            ).items
            incidents = camunda.search_incidents(
                {"processInstanceKey": instance_key, "state": "ACTIVE"}
            ).items
            user_task = open_tasks[0] if open_tasks else None
            incident = incidents[0] if incidents else None
    except CamundaError as error:
        return Progress("UNKNOWN", error=str(error))
    trail = tuple(
        Step(e.element_id, e.element_name, str(e.type), str(e.state), e.has_incident)
        for e in elements
        if e.element_name and e.element_name != e.element_id  # unnamed gateways are plumbing
    )
    return Progress(str(instance.state), trail, user_task, incident)
