"""How Python values map onto FEEL types: numbers become Decimal, kinds and type names.

Input contexts are plain JSON-ish Python (int/float/str/bool/None/list/dict). Numbers are
converted to ``Decimal`` lazily, where a value is read, so evaluation never copies a context.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from typing import Any

from .durations import YearMonthDuration

NUMBER_CONTEXT = Context(
    prec=34,
    rounding=ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""DECIMAL128 as in the FEEL spec: 34 significant digits, half-even rounding."""


def float_to_decimal(value: float) -> Decimal | None:
    """The decimal a user meant by a float (``0.1`` -> ``Decimal('0.1')``); NaN/inf -> None."""
    if not math.isfinite(value):
        return None
    return Decimal(repr(value))


def from_python(value: Any) -> Any:
    """A value read from the input context, with ints and floats turned into Decimal."""
    kind = type(value)
    if kind is int:
        return Decimal(value)
    if kind is float:
        return float_to_decimal(value)
    return value


def to_number(value: Any) -> Decimal | None:
    """The value as a FEEL number, or None if it is not a number (booleans are not)."""
    kind = type(value)
    if kind is Decimal:
        return value  # type: ignore[no-any-return]
    if kind is int:
        return Decimal(value)
    if kind is float:
        return float_to_decimal(value)
    return None


def as_list(value: Any) -> list[Any]:
    """List elements with numbers converted, for built-ins that look at the items."""
    return [from_python(item) for item in value]


_KINDS: dict[type, str] = {
    Decimal: "number",
    int: "number",
    float: "number",
    str: "string",
    bool: "boolean",
    date: "date",
    timedelta: "days and time duration",
    YearMonthDuration: "years and months duration",
    list: "list",
    tuple: "list",
    dict: "context",
}


def kind_of(value: Any) -> str:
    """A comparability class: FEEL type plus 'local' variants of time and date-time."""
    kind = _KINDS.get(type(value))
    if kind is not None:
        return kind
    if value is None:
        return "null"
    if isinstance(value, datetime):
        return "date and time" if value.tzinfo is not None else "local date and time"
    if isinstance(value, time):
        return "time" if value.tzinfo is not None else "local time"
    if isinstance(value, Mapping):
        return "context"
    return _extension_kind(value)


def _extension_kind(value: Any) -> str:
    # FeelRange and FeelFunction live in modules that import this one.
    return str(getattr(type(value), "feel_kind", type(value).__name__))


def type_name(value: Any) -> str:
    """The FEEL type name used by ``instance of`` and in error messages."""
    kind = kind_of(value)
    if kind.startswith("local "):
        return kind[len("local ") :]
    return kind


def describe(value: Any) -> str:
    """A short rendering of a value for error messages."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type_name(value)} {text}"
