"""Parsing of FEEL date, time and date-time strings (without ``datetime.fromisoformat``).

Python 3.10's ``fromisoformat`` rejects ``Z`` and is laxer than FEEL elsewhere, so the formats
are matched with explicit patterns. Fractions finer than a microsecond are truncated.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .durations import parse_feel_duration
from .errors import FeelSyntaxError

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(
    r"(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?"
    r"(?:(?P<z>[Zz])|(?P<offset>[+-]\d{2}:\d{2}(?::\d{2})?))?"
    r"(?:@(?P<zone>[A-Za-z][A-Za-z0-9_+\-/]*)|\[(?P<bracket>[A-Za-z][A-Za-z0-9_+\-/]*)\])?"
)


def parse_date(text: str) -> date | None:
    """``yyyy-MM-dd`` -> date, or None when the text is not a valid date."""
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def zone_from_id(zone_id: str) -> tzinfo | None:
    """An IANA zone (or ``Z``/``UTC``) by id; None when the id is unknown."""
    if zone_id in ("Z", "z"):
        return timezone.utc
    try:
        return ZoneInfo(zone_id)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _offset(text: str) -> timezone | None:
    sign = -1 if text[0] == "-" else 1
    parts = [int(p) for p in text[1:].split(":")]
    delta = timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2] if len(parts) > 2 else 0)
    if delta > timedelta(hours=18) or parts[1] > 59:
        return None
    return timezone.utc if not delta else timezone(sign * delta)


def _time_parts(match: re.Match[str]) -> tuple[time, tzinfo | None, bool] | None:
    """The wall-clock time, its zone or offset, and whether it carried one at all."""
    fraction = (match[4] or "").ljust(6, "0")[:6]
    try:
        wall = time(int(match[1]), int(match[2]), int(match[3] or 0), int(fraction))
    except ValueError:
        return None
    zone_id = match.group("zone") or match.group("bracket")
    if zone_id is not None:
        zone = zone_from_id(zone_id)
        return None if zone is None else (wall, zone, True)
    if match.group("z"):
        return wall, timezone.utc, True
    if match.group("offset"):
        offset = _offset(match.group("offset"))
        return None if offset is None else (wall, offset, True)
    return wall, None, False


def parse_time(text: str) -> time | None:
    """``HH:mm[:ss[.f]]`` with optional ``Z`` or offset; zone ids on times are not supported."""
    match = _TIME.fullmatch(text[1:] if text.startswith("T") else text)
    if match is None or match.group("zone") or match.group("bracket"):
        return None
    parts = _time_parts(match)
    if parts is None:
        return None
    wall, zone, _ = parts
    return wall.replace(tzinfo=zone)


def parse_date_time(text: str) -> datetime | None:
    """``yyyy-MM-ddTHH:mm[:ss[.f]]`` with optional ``Z``, offset, ``@Zone`` or ``[Zone]``."""
    day_text, sep, time_text = text.partition("T")
    day = parse_date(day_text)
    match = _TIME.fullmatch(time_text) if sep else None
    if day is None or match is None:
        return None
    parts = _time_parts(match)
    if parts is None:
        return None
    wall, zone, _ = parts
    moment = datetime.combine(day, wall, tzinfo=zone)
    if isinstance(zone, ZoneInfo):
        # normalise wall times in a DST gap the way java.time does (shift forward)
        moment = moment.astimezone(timezone.utc).astimezone(zone)
    return moment


def parse_temporal_literal(text: str) -> Any:
    """The value of ``@"..."``: a date-time, date, time or duration; None if none fits."""
    if text.startswith(("P", "-P", "+P")):
        return parse_feel_duration(text)
    if "T" in text[1:]:
        return parse_date_time(text)
    if _DATE.fullmatch(text):
        return parse_date(text)
    return parse_time(text)


def parse_iso_datetime(text: str) -> datetime:
    """An absolute ISO-8601 date-time for timers: needs ``Z``, an offset or a zone id.

    Raises FeelSyntaxError when the text is not a date-time or has no zone information.
    """
    stripped = text.strip()
    moment = parse_date_time(stripped)
    if moment is None:
        raise FeelSyntaxError("invalid ISO-8601 date-time", text, 0, text)
    if moment.tzinfo is None:
        raise FeelSyntaxError(
            "ISO-8601 date-time needs an offset ('Z', '+01:00') or a zone id ('@Europe/Berlin')",
            text,
            0,
            text,
        )
    return moment
