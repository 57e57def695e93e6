"""Helpers of the Django example's tests (this folder is on sys.path in their pytest run)."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from camunda_core import CamundaClient, JobWorker

T = TypeVar("T")

#: The order form as the "small order" preset fills it.
SMALL_ORDER = {
    "customer": "Ada Lovelace",
    "tier": "standard",
    "item": "keyboard",
    "quantity": "1",
    "card_number": "4242 4242 4242 4242",
}


def wait_for(
    fetch: Callable[[], T],
    done: Callable[[T], bool] = bool,
    *,
    timeout: float = 15.0,
    what: str = "the condition",
) -> T:
    """Poll ``fetch`` until ``done`` holds, for at most ``timeout`` seconds; the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = fetch()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}; last: {value!r}")
        time.sleep(0.05)


@contextmanager
def running_worker() -> Iterator[JobWorker]:
    """The site's handlers and receivers in a ``JobWorker`` on a thread, as camunda_worker runs
    them (same router, signal sink and ledger), stopped afterwards."""
    from camunda_django.conf import camunda_settings, django_config
    from camunda_django.worker import worker_parts

    parts = worker_parts(django_config())
    worker = JobWorker(
        parts.router,
        settings=camunda_settings(),
        sinks=[parts.sink],
        guard=parts.guard,
        shutdown_grace_ms=5000,
    )
    thread = threading.Thread(target=lambda: asyncio.run(worker.run()), daemon=True)
    thread.start()
    wait_for(lambda: worker.health().running, what="the worker to start")
    try:
        yield worker
    finally:
        worker.stop()
        thread.join(15)
        parts.sink.close()
        assert not thread.is_alive(), "the worker did not stop"


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
