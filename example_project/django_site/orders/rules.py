"""The shop's business rules, kept apart from Django and Camunda so they read at a glance.

The example fakes its surroundings: a catalogue with one item the warehouse cannot handle
(the incident path) and a payment provider that declines one test card (the BPMN error
path).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Product:
    """An item of the catalogue."""

    name: str
    price: Decimal


CATALOGUE = {
    "keyboard": Product("Mechanical keyboard", Decimal("89.00")),
    "monitor": Product("27-inch monitor", Decimal("329.00")),
    "laptop": Product("Laptop", Decimal("1499.00")),
    "broken": Product("Broken gadget (the warehouse cannot handle it)", Decimal("15.00")),
}

#: Items the warehouse system refuses: their stock check fails until the order is corrected.
UNHANDLED_ITEMS = frozenset({"broken"})

#: Test cards of the fake payment provider: this one is declined, every other one is charged.
DECLINED_CARD_LAST4 = "0002"

#: Orders above this amount may only be decided (approved or rejected) by a manager.
MANAGER_APPROVAL_ABOVE = Decimal("5000")


class WarehouseError(RuntimeError):
    """The warehouse system refused a request (an error the handler does not expect)."""


def check_stock(item: str, quantity: int) -> str:
    """Reserve ``quantity`` of ``item``; the reservation id. Raises ``WarehouseError``."""
    if item in UNHANDLED_ITEMS or item not in CATALOGUE:
        raise WarehouseError(
            f"the warehouse system has no stock record for item {item!r}: correct the "
            "order's item, then retry the incident"
        )
    return f"RES-{item}-{quantity}"


def card_declined(card_last4: str) -> bool:
    """Whether the fake payment provider declines the card."""
    return card_last4 == DECLINED_CARD_LAST4


async def book_shipment(order_pk: int, item: str, quantity: int) -> str:
    """Book a parcel with the (fake) carrier's API; the tracking number."""
    await asyncio.sleep(0.05)  # the carrier's answer takes a moment
    return f"TRK-{order_pk:06d}"
