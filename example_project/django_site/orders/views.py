"""The shop's pages: place an order, follow it through its process, act where it waits.

- ``/``: the order form (with presets for each path of the process) and the latest orders
  with their current step;
- ``/orders/<number>/``: one order, its trail through the process, links to the admin's
  user task and incident pages, and the actions its current step needs: confirm the payment
  (publishes the message) or, for staff, approve or reject it.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from camunda_core import CamundaError
from orders import process
from orders.forms import PRESETS, OrderForm
from orders.models import Order
from orders.progress import Progress, read_progress

logger = logging.getLogger("orders.views")

LATEST_ORDERS = 15


def order_list(request: HttpRequest) -> HttpResponse:
    """The order form and the latest orders; a valid POST places an order and starts it."""
    if request.method == "POST":
        form = OrderForm(request.POST)
        if form.is_valid():
            order = form.save()
            try:
                process.start_order(order)
            except CamundaError as error:
                order.delete()  # no process, no order: the customer may simply try again
                form.add_error(None, f"Camunda could not start the order: {error}")
            else:
                messages.success(request, f"Order {order.number} placed.")
                return redirect("orders:detail", number=order.number)
    else:
        form = OrderForm.for_preset(request.GET.get("preset"))
    orders = list(Order.objects.all()[:LATEST_ORDERS])
    rows = [(order, _progress(order, details=False)) for order in orders]
    return render(
        request,
        "orders/order_list.html",
        {"form": form, "presets": PRESETS, "rows": rows, "preset": request.GET.get("preset")},
    )


def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    """One order and where its process is."""
    order = _order(number)
    progress = _progress(order, details=True)
    return render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "progress": progress,
            "can_decide": request.user.has_perm("camunda_django.complete_usertask"),
        },
    )


@require_POST
def confirm_payment(request: HttpRequest, number: str) -> HttpResponse:
    """Play the bank: publish ``payment-confirmed`` for this order."""
    order = _order(number)
    try:
        process.confirm_payment(order.number)
    except CamundaError as error:
        messages.error(request, f"The confirmation was not published: {error}")
    else:
        messages.success(request, f"Published the message payment-confirmed for {order.number}.")
    return redirect("orders:detail", number=order.number)


@require_POST
@login_required
def decide(request: HttpRequest, number: str) -> HttpResponse:
    """Approve or reject the order's waiting approval (the same as completing it in the admin)."""
    if not request.user.has_perm("camunda_django.complete_usertask"):
        raise PermissionDenied("You may not complete user tasks.")
    order = _order(number)
    approved = request.POST.get("decision") == "approve"
    try:
        process.decide(
            order,
            request.user.get_username(),
            approved=approved,
            comment=request.POST.get("comment", "").strip()[:500],
        )
    except (CamundaError, process.NothingToDecideError) as error:
        messages.error(request, f"Not decided: {error}")
    else:
        messages.success(request, f"Order {order.number} {'approved' if approved else 'rejected'}.")
    return redirect("orders:detail", number=order.number)


def _order(number: str) -> Order:
    try:
        return Order.objects.by_number(number)
    except Order.DoesNotExist:
        raise Http404(f"No order {number}.") from None


def _progress(order: Order, *, details: bool) -> Progress | None:
    if not order.process_instance_key:
        return None
    return read_progress(order.process_instance_key, details=details)
