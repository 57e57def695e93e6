"""Temporal helpers the engine's timers use: ISO-8601 durations, date-times and cycles.

* :func:`parse_iso_duration` -> ``timedelta`` | :class:`YearMonthDuration` |
  :class:`CalendarDuration`; all support ``datetime + duration`` (or use :func:`add_duration`).
* :func:`parse_iso_datetime` -> an aware ``datetime`` (offset, ``Z`` or ``@Zone/Id``).
* :func:`parse_iso_cycle` -> :class:`Cycle` (``R5/PT10S``, ``R/PT1M``, ``R3/<start>/PT1H``);
  cron expressions are refused with a FeelSyntaxError.
"""

from __future__ import annotations

from .cycle import Cycle, parse_iso_cycle
from .durations import (
    CalendarDuration,
    IsoDuration,
    YearMonthDuration,
    add_duration,
    add_months,
    parse_iso_duration,
)
from .temporal_parse import parse_iso_datetime

__all__ = [
    "CalendarDuration",
    "Cycle",
    "IsoDuration",
    "YearMonthDuration",
    "add_duration",
    "add_months",
    "parse_iso_cycle",
    "parse_iso_datetime",
    "parse_iso_duration",
]
