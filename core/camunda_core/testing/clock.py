"""Controlling the engine clock in tests (timers, due dates, job deadlines)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from camunda_core.client import CamundaClient

__all__ = ["EngineClock"]


class EngineClock:
    """Pins the engine's clock through the REST API (``PUT /clock``, ``POST /clock/reset``).

    Pinning freezes the clock at that instant; everything due by then fires. ``advance``
    moves a pinned clock (or the real time, the first time) forward.
    """

    def __init__(self, client: CamundaClient) -> None:
        self.client = client
        self.pinned: datetime | None = None

    def pin(self, when: datetime) -> datetime:
        """Freeze the engine clock at ``when`` (an aware datetime)."""
        if when.tzinfo is None:
            raise ValueError(
                "pin the clock with an aware datetime, e.g. datetime.now(timezone.utc)"
            )
        self.client.pin_clock(when)
        self.pinned = when
        return when

    def advance(self, delta: timedelta) -> datetime:
        """Move the clock forward by ``delta`` (from the pinned time, or from now)."""
        start = self.pinned or datetime.now(timezone.utc)
        return self.pin(start + delta)

    def reset(self) -> None:
        """Back to the system clock."""
        self.client.reset_clock()
        self.pinned = None
