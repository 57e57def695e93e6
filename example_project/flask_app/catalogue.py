"""The shop's items and the rules of its fake surroundings (as in the Django site's rules.py)."""

from __future__ import annotations

CATALOGUE = {
    "keyboard": ("Mechanical keyboard", 89.0),
    "monitor": ("27-inch monitor", 329.0),
    "laptop": ("Laptop", 1499.0),
    "broken": ("Broken gadget (the warehouse cannot handle it)", 15.0),
}
#: The stock check fails for these items until the order's ``item`` variable is corrected.
UNHANDLED_ITEMS = frozenset({"broken"})
#: The fake payment provider declines this test card.
DECLINED_CARD_LAST4 = "0002"
#: Orders above this amount need the approval task to be assigned before completing it.
MANAGER_APPROVAL_ABOVE = 5000.0


def amount_of(item: str, quantity: int) -> float:
    return round(CATALOGUE[item][1] * quantity, 2)
