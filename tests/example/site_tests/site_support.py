"""Helpers of the Django example's tests (this folder is on sys.path in their pytest run)."""

from __future__ import annotations

import re
from typing import Any

from polling import wait_for

from camunda_core import CamundaClient

#: The order form as the "small order" preset fills it.
SMALL_ORDER = {
    "customer": "Ada Lovelace",
    "tier": "standard",
    "item": "keyboard",
    "quantity": "1",
    "card_number": "4242 4242 4242 4242",
}


def place_order(client: Any, **changes: str) -> str:
    """Place an order through the order page; its number (``A-1001``)."""
    response = client.post("/", {**SMALL_ORDER, **changes})
    assert response.status_code == 302, response.content.decode()[:2000]
    match = re.fullmatch(r"/orders/(A-\d+)/", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def instance_of(number: str) -> str:
    """The process instance key of an order."""
    from orders.models import Order

    return Order.objects.by_number(number).process_instance_key


def state_of(camunda: CamundaClient, key: str) -> str:
    return str(camunda.get_process_instance(key).state)


def active_elements(camunda: CamundaClient, key: str) -> list[str]:
    found = camunda.search_element_instances({"processInstanceKey": key, "state": "ACTIVE"})
    return [element.element_id for element in found.items]


def wait_until_at(camunda: CamundaClient, key: str, element_id: str) -> None:
    wait_for(
        lambda: active_elements(camunda, key),
        lambda active: element_id in active,
        what=f"instance {key} at {element_id}",
    )


def wait_until_finished(camunda: CamundaClient, key: str) -> None:
    wait_for(
        lambda: state_of(camunda, key),
        lambda state: state == "COMPLETED",
        what=f"instance {key} completed",
    )


def completed_elements(camunda: CamundaClient, key: str) -> list[str]:
    found = camunda.search_element_instances(
        {"processInstanceKey": key, "state": "COMPLETED"}, page={"limit": 100}
    )
    return [element.element_id for element in found.items]
