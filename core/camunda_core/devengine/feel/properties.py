"""Properties of temporal values (``d.year``, ``dt.hour``, ``dur.days``) and ranges."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from .durations import YearMonthDuration
from .ranges import FeelRange

_MISSING = object()


def _truncated(value: int, divisor: int) -> int:
    quotient = abs(value) // divisor
    return -quotient if value < 0 else quotient


def _date_property(value: date, name: str) -> Any:
    if name == "year":
        return Decimal(value.year)
    if name == "month":
        return Decimal(value.month)
    if name == "day":
        return Decimal(value.day)
    if name == "weekday":
        return Decimal(value.isoweekday())
    return _MISSING


def _time_property(value: time | datetime, name: str) -> Any:
    if name == "hour":
        return Decimal(value.hour)
    if name == "minute":
        return Decimal(value.minute)
    if name == "second":
        return Decimal(value.second)
    if name == "time offset":
        return value.utcoffset()
    if name == "timezone":
        return value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None
    return _MISSING


def _duration_property(value: timedelta, name: str) -> Any:
    seconds = _truncated(value // timedelta(microseconds=1), 1_000_000)
    if name == "days":
        return Decimal(_truncated(seconds, 86_400))
    if name == "hours":
        hours = _truncated(seconds, 3600)
        return Decimal(hours - 24 * _truncated(hours, 24))
    if name == "minutes":
        minutes = _truncated(seconds, 60)
        return Decimal(minutes - 60 * _truncated(minutes, 60))
    if name == "seconds":
        return Decimal(seconds - 60 * _truncated(seconds, 60))
    return _MISSING


def property_of(value: Any, name: str) -> Any:
    """The named property, or ``MISSING_PROPERTY`` when the value has no such property."""
    if isinstance(value, datetime):
        found = _date_property(value, name)
        return found if found is not _MISSING else _time_property(value, name)
    if isinstance(value, date):
        return _date_property(value, name)
    if isinstance(value, time):
        return _time_property(value, name)
    if isinstance(value, timedelta):
        return _duration_property(value, name)
    if isinstance(value, YearMonthDuration):
        if name == "years":
            return Decimal(value.years)
        if name == "months":
            return Decimal(value.month_part)
        return _MISSING
    if isinstance(value, FeelRange):
        return _range_property(value, name)
    return _MISSING


def _range_property(value: FeelRange, name: str) -> Any:
    if name == "start":
        return value.start
    if name == "end":
        return value.end
    if name == "start included":
        return value.start_closed
    if name == "end included":
        return value.end_closed
    return _MISSING


MISSING_PROPERTY = _MISSING
