"""FEEL equality and ordering: same-type values only; anything else is null (None).

``null = null`` is true and ``x = null`` is false, as in Camunda, so null checks work.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

from .values import kind_of, to_number

_ORDERED_KINDS = frozenset(
    {
        "number", "string", "date", "time", "local time", "date and time",
        "local date and time", "days and time duration", "years and months duration",
    }
)  # fmt: skip


def equal(left: Any, right: Any) -> bool | None:
    """FEEL ``=``: None when the two values have different types."""
    if left is None or right is None:
        return left is None and right is None
    if type(left) is Decimal and type(right) is Decimal:
        return left == right
    kind = kind_of(left)
    if kind != kind_of(right):
        return None
    if kind == "number":
        return to_number(left) == to_number(right)
    if kind == "list":
        return len(left) == len(right) and all(
            equal(a, b) is True for a, b in zip(left, right, strict=True)
        )
    if kind == "context":
        return _contexts_equal(left, right)
    if kind == "time":
        return _time_key(left) == _time_key(right)
    if kind == "date and time":
        return _utc(left) == _utc(right)
    return left == right  # type: ignore[no-any-return]


def _contexts_equal(left: Mapping[str, Any], right: Mapping[str, Any]) -> bool:
    return left.keys() == right.keys() and all(equal(left[k], right[k]) is True for k in left)


def _time_key(value: time) -> timedelta:
    """An offset time as elapsed time since UTC midnight (may be negative), for ordering."""
    offset = value.utcoffset() or timedelta(0)
    wall = timedelta(
        hours=value.hour, minutes=value.minute, seconds=value.second, microseconds=value.microsecond
    )
    return wall - offset


def compare(left: Any, right: Any) -> int | None:
    """-1, 0 or 1 for two comparable values of the same type, else None."""
    if type(left) is Decimal and type(right) is Decimal:
        return (left > right) - (left < right)
    if left is None or right is None:
        return None
    kind = kind_of(left)
    if kind != kind_of(right) or kind not in _ORDERED_KINDS:
        return None
    if kind == "number":
        left, right = to_number(left), to_number(right)
    elif kind == "time":
        left, right = _time_key(left), _time_key(right)
    elif kind == "date and time":
        left, right = _utc(left), _utc(right)
    return (left > right) - (left < right)  # type: ignore[no-any-return]


def _utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc)


def less_than(left: Any, right: Any) -> bool | None:
    order = compare(left, right)
    return None if order is None else order < 0


def less_or_equal(left: Any, right: Any) -> bool | None:
    order = compare(left, right)
    return None if order is None else order <= 0


def greater_than(left: Any, right: Any) -> bool | None:
    order = compare(left, right)
    return None if order is None else order > 0


def greater_or_equal(left: Any, right: Any) -> bool | None:
    order = compare(left, right)
    return None if order is None else order >= 0


def not_equal(left: Any, right: Any) -> bool | None:
    same = equal(left, right)
    return None if same is None else not same
