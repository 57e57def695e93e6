"""The order form, with presets that walk a newcomer through each path of the process."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from orders.models import Order
from orders.rules import CATALOGUE

#: ``?preset=<name>`` fills the form: (label, what it shows, initial values).
PRESETS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "small": (
        "Small order",
        "flows straight through (confirm the payment when it waits)",
        {"item": "keyboard", "quantity": 1, "tier": "standard"},
    ),
    "approval": (
        "Big order",
        "the DMN table asks for approval; a manager decides",
        {"item": "laptop", "quantity": 4, "tier": "standard"},
    ),
    "declined": (
        "Declined card",
        "the payment handler throws the BPMN error card-declined",
        {"item": "monitor", "quantity": 1, "card_number": "4000 0000 0000 0002"},
    ),
    "broken": (
        "Broken item",
        "the stock check keeps failing: an incident to fix and retry",
        {"item": "broken", "quantity": 1},
    ),
}
DEFAULTS = {"customer": "Ada Lovelace", "tier": "standard", "card_number": "4242 4242 4242 4242"}


class OrderForm(forms.ModelForm):
    card_number = forms.CharField(
        help_text="Test cards: 4242 4242 4242 4242 is charged, 4000 0000 0000 0002 is declined.",
        max_length=23,
    )

    class Meta:
        model = Order
        fields = ["customer", "tier", "item", "quantity"]

    @classmethod
    def for_preset(cls, name: str | None) -> OrderForm:
        """An unbound form filled with the defaults and the preset's values."""
        preset = PRESETS.get(name or "", ("", "", {}))[2]
        return cls(initial={**DEFAULTS, **preset})

    def clean_quantity(self) -> int:
        quantity: int = self.cleaned_data["quantity"]
        if not 1 <= quantity <= 100:
            raise forms.ValidationError("Order between 1 and 100 pieces.")
        return quantity

    def clean_card_number(self) -> str:
        digits = re.sub(r"[\s-]", "", self.cleaned_data["card_number"])
        if not digits.isdigit() or not 12 <= len(digits) <= 19:
            raise forms.ValidationError("Enter 12 to 19 digits.")
        return digits

    def save(self, commit: bool = True) -> Order:
        """The order with the catalogue price and only the card's last four digits."""
        order: Order = super().save(commit=False)
        order.unit_price = CATALOGUE[order.item].price
        order.card_last4 = self.cleaned_data["card_number"][-4:]
        if commit:
            order.save()
        return order
