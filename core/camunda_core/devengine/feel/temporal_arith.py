"""Arithmetic on dates, times, date-times and durations (what ``+``/``-``/``*``/``/`` mean).

Every function returns None when the operation is not defined for the operand types or the
result falls outside what Python's datetime can represent; the caller turns that into null.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from typing import Any

from .comparison import _time_key
from .durations import YearMonthDuration, add_exact, add_months
from .values import NUMBER_CONTEXT

_MIDNIGHT = time()
_ANCHOR = date(2000, 1, 1)
_MICRO = timedelta(microseconds=1)


def _shift(moment: Any, duration: timedelta | YearMonthDuration, sign: int) -> Any:
    try:
        if isinstance(duration, timedelta):
            return _shift_exact(moment, duration if sign > 0 else -duration)
        months = duration.months * sign
        if isinstance(moment, date):  # date and datetime
            return add_months(moment, months)
    except (OverflowError, ValueError):
        return None
    return None


def _shift_exact(moment: Any, delta: timedelta) -> Any:
    if isinstance(moment, datetime):
        return add_exact(moment, delta)
    if isinstance(moment, date):
        return (datetime.combine(moment, _MIDNIGHT) + delta).date()
    if isinstance(moment, time):
        wall = datetime.combine(_ANCHOR, moment.replace(tzinfo=None)) + delta
        return wall.time().replace(tzinfo=moment.tzinfo)
    return None


def _is_duration(value: Any) -> bool:
    return isinstance(value, (timedelta, YearMonthDuration))


def temporal_add(left: Any, right: Any) -> Any:
    if isinstance(left, timedelta) and isinstance(right, timedelta):
        return left + right
    if isinstance(left, YearMonthDuration) and isinstance(right, YearMonthDuration):
        return YearMonthDuration(left.months + right.months)
    if _is_duration(right):
        return _shift(left, right, 1)
    if _is_duration(left):
        return _shift(right, left, 1)
    return None


def temporal_subtract(left: Any, right: Any) -> Any:
    if isinstance(left, timedelta) and isinstance(right, timedelta):
        return left - right
    if isinstance(left, YearMonthDuration) and isinstance(right, YearMonthDuration):
        return YearMonthDuration(left.months - right.months)
    if _is_duration(right):
        return _shift(left, right, -1)
    if isinstance(left, datetime) and isinstance(right, datetime):
        return _between_date_times(left, right)
    if type(left) is date and type(right) is date:
        return left - right
    if isinstance(left, time) and isinstance(right, time):
        if (left.tzinfo is None) != (right.tzinfo is None):
            return None
        return _time_key(left) - _time_key(right)
    return None


def _between_date_times(left: datetime, right: datetime) -> timedelta | None:
    if (left.tzinfo is None) != (right.tzinfo is None):
        return None
    if left.tzinfo is None:
        return left - right
    return left.astimezone(timezone.utc) - right.astimezone(timezone.utc)


def scale_duration(duration: Any, factor: Decimal, *, divide: bool) -> Any:
    """``duration * n`` or ``duration / n``; years-months results keep whole months only."""
    if isinstance(duration, timedelta):
        micros = Decimal(duration // _MICRO)
        scaled = NUMBER_CONTEXT.divide(micros, factor) if divide else micros * factor
        try:
            return timedelta(microseconds=int(scaled.to_integral_value(ROUND_HALF_EVEN)))
        except OverflowError:
            return None
    if isinstance(duration, YearMonthDuration):
        months = Decimal(duration.months)
        scaled = NUMBER_CONTEXT.divide(months, factor) if divide else months * factor
        return YearMonthDuration(int(scaled.to_integral_value(ROUND_DOWN)))
    return None


def duration_ratio(left: Any, right: Any) -> Decimal | None:
    """``duration / duration`` as a number (None when the types differ)."""
    if isinstance(left, timedelta) and isinstance(right, timedelta):
        return NUMBER_CONTEXT.divide(Decimal(left // _MICRO), Decimal(right // _MICRO))
    if isinstance(left, YearMonthDuration) and isinstance(right, YearMonthDuration):
        return NUMBER_CONTEXT.divide(Decimal(left.months), Decimal(right.months))
    return None
