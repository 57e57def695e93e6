"""The Flask app's order pages: place an order (starts its process), follow it, act on it.

- ``/``: the order form and the latest orders (process instances of order-fulfilment);
- ``/orders/<key>``: one order, its trail, links to the extension's task and incident pages,
  and the actions its step needs: confirm the payment (publishes the message) or correct the
  item of a broken order (sets the process variable) before retrying its incident.

State changes are POST with a per-session CSRF token, like the extension's own pages.
"""

from __future__ import annotations

import hmac
import re
import secrets
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from camunda_core import CamundaError, NotFoundError
from example_project.flask_app.catalogue import CATALOGUE, amount_of
from example_project.flask_app.extension import camunda
from example_project.flask_app.progress import PROCESS_ID, latest_orders, read_order

blueprint = Blueprint("shop", __name__)

_CSRF_KEY = "shop_csrf"
CONFIRMATION_TTL_MS = 10 * 60 * 1000


@blueprint.app_context_processor
def _template_helpers() -> dict[str, Any]:
    return {"shop_csrf_token": _csrf_token, "catalogue": CATALOGUE}


def _csrf_token() -> str:
    token = session.get(_CSRF_KEY)
    if not isinstance(token, str):
        token = session[_CSRF_KEY] = secrets.token_urlsafe(32)
    return token


@blueprint.before_request
def _check_csrf() -> None:
    if request.method == "POST":
        expected = session.get(_CSRF_KEY)
        given = request.form.get("csrf_token", "")
        if not isinstance(expected, str) or not hmac.compare_digest(expected, given):
            abort(403, "missing or wrong CSRF token: reload the page and try again")


@blueprint.errorhandler(CamundaError)
def _camunda_failed(error: CamundaError) -> tuple[str, int]:
    status = 404 if isinstance(error, NotFoundError) else 502
    return render_template("shop/error.html", message=str(error)), status


@blueprint.get("/")
def index() -> str:
    try:
        orders, error = latest_orders(camunda.client), None
    except CamundaError as failure:
        orders, error = [], str(failure)
    return render_template("shop/index.html", orders=orders, error=error, form={}, errors={})


@blueprint.post("/")
def place_order() -> Response | tuple[str, int]:
    form = request.form
    variables, errors = _order_variables(form)
    if errors:
        return render_template(
            "shop/index.html", orders=[], error=None, form=form, errors=errors
        ), 400
    try:
        created = camunda.client.create_process_instance(PROCESS_ID, variables=variables)
    except CamundaError as failure:
        errors = {"": f"Camunda could not start the order: {failure}"}
        return render_template(
            "shop/index.html", orders=[], error=None, form=form, errors=errors
        ), 502
    flash(f"Order {variables['order_id']} placed.")
    return redirect(url_for("shop.order", key=created.process_instance_key))


@blueprint.get("/orders/<key>")
def order(key: str) -> str:
    if not key.isdigit():
        abort(404)
    return render_template("shop/order.html", order=read_order(camunda.client, key))


@blueprint.post("/orders/<key>/confirm-payment")
def confirm_payment(key: str) -> Response:
    order_id = read_order(camunda.client, key, details=False).order_id
    camunda.client.publish_message(
        "payment-confirmed",
        correlation_key=order_id,
        variables={"payment_confirmed": True},
        time_to_live_ms=CONFIRMATION_TTL_MS,
    )
    flash(f"Published the message payment-confirmed for {order_id}.")
    return redirect(url_for("shop.order", key=key))


@blueprint.post("/orders/<key>/item")
def correct_item(key: str) -> Response:
    """Fix a broken order: set its ``item`` (and ``amount``); then retry the incident."""
    item = request.form.get("item", "")
    if item not in CATALOGUE:
        abort(400, "unknown item")
    quantity = int(read_order(camunda.client, key, details=False).variables.get("quantity", 1))
    camunda.client.set_variables(key, {"item": item, "amount": amount_of(item, quantity)})
    flash(f"The item is now {item}: retry the incident to run the stock check again.")
    return redirect(url_for("shop.order", key=key))


def _order_variables(form: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The process's start variables from the form, or the errors per field."""
    errors: dict[str, str] = {}
    customer = form.get("customer", "").strip()
    item = form.get("item", "")
    tier = form.get("tier", "standard")
    quantity_text = form.get("quantity", "1")
    card = re.sub(r"[\s-]", "", form.get("card_number", ""))
    if not customer:
        errors["customer"] = "Enter a name."
    if item not in CATALOGUE:
        errors["item"] = "Choose an item."
    if tier not in ("standard", "gold"):
        errors["tier"] = "Choose standard or gold."
    if not quantity_text.isdigit() or not 1 <= int(quantity_text) <= 100:
        errors["quantity"] = "Order between 1 and 100 pieces."
    if not card.isdigit() or not 12 <= len(card) <= 19:
        errors["card_number"] = "Enter 12 to 19 digits."
    if errors:
        return {}, errors
    quantity = int(quantity_text)
    return {
        "order_id": f"F-{secrets.token_hex(3).upper()}",
        "customer": customer[:100],
        "tier": tier,
        "item": item,
        "quantity": quantity,
        "amount": amount_of(item, quantity),
        "card_last4": card[-4:],
    }, {}
