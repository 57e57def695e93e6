"""Duration values: FEEL's two duration types plus the mixed ISO form timers accept.

Days-and-time durations are plain ``datetime.timedelta``. Years-and-months durations cannot be
a timedelta (a month has no fixed length), so they keep a month count and are applied on the
calendar. Timers also accept ``P1Y2DT3H`` (both parts), which FEEL itself has no type for.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TypeVar
from zoneinfo import ZoneInfo

from .errors import FeelSyntaxError

_D = TypeVar("_D", date, datetime)


def add_months(moment: _D, months: int) -> _D:
    """Shift a date or date-time by whole months, clamping the day like java.time does."""
    years, month_index = divmod(moment.month - 1 + months, 12)
    year = moment.year + years
    day = min(moment.day, calendar.monthrange(year, month_index + 1)[1])
    return moment.replace(year=year, month=month_index + 1, day=day)


def add_exact(moment: datetime, delta: timedelta) -> datetime:
    """Add elapsed time; for a zone-id date-time this crosses DST like an instant would."""
    if isinstance(moment.tzinfo, ZoneInfo):
        zone = moment.tzinfo
        return (moment.astimezone(timezone.utc) + delta).astimezone(zone)
    return moment + delta


@dataclass(frozen=True, order=True, slots=True)
class YearMonthDuration:
    """FEEL ``years and months duration``: a signed number of months."""

    months: int

    @property
    def years(self) -> int:
        return _truncated_div(self.months, 12)

    @property
    def month_part(self) -> int:
        return self.months - 12 * self.years

    def __neg__(self) -> YearMonthDuration:
        return YearMonthDuration(-self.months)

    def __radd__(self, other: _D) -> _D:
        if isinstance(other, date):
            return add_months(other, self.months)
        return NotImplemented

    def __rsub__(self, other: _D) -> _D:
        if isinstance(other, date):
            return add_months(other, -self.months)
        return NotImplemented

    def __str__(self) -> str:
        """Like java.time's Period: ``P1Y2M``, ``P-1Y-2M``, ``P0D`` (what Camunda prints)."""
        if not self.months:
            return "P0D"
        years, months = self.years, self.month_part
        return "P" + (f"{years}Y" if years else "") + (f"{months}M" if months else "")


@dataclass(frozen=True, slots=True)
class CalendarDuration:
    """An ISO duration with both a calendar part (months) and an exact part, e.g. ``P1MT12H``.

    Only timers use it; adding it to a date-time applies the months first, then the time.
    """

    months: int
    delta: timedelta

    def __radd__(self, other: datetime) -> datetime:
        if isinstance(other, datetime):
            return add_exact(add_months(other, self.months), self.delta)
        return NotImplemented


IsoDuration = timedelta | YearMonthDuration | CalendarDuration
"""What :func:`parse_iso_duration` returns; every variant supports ``datetime + duration``."""

_ISO_DURATION = re.compile(
    r"(?P<sign>[+-])?P(?:(?P<Y>-?\d+)Y)?(?:(?P<M>-?\d+)M)?(?:(?P<W>-?\d+)W)?(?:(?P<D>-?\d+)D)?"
    r"(?:T(?:(?P<h>-?\d+)H)?(?:(?P<m>-?\d+)M)?(?:(?P<s>-?\d+(?:[.,]\d+)?)S)?)?"
)


def _truncated_div(value: int, divisor: int) -> int:
    quotient = abs(value) // divisor
    return -quotient if value < 0 else quotient


def _match_duration(text: str) -> re.Match[str] | None:
    match = _ISO_DURATION.fullmatch(text)
    if match is None or text.endswith("T"):
        return None
    parts = match.group("Y", "M", "W", "D", "h", "m", "s")
    return match if any(part is not None for part in parts) else None


def _exact_part(match: re.Match[str]) -> timedelta:
    seconds_text = (match.group("s") or "0").replace(",", ".")
    micros = int(Decimal(seconds_text).scaleb(6).to_integral_value(rounding="ROUND_DOWN"))
    return timedelta(
        weeks=int(match.group("W") or 0),
        days=int(match.group("D") or 0),
        hours=int(match.group("h") or 0),
        minutes=int(match.group("m") or 0),
        microseconds=micros,
    )


def _months_part(match: re.Match[str]) -> int:
    return int(match.group("Y") or 0) * 12 + int(match.group("M") or 0)


def parse_feel_duration(text: str) -> timedelta | YearMonthDuration | None:
    """FEEL ``duration(from)``: a years-months or a days-time duration, else None."""
    match = _match_duration(text)
    if match is None or match.group("W") is not None:
        return None
    negative = match.group("sign") == "-"
    has_months = match.group("Y") is not None or match.group("M") is not None
    has_exact = any(match.group(g) is not None for g in ("D", "h", "m", "s"))
    try:
        if has_months and not has_exact:
            months = _months_part(match)
            return YearMonthDuration(-months if negative else months)
        if has_exact and not has_months:
            delta = _exact_part(match)
            return -delta if negative else delta
    except OverflowError:
        return None
    return None


def parse_iso_duration(text: str) -> IsoDuration:
    """Parse an ISO-8601 duration ``PnYnMnWnDTnHnMnS`` as timers use it.

    Returns a ``timedelta`` (no years/months), a :class:`YearMonthDuration` (only years/months)
    or a :class:`CalendarDuration` (both). Raises FeelSyntaxError for anything else.
    """
    match = _match_duration(text.strip())
    if match is None:
        raise FeelSyntaxError("invalid ISO-8601 duration", text, 0, text)
    try:
        months, delta = _months_part(match), _exact_part(match)
    except OverflowError as exc:
        raise FeelSyntaxError("ISO-8601 duration out of range", text, 0, text) from exc
    if match.group("sign") == "-":
        months, delta = -months, -delta
    has_months = match.group("Y") is not None or match.group("M") is not None
    has_exact = any(match.group(g) is not None for g in ("W", "D", "h", "m", "s"))
    if has_months and has_exact:
        return CalendarDuration(months, delta)
    if has_months:
        return YearMonthDuration(months)
    return delta


def add_duration(moment: datetime, duration: IsoDuration) -> datetime:
    """``moment + duration`` for every duration variant (exact time for zone-id date-times)."""
    if isinstance(duration, timedelta):
        return add_exact(moment, duration)
    return moment + duration
