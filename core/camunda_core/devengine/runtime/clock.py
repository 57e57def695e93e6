"""The engine clock: system UTC time, or pinned at an instant for tests and demos.

Timers, job deadlines, back-offs, message TTLs and dates read this clock. Request timeouts
(long polls, awaited completions) do not: they are real waiting time of a caller.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone

__all__ = ["EngineClock", "iso_ms", "ms_to_datetime"]


def ms_to_datetime(epoch_ms: int) -> datetime:
    """An aware UTC datetime for epoch milliseconds."""
    return datetime.fromtimestamp(epoch_ms / 1000, tz=timezone.utc)


class EngineClock:
    """Epoch milliseconds from ``time.time()`` unless pinned."""

    __slots__ = ("pinned_ms",)

    def __init__(self) -> None:
        self.pinned_ms: int | None = None

    def now(self) -> int:
        """The current engine time in epoch milliseconds."""
        pinned = self.pinned_ms
        return int(time.time() * 1000) if pinned is None else pinned

    def now_datetime(self) -> datetime:
        """The current engine time as an aware UTC datetime (FEEL's ``now()``)."""
        return ms_to_datetime(self.now())

    def pin(self, epoch_ms: int) -> None:
        """Freeze the clock at ``epoch_ms``."""
        self.pinned_ms = int(epoch_ms)

    def reset(self) -> None:
        """Follow the system clock again."""
        self.pinned_ms = None

    def __getstate__(self) -> tuple[int | None]:
        return (self.pinned_ms,)  # a tuple: pickle skips __setstate__ for a falsy state

    def __setstate__(self, state: tuple[int | None]) -> None:
        (self.pinned_ms,) = state


def iso_ms(epoch_ms: int) -> str:
    """RFC 3339 text of epoch milliseconds in UTC (``2024-01-01T10:00:00.000Z``)."""
    moment = ms_to_datetime(epoch_ms)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
