"""Orders in the admin. The item and quantity stay editable: that is how an operator corrects
a broken order before retrying its incident (Camunda > Incidents > Retry)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from orders.models import Order
from orders.rules import CATALOGUE


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "customer", "item", "quantity", "amount", "status", "created_at"]
    list_filter = ["status", "tier", "item"]
    search_fields = ["customer", "process_instance_key", "payment_id", "tracking_number"]
    fields = [
        "order_page",
        "customer",
        "tier",
        "item",
        "quantity",
        "unit_price",
        "card_last4",
        "status",
        "process_instance_key",
        "reservation",
        "payment_id",
        "tracking_number",
        "cancel_reason",
    ]
    readonly_fields = [f for f in fields if f not in ("item", "quantity")]

    def save_model(self, request: HttpRequest, obj: Order, form: Any, change: bool) -> None:
        obj.unit_price = CATALOGUE[obj.item].price  # a corrected item has its own price
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # orders are placed on the order page, which starts their process

    @admin.display(description="order page")
    def order_page(self, order: Order) -> str:
        url = reverse("orders:detail", args=[order.number])
        return format_html('<a href="{}">{}</a>', url, order.number)
