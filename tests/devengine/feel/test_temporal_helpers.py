"""The timer helpers: ISO-8601 durations, date-times and repeating cycles."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from camunda_core.devengine.feel import (
    CalendarDuration,
    Cycle,
    FeelSyntaxError,
    YearMonthDuration,
    add_duration,
    parse_iso_cycle,
    parse_iso_datetime,
    parse_iso_duration,
)

START = datetime(2020, 1, 31, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT10S", timedelta(seconds=10)),
        ("PT1.5S", timedelta(seconds=1.5)),
        ("PT2M", timedelta(minutes=2)),
        ("PT2H", timedelta(hours=2)),
        ("P3D", timedelta(days=3)),
        ("P1W", timedelta(weeks=1)),
        ("P1DT12H30M", timedelta(days=1, hours=12, minutes=30)),
        ("-PT5M", timedelta(minutes=-5)),
        (" PT5M ", timedelta(minutes=5)),
        ("P1Y", YearMonthDuration(12)),
        ("P1Y2M", YearMonthDuration(14)),
        ("P2M", YearMonthDuration(2)),
        ("P1Y2M3DT4H", CalendarDuration(14, timedelta(days=3, hours=4))),
        ("P1MT1H", CalendarDuration(1, timedelta(hours=1))),
    ],
)
def test_parse_iso_duration(text: str, expected: Any) -> None:
    assert parse_iso_duration(text) == expected


@pytest.mark.parametrize("text", ["", "P", "PT", "P1H", "1D", "PT1D", "P1.5D", "R5/PT1S", "10s"])
def test_invalid_iso_durations_raise(text: str) -> None:
    with pytest.raises(FeelSyntaxError, match="invalid ISO-8601 duration"):
        parse_iso_duration(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT1H", datetime(2020, 1, 31, 11, 0, tzinfo=timezone.utc)),
        ("P1M", datetime(2020, 2, 29, 10, 0, tzinfo=timezone.utc)),
        ("P1Y", datetime(2021, 1, 31, 10, 0, tzinfo=timezone.utc)),
        ("P1MT1H", datetime(2020, 2, 29, 11, 0, tzinfo=timezone.utc)),
    ],
)
def test_durations_add_to_date_times(text: str, expected: datetime) -> None:
    duration = parse_iso_duration(text)
    assert START + duration == expected
    assert add_duration(START, duration) == expected


def test_add_duration_is_exact_across_dst() -> None:
    berlin = datetime(2020, 3, 28, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    later = add_duration(berlin, parse_iso_duration("PT24H"))
    assert later.astimezone(timezone.utc) - berlin.astimezone(timezone.utc) == timedelta(hours=24)
    assert later.hour == 13


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-01-01T10:00:00Z", datetime(2020, 1, 1, 10, tzinfo=timezone.utc)),
        ("2020-01-01T10:00:00+01:00", datetime(2020, 1, 1, 9, tzinfo=timezone.utc)),
        ("2020-01-01T10:00Z", datetime(2020, 1, 1, 10, tzinfo=timezone.utc)),
        ("2020-01-01T10:00:00.250Z", datetime(2020, 1, 1, 10, 0, 0, 250000, timezone.utc)),
        ("2020-01-01T10:00:00@Europe/Berlin", datetime(2020, 1, 1, 9, tzinfo=timezone.utc)),
        ("2020-07-01T10:00:00+02:00[Europe/Berlin]", datetime(2020, 7, 1, 8, tzinfo=timezone.utc)),
    ],
)
def test_parse_iso_datetime(text: str, expected: datetime) -> None:
    parsed = parse_iso_datetime(text)
    assert parsed == expected
    assert parsed.tzinfo is not None


def test_a_zone_id_is_kept() -> None:
    parsed = parse_iso_datetime("2020-01-01T10:00:00@Europe/Berlin")
    assert parsed.tzinfo == ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2020-01-01T10:00:00", "needs an offset"),
        ("2020-01-01", "invalid ISO-8601 date-time"),
        ("2020-13-01T10:00:00Z", "invalid ISO-8601 date-time"),
        ("2020-01-01T10:00:00@Nowhere/Land", "invalid ISO-8601 date-time"),
        ("tomorrow", "invalid ISO-8601 date-time"),
    ],
)
def test_invalid_iso_datetimes_raise(text: str, message: str) -> None:
    with pytest.raises(FeelSyntaxError, match=message):
        parse_iso_datetime(text)


def test_bounded_cycle_counts_down() -> None:
    cycle = parse_iso_cycle("R3/PT10S")
    assert cycle == Cycle(3, timedelta(seconds=10))
    fires = []
    moment = START
    for _ in range(5):
        scheduled = cycle.next_fire(moment)
        if scheduled is None:
            break
        moment, remaining = scheduled
        fires.append((moment, remaining))
        cycle = cycle.after_firing()
    assert fires == [
        (START + timedelta(seconds=10), 2),
        (START + timedelta(seconds=20), 1),
        (START + timedelta(seconds=30), 0),
    ]
    assert cycle.exhausted
    assert cycle.next_fire_time(moment) is None


def test_unbounded_cycle_never_runs_out() -> None:
    cycle = parse_iso_cycle("R/PT1M")
    assert cycle.repetitions is None
    for _ in range(3):
        cycle = cycle.after_firing()
    assert cycle.next_fire(START) == (START + timedelta(minutes=1), None)


def test_cycle_with_start_fires_at_the_start_first() -> None:
    cycle = parse_iso_cycle("R3/2020-02-01T10:00:00Z/PT1H")
    first = datetime(2020, 2, 1, 10, tzinfo=timezone.utc)
    assert cycle.start == first
    assert cycle.next_fire(START) == (first, 2)
    assert cycle.after_firing().next_fire_time(first) == first + timedelta(hours=1)


def test_cycle_with_a_past_start_fires_one_interval_later() -> None:
    cycle = parse_iso_cycle("R/2019-01-01T00:00:00Z/PT1H")
    assert cycle.next_fire_time(START) == START + timedelta(hours=1)


def test_cycle_with_calendar_interval() -> None:
    cycle = parse_iso_cycle("R2/P1M")
    assert cycle.next_fire_time(START) == datetime(2020, 2, 29, 10, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0 0 9-17 * * MON-FRI", "cron expressions are not supported"),
        ("PT10S", "invalid ISO-8601 cycle"),
        ("R5", "invalid ISO-8601 cycle"),
        ("Rx/PT1S", "invalid ISO-8601 cycle"),
        ("R5/nonsense", "invalid ISO-8601 duration"),
        ("R5/PT0S", "must be positive"),
        ("R5/PT1H/2020-01-01T00:00:00Z", "unsupported ISO-8601 cycle form"),
        ("R5/2020-01-01T00:00:00/PT1H", "needs an offset"),
    ],
)
def test_invalid_cycles_raise(text: str, message: str) -> None:
    with pytest.raises(FeelSyntaxError, match=message):
        parse_iso_cycle(text)
