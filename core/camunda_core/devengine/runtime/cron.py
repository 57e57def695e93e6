"""Cron timer cycles (``timeCycle="0 0 9-17 * * MON-FRI"``), as Zeebe reads them (Spring's
six-field format, in UTC): second, minute, hour, day of month, month, day of week.

Fields take ``*``, ``?``, numbers, ranges ``a-b``, steps ``*/n`` and ``a-b/n``, lists, and
month and day names; a day must match both the day-of-month and the day-of-week field (as in
Spring), and ``L`` in the day-of-month field means the last day of the month. The macros
``@yearly``, ``@annually``, ``@monthly``, ``@weekly``, ``@daily``, ``@midnight`` and
``@hourly`` are accepted. A cron cycle repeats forever.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

__all__ = ["CronCycle", "CronError", "parse_cron"]

_MACROS = {
    "@yearly": "0 0 0 1 1 *",
    "@annually": "0 0 0 1 1 *",
    "@monthly": "0 0 0 1 * *",
    "@weekly": "0 0 0 * * 0",
    "@daily": "0 0 0 * * *",
    "@midnight": "0 0 0 * * *",
    "@hourly": "0 0 * * * *",
}
_MONTHS = {name: index for index, name in enumerate(calendar.month_abbr) if name}
_DAYS = {"SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6}
_RANGES = ((0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_NAMES: tuple[dict[str, int], ...] = (
    {},
    {},
    {},
    {},
    {k.upper(): v for k, v in _MONTHS.items()},
    _DAYS,
)
_PART = re.compile(r"^(\*|\?|[A-Z0-9]+(?:-[A-Z0-9]+)?)(?:/(\d+))?$")
_HORIZON_DAYS = 366 * 5  # a cron that never fires within five years is refused


class CronError(ValueError):
    """Not a cron expression the engine can run."""


def _value(text: str, field: int) -> int:
    names = _NAMES[field]
    if text in names:
        return names[text]
    if not text.isdigit():
        raise CronError(f"invalid value '{text}' in cron field {field + 1}")
    value = int(text)
    low, high = _RANGES[field]
    if not low <= value <= high:
        raise CronError(f"value {value} out of range {low}-{high} in cron field {field + 1}")
    return value


def _field(text: str, field: int) -> frozenset[int]:
    low, high = _RANGES[field]
    values: set[int] = set()
    for part in text.upper().split(","):
        match = _PART.match(part)
        if match is None:
            raise CronError(f"unsupported cron field '{text}' (field {field + 1})")
        base, step = match.group(1), int(match.group(2) or 1)
        if step < 1:
            raise CronError(f"invalid step in cron field '{text}'")
        if base in ("*", "?"):
            start, end = low, high
        elif "-" in base:
            start, end = (_value(item, field) for item in base.split("-"))
        else:
            start = end = _value(base, field)
            if match.group(2):
                end = high
        values.update(range(start, end + 1, step))
    if field == 5 and 7 in values:
        values.add(0)
    return frozenset(values)


@dataclass(frozen=True)
class CronCycle:
    """A parsed cron expression; the same interface as ``feel.Cycle`` for the timers."""

    text: str
    fields: tuple[frozenset[int], ...]
    last_day: bool = False

    def _day_matches(self, day: datetime) -> bool:
        days, months, weekdays = self.fields[3], self.fields[4], self.fields[5]
        if day.month not in months or (day.isoweekday() % 7) not in weekdays:
            return False
        if self.last_day:
            return day.day == calendar.monthrange(day.year, day.month)[1]
        return day.day in days

    def _in_day(self, day: datetime, after: datetime) -> datetime | None:
        seconds, minutes, hours = self.fields[0], self.fields[1], self.fields[2]
        for hour in sorted(hours):
            for minute in sorted(minutes):
                for second in sorted(seconds):
                    moment = day.replace(hour=hour, minute=minute, second=second)
                    if moment > after:
                        return moment
        return None

    def next_fire_time(self, after: datetime) -> datetime | None:
        """The first matching second after ``after`` (UTC)."""
        after = after.astimezone(timezone.utc).replace(microsecond=0)
        day = after.replace(hour=0, minute=0, second=0)
        for _ in range(_HORIZON_DAYS):
            if self._day_matches(day):
                found = self._in_day(day, after)
                if found is not None:
                    return found
            day += timedelta(days=1)
        return None

    def after_firing(self) -> CronCycle:
        """A cron cycle never runs out."""
        return self


def parse_cron(text: str) -> CronCycle:
    """Parse a six-field cron expression or a macro; CronError when it is not one."""
    stripped = text.strip()
    expression = _MACROS.get(stripped.lower(), stripped)
    parts = expression.split()
    if len(parts) != 6:
        raise CronError(f"a cron expression has 6 fields, '{text}' has {len(parts)}")
    last_day = parts[3].upper() == "L"
    fields = tuple(_field("*" if last_day and i == 3 else p, i) for i, p in enumerate(parts))
    cycle = CronCycle(stripped, fields, last_day)
    if cycle.next_fire_time(datetime(2000, 1, 1, tzinfo=timezone.utc)) is None:
        raise CronError(f"the cron expression '{text}' never fires")
    return cycle
