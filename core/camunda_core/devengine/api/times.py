"""Engine times (epoch milliseconds) to and from the RFC 3339 strings of the REST API.

Answers always use UTC with milliseconds and ``Z`` (``2025-09-07T21:36:14.277Z``), as
Camunda does. Filters accept any RFC 3339 date-time (offsets, any number of fraction digits),
which Python 3.10's ``datetime.fromisoformat`` does not, hence the small parser.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

__all__ = ["format_ms", "parse_rfc3339"]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$"
)


def format_ms(epoch_ms: int | None) -> str | None:
    """``1757280974277`` -> ``"2025-09-07T21:36:14.277Z"``; None stays None."""
    if epoch_ms is None:
        return None
    moment = _EPOCH + timedelta(milliseconds=epoch_ms)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{epoch_ms % 1000:03d}Z"


def parse_rfc3339(text: str) -> int:
    """An RFC 3339 date-time as epoch milliseconds; ValueError when it is not one."""
    found = _RFC3339.match(text)
    if found is None:
        raise ValueError(f"{text!r} is not an RFC 3339 date-time (e.g. 2025-09-07T21:36:14.277Z)")
    year, month, day, hour, minute, second, fraction, offset = found.groups()
    if offset in ("Z", "z"):
        zone = timezone.utc
    else:
        sign = 1 if offset[0] == "+" else -1
        zone = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    moment = datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=zone
    )
    millis = int((fraction or "0")[:3].ljust(3, "0"))
    return (moment - _EPOCH) // timedelta(milliseconds=1) + millis
