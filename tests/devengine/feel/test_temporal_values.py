"""Dates, times, date-times and durations: arithmetic, comparison, properties, clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from camunda_core.devengine.feel import YearMonthDuration, compile_expression


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('date("2012-12-25") - date("2012-12-24") = duration("P1D")', True),
        ('date("2012-12-24") + duration("P1D")', "2012-12-25"),
        ('date("2012-12-24") + duration("PT36H")', "2012-12-25"),
        ('date("2020-01-31") + duration("P1M")', "2020-02-29"),
        ('date("2016-12-25") + duration("P3Y2M")', "2020-02-25"),
        ('date("2016-12-25") - duration("P1Y")', "2015-12-25"),
        ('duration("P1D") + date("2012-12-24")', "2012-12-25"),
        ('date and time("2012-12-24T23:59:00") + duration("PT1M")', "2012-12-25T00:00"),
        ('date and time("2012-12-24T23:59:00Z") - duration("P1Y")', "2011-12-24T23:59Z"),
        (
            'date and time("2012-12-24T23:59:00") - date and time("2012-12-22T03:45:00")',
            "PT68H14M",
        ),
        (
            'date and time("2020-01-01T10:00:00+02:00") - date and time("2020-01-01T10:00:00Z")',
            "PT-2H",
        ),
        ('date and time("2020-01-01T10:00:00") - date and time("2020-01-01T10:00:00Z")', None),
        ('time("23:59:00") + duration("PT2M")', "00:01"),
        ('time("10:00:00") - time("08:30:00")', "PT1H30M"),
        ('time("10:00:00+01:00") - time("10:00:00Z")', "PT-1H"),
        ('time("10:00:00") - duration("PT11H")', "23:00"),
        ('duration("P1D") + duration("PT12H")', "PT36H"),
        ('duration("P1Y") + duration("P6M")', "P1Y6M"),
        ('duration("P1Y") - duration("P18M")', "P-6M"),
        ('duration("PT1H") * 2', "PT2H"),
        ('3 * duration("P1M")', "P3M"),
        ('duration("PT1H") * 1.5', "PT1H30M"),
        ('duration("P1Y") * 1.5', "P1Y6M"),
        ('duration("PT3H") / 2', "PT1H30M"),
        ('duration("P1Y") / 4', "P3M"),
        ('duration("PT3H") / duration("PT1H")', 3),
        ('duration("P1Y") / duration("P6M")', 2),
        ('-duration("PT1H")', "PT-1H"),
        ('date("2020-01-01") + 1', None),
        ('time("10:00:00") + duration("P1M")', None),
        ('date("2020-01-01") + date("2020-01-01")', None),
    ],
)
def test_temporal_arithmetic(feel: Any, source: str, expected: Any) -> None:
    assert feel(source) == expected


def test_adding_a_day_to_a_zoned_date_time_crosses_dst_like_an_instant(feel: Any) -> None:
    # 2020-03-29 is the spring-forward day in Berlin: 24 hours later is 11:00 local time.
    source = 'date and time("2020-03-28T10:00:00@Europe/Berlin") + duration("P1D")'
    assert feel(source) == "2020-03-29T11:00+02:00[Europe/Berlin]"
    months = 'date and time("2020-03-28T10:00:00@Europe/Berlin") + duration("P1M")'
    assert feel(months) == "2020-04-28T10:00+02:00[Europe/Berlin]"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('date("2020-01-01") < date("2020-01-02")', True),
        ('date("2020-01-01") = date("2020-01-01")', True),
        ('time("10:00:00") < time("11:00:00")', True),
        ('time("10:00:00+01:00") = time("09:00:00Z")', True),
        ('time("10:00:00+01:00") < time("09:30:00Z")', True),
        (
            'date and time("2020-01-01T10:00:00+01:00") = date and time("2020-01-01T09:00:00Z")',
            True,
        ),
        ('date and time("2020-01-01T10:00:00") < date and time("2020-01-02T00:00:00")', True),
        ('date and time("2020-01-01T10:00:00") < date and time("2020-01-02T00:00:00Z")', None),
        ('date("2020-01-01") = date and time("2020-01-01T00:00:00")', None),
        ('duration("PT1H") < duration("PT2H")', True),
        ('duration("P1D") = duration("PT24H")', True),
        ('duration("P1Y") = duration("P12M")', True),
        ('duration("P1Y") > duration("P11M")', True),
        ('duration("P1M") = duration("P30D")', None),
        ('date("2020-01-05") between date("2020-01-01") and date("2020-01-31")', True),
        ('date("2020-01-05") in [date("2020-01-01")..date("2020-01-05"))', False),
    ],
)
def test_temporal_comparison(feel: Any, source: str, expected: Any) -> None:
    assert feel(source) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('date("2024-05-17").year', 2024),
        ('date("2024-05-17").month', 5),
        ('date("2024-05-17").day', 17),
        ('date("2024-05-17").weekday', 5),
        ('date and time("2024-05-17T10:20:30+02:00").hour', 10),
        ('date and time("2024-05-17T10:20:30+02:00").minute', 20),
        ('date and time("2024-05-17T10:20:30+02:00").second', 30),
        ('date and time("2024-05-17T10:20:30+02:00").time offset', "PT2H"),
        ('date and time("2024-05-17T10:20:30").time offset', None),
        ('date and time("2024-05-17T10:20:30@Europe/Berlin").timezone', "Europe/Berlin"),
        ('date and time("2024-05-17T10:20:30Z").timezone', None),
        ('date and time("2024-05-17T10:20:30Z").year', 2024),
        ('time("10:20:30").hour', 10),
        ('time("10:20:30-05:00").time offset', "PT-5H"),
        ('duration("P2DT3H4M5S").days', 2),
        ('duration("P2DT3H4M5S").hours', 3),
        ('duration("P2DT3H4M5S").minutes', 4),
        ('duration("P2DT3H4M5S").seconds', 5),
        ('duration("-PT26H").days', -1),
        ('duration("-PT26H").hours', -2),
        ('duration("P2Y3M").years', 2),
        ('duration("P2Y3M").months', 3),
        ('duration("P27M").years', 2),
        ('date("2024-05-17").unknown', None),
    ],
)
def test_temporal_properties(feel: Any, source: str, expected: Any) -> None:
    assert feel(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('day of week(date("2019-09-17"))', "Tuesday"),
        ('day of week(date and time("2024-05-19T10:00:00"))', "Sunday"),
        ('day of year(date("2019-09-17"))', 260),
        ('week of year(date("2019-09-17"))', 38),
        ('week of year(date("2021-01-01"))', 53),
        ('month of year(date("2019-09-17"))', "September"),
        ('last day of month(date("2024-02-10"))', "2024-02-29"),
    ],
)
def test_calendar_functions(feel: Any, source: str, expected: Any) -> None:
    assert feel(source) == expected


def test_now_and_today_use_the_engine_clock(feel: Any) -> None:
    assert feel("now()") == "2024-05-17T10:30Z"
    assert feel("today()") == "2024-05-17"
    assert feel("day of week(today())") == "Friday"
    assert feel('now() > date and time("2024-01-01T00:00:00Z")') is True
    assert feel('now() + duration("PT1H")') == "2024-05-17T11:30Z"


def test_a_naive_clock_is_taken_as_utc() -> None:
    expression = compile_expression("now()")
    assert expression.evaluate({}, now=lambda: datetime(2024, 1, 1, 8, 0)) == datetime(
        2024, 1, 1, 8, 0, tzinfo=timezone.utc
    )


def test_the_default_clock_is_the_real_utc_time() -> None:
    before = datetime.now(timezone.utc)
    value = compile_expression("now()").evaluate({})
    assert before - timedelta(seconds=1) <= value <= datetime.now(timezone.utc)
    assert compile_expression("today()").evaluate({}) in (before.date(), date.today())


def test_temporal_values_come_back_as_python_types(raw_feel: Any) -> None:
    assert raw_feel('date("2020-01-02")') == date(2020, 1, 2)
    assert raw_feel('duration("PT90M")') == timedelta(minutes=90)
    assert raw_feel('duration("P14M")') == YearMonthDuration(14)
