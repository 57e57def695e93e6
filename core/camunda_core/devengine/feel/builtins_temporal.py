"""Calendar built-ins: day/week/month names and numbers of a date.

``now()`` and ``today()`` read the engine clock, so the compiler handles them (special forms).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import Any

from .functions import ArgumentError, FunctionTable
from .values import describe, to_number

table = FunctionTable()
define = table.define

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise ArgumentError(f"parameter 'date' expects a date but got {describe(value)}")


@define("day of week", "date")
def _day_of_week(value: Any) -> str:
    return _DAY_NAMES[_day(value).weekday()]


@define("day of year", "date")
def _day_of_year(value: Any) -> Any:
    return to_number(_day(value).timetuple().tm_yday)


@define("week of year", "date")
def _week_of_year(value: Any) -> Any:
    return to_number(_day(value).isocalendar()[1])


@define("month of year", "date")
def _month_of_year(value: Any) -> str:
    return _MONTH_NAMES[_day(value).month - 1]


@define("last day of month", "date")
def _last_day_of_month(value: Any) -> date:
    day = _day(value)
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
