"""Conversion built-ins: ``string``, ``number``, ``date``, ``time``, ``date and time``, durations.

Unparsable strings give null (as in feel-scala); arguments of the wrong type raise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from .durations import YearMonthDuration, parse_feel_duration
from .functions import ArgumentError, FunctionTable, want_str
from .temporal_format import feel_date_time, feel_time, java_duration
from .temporal_parse import parse_date, parse_date_time, parse_time, zone_from_id
from .values import describe, to_number

table = FunctionTable()
define = table.define

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def format_number(value: Decimal) -> str:
    """Plain notation keeping the scale, like feel-scala: ``1.10`` -> ``"1.10"``.

    Exponents never show: ``1E+2`` -> ``"100"``.
    """
    if not value:
        return format(abs(value), "f")
    return format(value, "f")


def to_feel_string(value: Any) -> str:
    """What ``string(value)`` gives for a non-null value."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    number = to_number(value)
    if number is not None:
        return format_number(number)
    if isinstance(value, datetime):
        return feel_date_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return feel_time(value)
    if isinstance(value, timedelta):
        return java_duration(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_nested_string(item) for item in value) + "]"
    if isinstance(value, Mapping):
        entries = (f"{key}:{_nested_string(item)}" for key, item in value.items())
        return "{" + ", ".join(entries) + "}"
    return str(value)


def _nested_string(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return to_feel_string(value)


@define("string", "from")
def _string(value: Any) -> str:
    return to_feel_string(value)


@define("number", "from", "grouping separator?", "decimal separator?")
def _number(value: Any, grouping: str | None = None, decimal_sep: str | None = None) -> Any:
    if to_number(value) is not None:
        return to_number(value)
    text = want_str("from", value).strip()
    if grouping is not None:
        if want_str("grouping separator", grouping) not in (" ", ",", "."):
            raise ArgumentError("the grouping separator must be ' ', ',' or '.'")
        text = text.replace(grouping, "")
    if decimal_sep is not None:
        if want_str("decimal separator", decimal_sep) not in (",", ".") or decimal_sep == grouping:
            raise ArgumentError("the decimal separator must be ',' or '.' and differ from grouping")
        text = text.replace(decimal_sep, ".")
    if not _PLAIN_NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _want_int(param: str, value: Any) -> int:
    number = to_number(value)
    if number is None or number != number.to_integral_value():
        raise ArgumentError(f"parameter '{param}' expects a whole number but got {describe(value)}")
    return int(number)


@define("date", "from")
def _date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(want_str("from", value))


@define("date", "year", "month", "day")
def _date_of(year: Any, month: Any, day: Any) -> date | None:
    try:
        return date(_want_int("year", year), _want_int("month", month), _want_int("day", day))
    except ValueError:
        return None


@define("time", "from")
def _time(value: Any) -> Any:
    if isinstance(value, datetime):
        offset = value.utcoffset()
        # a zone id needs a date to mean an offset, so the time keeps the offset of that day
        return value.time().replace(tzinfo=None if offset is None else timezone(offset))
    if isinstance(value, date):
        return time(tzinfo=timezone.utc)
    if isinstance(value, time):
        return value
    return parse_time(want_str("from", value))


@define("time", "hour", "minute", "second", "offset?", nulls=False)
def _time_of(hour: Any, minute: Any, second: Any, offset: Any = None) -> time | None:
    if hour is None or minute is None or second is None:
        return None
    seconds = to_number(second)
    if seconds is None:
        raise ArgumentError(f"parameter 'second' expects a number but got {describe(second)}")
    if offset is not None and not isinstance(offset, timedelta):
        raise ArgumentError(f"parameter 'offset' expects a duration but got {describe(offset)}")
    whole = int(seconds)
    micros = int((seconds - whole) * 1_000_000)
    try:
        zone = None if offset is None else timezone(offset)
        return time(_want_int("hour", hour), _want_int("minute", minute), whole, micros, zone)
    except ValueError:
        return None


@define("date and time", "from")
def _date_and_time(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    text = want_str("from", value)
    day = parse_date(text)
    return datetime.combine(day, time()) if day is not None else parse_date_time(text)


@define("date and time", "date", "time")
def _date_and_time_of(day: Any, clock: Any) -> datetime | None:
    if not isinstance(day, date):
        raise ArgumentError(f"parameter 'date' expects a date but got {describe(day)}")
    if isinstance(clock, str) and isinstance(day, datetime):
        return _in_zone(day, clock)
    if not isinstance(clock, time):
        raise ArgumentError(f"parameter 'time' expects a time but got {describe(clock)}")
    day = day.date() if isinstance(day, datetime) else day
    return datetime.combine(day, clock)


def _in_zone(moment: datetime, zone_id: str) -> datetime | None:
    """``date and time(dt, "Europe/Berlin")``: same instant (or same wall time if local)."""
    zone = zone_from_id(zone_id)
    if zone is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone).astimezone(timezone.utc).astimezone(zone)
    return moment.astimezone(zone)


@define("duration", "from")
def _duration(value: Any) -> Any:
    if isinstance(value, (timedelta, YearMonthDuration)):
        return value
    return parse_feel_duration(want_str("from", value))


@define("years and months duration", "from", "to")
def _years_and_months(start: Any, end: Any) -> YearMonthDuration:
    for param, value in (("from", start), ("to", end)):
        if not isinstance(value, date):
            raise ArgumentError(f"parameter '{param}' expects a date but got {describe(value)}")
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return YearMonthDuration(months)
