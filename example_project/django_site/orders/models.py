"""An order as the shop keeps it. The engine keeps where its process is; the row keeps what
the handlers did (reserved, charged, shipped, cancelled) and the process instance's key."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models

from orders.rules import CATALOGUE

NUMBER_OFFSET = 1000


def pk_of(number: str) -> int:
    """The primary key of the order ``A-1001`` (0, which no row has, for anything else)."""
    prefix, _, digits = number.partition("-")
    if prefix != "A" or not digits.isdigit():
        return 0
    return int(digits) - NUMBER_OFFSET


class OrderQuerySet(models.QuerySet["Order"]):
    def by_number(self, number: str) -> Order:
        """The order ``A-1001`` (raises ``Order.DoesNotExist`` for an unknown number)."""
        return self.get(pk=pk_of(number))

    async def aby_number(self, number: str) -> Order:
        """``by_number`` for async code."""
        return await self.aget(pk=pk_of(number))


class Order(models.Model):
    class Tier(models.TextChoices):
        STANDARD = "standard", "Standard"
        GOLD = "gold", "Gold"

    class Status(models.TextChoices):
        PLACED = "placed", "Placed"
        RESERVED = "reserved", "Stock reserved"
        NEEDS_ATTENTION = "attention", "Needs attention (incident)"
        CHARGED = "charged", "Charged, awaiting confirmation"
        SHIPPED = "shipped", "Shipped"
        CANCELLED = "cancelled", "Cancelled"

    customer = models.CharField(max_length=100)
    tier = models.CharField(max_length=10, choices=Tier.choices, default=Tier.STANDARD)
    item = models.CharField(
        max_length=20,
        choices=[(key, f"{product.name}, {product.price}") for key, product in CATALOGUE.items()],
    )
    quantity = models.PositiveIntegerField(default=1)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    #: Only the last four digits: the shop never stores a card number.
    card_last4 = models.CharField("card (last 4 digits)", max_length=4)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLACED)
    process_instance_key = models.CharField(max_length=20, blank=True)
    reservation = models.CharField(max_length=40, blank=True)
    payment_id = models.CharField(max_length=40, blank=True)
    tracking_number = models.CharField(max_length=40, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number}: {self.quantity} x {self.item} for {self.customer}"

    @property
    def number(self) -> str:
        """The order number customers see, also the process's ``order_id`` and correlation key."""
        return f"A-{self.pk + NUMBER_OFFSET}"

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.quantity

    def process_variables(self) -> dict[str, Any]:
        """The variables the order-fulfilment process starts with."""
        return {
            "order_id": self.number,
            "customer": self.customer,
            "tier": self.tier,
            "item": self.item,
            "quantity": self.quantity,
            "amount": float(self.amount),
            "card_last4": self.card_last4,
        }
