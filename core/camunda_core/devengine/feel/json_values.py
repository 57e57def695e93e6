"""Conversion of FEEL results into JSON-compatible Python, as Camunda stores variables."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from .durations import YearMonthDuration
from .temporal_format import java_date, java_date_time, java_duration, java_offset_time, java_period


def number_to_json(value: Decimal) -> int | float:
    """Integral decimals become int (``2.0`` -> ``2``), the others float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def to_json(value: Any) -> Any:
    """A FEEL value as JSON-ish Python: numbers int/float, temporals ISO-8601 strings.

    Temporal strings follow java.time's ``toString`` (what Zeebe writes), e.g.
    ``2020-01-01T10:00+01:00[Europe/Berlin]`` and ``PT36H``. Functions and ranges, which
    Zeebe cannot store either, become None.
    """
    if value is None or isinstance(value, (bool, str, int, float)):
        return value
    if isinstance(value, Decimal):
        return number_to_json(value)
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    return _temporal_to_json(value)


def _temporal_to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return java_date_time(value)
    if isinstance(value, date):
        return java_date(value)
    if isinstance(value, time):
        return java_offset_time(value)
    if isinstance(value, timedelta):
        return java_duration(value)
    if isinstance(value, YearMonthDuration):
        return java_period(value)
    return None
