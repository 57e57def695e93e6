"""The order pages without a worker: placing an order starts its process; the pages show
where it is and refuse what they must."""

from __future__ import annotations

from typing import Any

import pytest
from orders.models import Order
from site_support import SMALL_ORDER, active_elements, instance_of, place_order

from camunda_core import CamundaClient

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_order_page_offers_the_form_and_a_preset_per_path(client: Any, camunda: Any) -> None:
    page = client.get("/").content.decode()
    assert "Place an order" in page
    for preset in ("small", "approval", "declined", "broken"):
        assert f'href="?preset={preset}"' in page
    broken = client.get("/?preset=broken").content.decode()
    assert '<option value="broken" selected>' in broken


def test_placing_an_order_starts_its_process_with_the_order_as_variables(
    client: Any, camunda: CamundaClient
) -> None:
    number = place_order(client)
    order = Order.objects.by_number(number)
    key = instance_of(number)
    variables = {
        v.name: v.json_value() for v in camunda.iter_variables({"processInstanceKey": key})
    }
    assert variables == {
        "order_id": number,
        "customer": "Ada Lovelace",
        "tier": "standard",
        "item": "keyboard",
        "quantity": 1,
        "amount": 89.0,
        "card_last4": "4242",
    }
    assert order.card_last4 == "4242"  # never the whole card number
    assert active_elements(camunda, key) == ["Activity_CheckStock"]
    page = client.get(f"/orders/{number}/").content.decode()
    assert "Check stock: waiting for a worker" in page
    assert 'http-equiv="refresh"' in page  # the page follows the workers
    assert f'data-process-instance="{key}"' in page


def test_an_invalid_order_starts_nothing(client: Any, camunda: CamundaClient) -> None:
    response = client.post("/", {**SMALL_ORDER, "card_number": "12", "quantity": "0"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter 12 to 19 digits." in page
    assert "Order between 1 and 100 pieces." in page
    assert not Order.objects.exists()
    assert not camunda.search_process_instances({}).items


def test_an_order_camunda_cannot_start_is_not_kept(client: Any, settings: Any) -> None:
    settings.CAMUNDA = {
        **settings.CAMUNDA,
        "REST_ADDRESS": "http://127.0.0.1:9/v2",  # nothing listens on the discard port
        "SDK_HTTP_RETRY_MAX_ATTEMPTS": 1,
    }
    response = client.post("/", SMALL_ORDER)
    assert response.status_code == 200
    assert "Camunda could not start the order" in response.content.decode()
    assert not Order.objects.exists()


def test_unknown_orders_are_not_found(client: Any, camunda: Any) -> None:
    assert client.get("/orders/A-999999/").status_code == 404
    assert client.get("/orders/nonsense/").status_code == 404


def test_deciding_on_the_order_page_needs_a_login_and_a_post(client: Any, camunda: Any) -> None:
    number = place_order(client)
    assert client.get(f"/orders/{number}/decide/").status_code == 405
    response = client.post(f"/orders/{number}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_post_without_the_csrf_token_is_refused(camunda: Any) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/", SMALL_ORDER).status_code == 403
    assert not Order.objects.exists()
