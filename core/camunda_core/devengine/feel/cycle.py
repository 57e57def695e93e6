"""ISO-8601 repeating intervals (``R5/PT10S``) for timer cycles.

A cycle fires at its start (if given and still ahead), otherwise one interval after the
previous firing; each firing uses up one repetition (``R/...`` never runs out).
Cron expressions, which Zeebe also accepts here, are refused with a FeelSyntaxError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .durations import IsoDuration, YearMonthDuration, add_duration, parse_iso_duration
from .errors import FeelSyntaxError
from .temporal_parse import parse_iso_datetime

_REPETITIONS = re.compile(r"R(\d*)")


@dataclass(frozen=True, slots=True)
class Cycle:
    """A parsed ``R[n]/[start/]duration``; ``repetitions`` is None when unbounded."""

    repetitions: int | None
    interval: IsoDuration
    start: datetime | None = None

    @property
    def exhausted(self) -> bool:
        return self.repetitions is not None and self.repetitions <= 0

    def next_fire_time(self, after: datetime) -> datetime | None:
        """When the cycle fires next after ``after``; None once all repetitions are used."""
        if self.exhausted:
            return None
        if self.start is not None and self.start > after:
            return self.start
        return add_duration(after, self.interval)

    def after_firing(self) -> Cycle:
        """The cycle left once it has fired (one repetition fewer, start consumed)."""
        remaining = None if self.repetitions is None else self.repetitions - 1
        return replace(self, repetitions=remaining, start=None)

    def next_fire(self, after: datetime) -> tuple[datetime, int | None] | None:
        """The next fire time and the repetitions remaining after it (None = unbounded)."""
        due = self.next_fire_time(after)
        if due is None:
            return None
        return due, self.after_firing().repetitions


def parse_iso_cycle(text: str) -> Cycle:
    """Parse ``R5/PT10S``, ``R/PT1M`` or ``R3/2020-01-01T10:00:00Z/PT1H``."""
    stripped = text.strip()
    parts = stripped.split("/")
    repetitions = _REPETITIONS.fullmatch(parts[0])
    if repetitions is None or len(parts) not in (2, 3):
        reason = (
            "cron expressions are not supported by the dev engine (use an ISO-8601 cycle)"
            if " " in stripped
            else "invalid ISO-8601 cycle (expected 'R[n]/[start/]duration')"
        )
        raise FeelSyntaxError(reason, text, 0, parts[0])
    count = int(repetitions[1]) if repetitions[1] else None
    if len(parts) == 2:
        start, interval = None, parse_iso_duration(parts[1])
    elif len(parts) == 3 and not parts[1].lstrip("+-").startswith("P"):
        start, interval = parse_iso_datetime(parts[1]), parse_iso_duration(parts[2])
    else:
        raise FeelSyntaxError(
            "unsupported ISO-8601 cycle form (only 'R[n]/start/duration' has a start)",
            text,
            0,
            stripped,
        )
    if _is_empty(interval):
        raise FeelSyntaxError("the interval of a cycle must be positive", text, 0, stripped)
    return Cycle(count, interval, start)


def _is_empty(interval: IsoDuration) -> bool:
    if isinstance(interval, timedelta):
        return interval <= timedelta(0)
    if isinstance(interval, YearMonthDuration):
        return interval.months <= 0
    return interval.months <= 0 and interval.delta <= timedelta(0)
