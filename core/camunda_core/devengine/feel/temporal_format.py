"""Text forms of temporal values: FEEL's ``string()`` form and the form Camunda stores.

``string(x)`` follows feel-scala: dates and times with seconds
(``2020-01-01T10:00:00@Europe/Berlin``), durations as java.time prints them (``PT36H``).
Process variables hold what java.time's ``toString`` prints (``2020-01-01T10:00+01:00[Europe/
Berlin]``, ``PT36H``), because that is how Zeebe serialises FEEL temporal results.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from .durations import YearMonthDuration

_MICRO = timedelta(microseconds=1)


def _offset_text(offset: timedelta | None) -> str:
    if offset is None:
        return ""
    if not offset:
        return "Z"
    sign = "-" if offset < timedelta(0) else "+"
    seconds = abs(int(offset.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{sign}{hours:02d}:{minutes:02d}"
    return text + (f":{secs:02d}" if secs else "")


def _zone_id(zone: tzinfo | None) -> str | None:
    return zone.key if isinstance(zone, ZoneInfo) else None


# ---- FEEL string() forms


def _feel_clock(value: time | datetime) -> str:
    text = f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text


def feel_time(value: time) -> str:
    return _feel_clock(value) + _offset_text(value.utcoffset())


def feel_date_time(value: datetime) -> str:
    text = f"{value.date().isoformat()}T{_feel_clock(value)}"
    zone = _zone_id(value.tzinfo)
    if zone is not None:
        return f"{text}@{zone}"
    return text + _offset_text(value.utcoffset())


# ---- java.time toString() forms (what Zeebe stores in variables)


def java_time(value: time | datetime) -> str:
    """LocalTime.toString: seconds only when non-zero, fractions in groups of three digits."""
    text = f"{value.hour:02d}:{value.minute:02d}"
    if value.second or value.microsecond:
        text += f":{value.second:02d}"
    if value.microsecond:
        text += (
            f".{value.microsecond // 1000:03d}"
            if value.microsecond % 1000 == 0
            else f".{value.microsecond:06d}"
        )
    return text


def java_offset_time(value: time) -> str:
    return java_time(value) + _offset_text(value.utcoffset())


def java_date_time(value: datetime) -> str:
    text = f"{value.date().isoformat()}T{java_time(value)}"
    if value.tzinfo is None:
        return text
    text += _offset_text(value.utcoffset())
    zone = _zone_id(value.tzinfo)
    return f"{text}[{zone}]" if zone else text


def java_duration(value: timedelta) -> str:
    """Duration.toString: hours (no days), each non-zero part carries the sign."""
    if not value:
        return "PT0S"
    sign = "-" if value < timedelta(0) else ""
    micros = abs(value) // _MICRO
    seconds, micro = divmod(micros, 1_000_000)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    text = "PT" + (f"{sign}{hours}H" if hours else "") + (f"{sign}{minutes}M" if minutes else "")
    if seconds or micro:
        fraction = f".{micro:06d}".rstrip("0") if micro else ""
        text += f"{sign}{seconds}{fraction}S"
    return text


def java_period(value: YearMonthDuration) -> str:
    """Period.toString of a normalised years-months period (``P1Y2M``, ``P-1Y-2M``, ``P0D``)."""
    return str(value)


def java_date(value: date) -> str:
    return value.isoformat()
