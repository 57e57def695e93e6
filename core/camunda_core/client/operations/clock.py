"""Clock operations: pin the engine's clock to an instant, or let it run again."""

from __future__ import annotations

from datetime import datetime

from camunda_core.client._call import Call, parse_none
from camunda_core.client.operations._common import wire
from camunda_core.models.clock import PinClockRequest

__all__ = ["pin_clock", "reset_clock"]


def _epoch_ms(timestamp: datetime | int) -> int:
    if isinstance(timestamp, bool):
        raise TypeError("timestamp must be a datetime or epoch milliseconds, not a bool")
    if isinstance(timestamp, datetime):
        if timestamp.tzinfo is None:
            raise ValueError(
                "timestamp must be time-zone aware (e.g. datetime.now(timezone.utc)): "
                "a naive datetime does not say which instant it means"
            )
        return round(timestamp.timestamp() * 1000)
    return timestamp


def pin_clock(timestamp: datetime | int) -> Call[None]:
    """``PUT /clock``: freeze the engine's clock at ``timestamp`` (epoch ms or aware datetime)."""
    body = PinClockRequest(timestamp=_epoch_ms(timestamp))
    return Call("pinClock", "PUT", "/clock", parse=parse_none, json=wire(body))


def reset_clock() -> Call[None]:
    """``POST /clock/reset``: let the engine's clock follow system time again."""
    return Call("resetClock", "POST", "/clock/reset", parse=parse_none)
