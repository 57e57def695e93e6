"""Conversion built-ins: string, number, date, time, date and time, durations."""

from __future__ import annotations

from typing import Any

import pytest

from camunda_core.devengine.feel import FeelEvaluationError


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("string(1.1)", "1.1"),
        ("string(1.10)", "1.10"),
        ("string(decimal(10, 2))", "10.00"),
        ("string(0.1 + 0.2)", "0.3"),
        ("string(100)", "100"),
        ("string(-0.5)", "-0.5"),
        ("string(1 / 4)", "0.25"),
        ("string(true)", "true"),
        ('string("x")', "x"),
        ("string(null)", None),
        ('string([1, "a"])', '[1, "a"]'),
        ("string({a: 1})", "{a:1}"),
        ('string(date("2020-01-02"))', "2020-01-02"),
        ('string(time("10:30:00"))', "10:30:00"),
        ('string(time("10:30:00.5+02:00"))', "10:30:00.5+02:00"),
        ('string(date and time("2020-01-01T10:00:00"))', "2020-01-01T10:00:00"),
        ('string(date and time("2020-01-01T10:00:00Z"))', "2020-01-01T10:00:00Z"),
        ('string(date and time("2020-01-01T10:00:00-05:00"))', "2020-01-01T10:00:00-05:00"),
        (
            'string(date and time("2020-01-01T10:00:00@Europe/Berlin"))',
            "2020-01-01T10:00:00@Europe/Berlin",
        ),
        ('string(duration("PT36H"))', "PT36H"),
        ('string(duration("P2DT0.25S"))', "PT48H0.25S"),
        ('string(duration("-PT90M"))', "PT-1H-30M"),
        ('string(duration("PT0S"))', "PT0S"),
        ('string(duration("P14M"))', "P1Y2M"),
        ('string(duration("-P3M"))', "P-3M"),
        ('string(duration("P0Y"))', "P0D"),
        ("string(amount)", "12.5"),
    ],
)
def test_string(feel: Any, source: str, expected: Any) -> None:
    assert feel(source, {"amount": 12.5}) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('number("1500.5")', 1500.5),
        ('number("-12")', -12),
        ('number(" 7 ")', 7),
        ('number("1,000.5", ",", ".")', 1000.5),
        ('number("1 000,5", " ", ",")', 1000.5),
        ('number("abc")', None),
        ('number("1e5")', None),
        ("number(42)", 42),
        ("number(null)", None),
        ('number(from: "3")', 3),
    ],
)
def test_number(feel: Any, source: str, expected: Any) -> None:
    assert feel(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('date("2020-02-29")', "2020-02-29"),
        ('date("2019-02-29")', None),
        ('date("not a date")', None),
        ("date(2012, 12, 25)", "2012-12-25"),
        ("date(2012, 13, 25)", None),
        ('date(date and time("2012-12-25T11:00:00Z"))', "2012-12-25"),
        ('date(from: "2020-01-01")', "2020-01-01"),
        ('time("13:30")', "13:30"),
        ('time("T23:59:00")', "23:59"),
        ('time("10:00:00.123")', "10:00:00.123"),
        ('time("10:00:00Z")', "10:00Z"),
        ('time("10:00:00+01:00")', "10:00+01:00"),
        ('time("25:00:00")', None),
        ("time(23, 59, 0)", "23:59"),
        ('time(14, 30, 0, duration("PT1H"))', "14:30+01:00"),
        ('time(date and time("2012-12-25T11:00:00Z"))', "11:00Z"),
        ('date and time("2015-09-18T10:31:10")', "2015-09-18T10:31:10"),
        ('date and time("2015-09-18T10:31:10+02:00")', "2015-09-18T10:31:10+02:00"),
        ('date and time("2015-09-18T10:31:10.5Z")', "2015-09-18T10:31:10.500Z"),
        (
            'date and time("2015-09-18T10:31:10@Europe/Paris")',
            "2015-09-18T10:31:10+02:00[Europe/Paris]",
        ),
        ('date and time("2015-09-18T10:31:10@Mars/Olympus")', None),
        ('date and time("2015-09-18")', "2015-09-18T00:00"),
        ('date and time(date("2015-09-18"))', "2015-09-18T00:00"),
        (
            'date and time(date and time("2020-06-01T10:00:00Z"), "Europe/Berlin")',
            "2020-06-01T12:00+02:00[Europe/Berlin]",
        ),
        (
            'date and time(date and time("2020-06-01T10:00:00"), "Europe/Berlin")',
            "2020-06-01T10:00+02:00[Europe/Berlin]",
        ),
        ('date and time(date and time("2020-06-01T10:00:00Z"), "Nowhere")', None),
        ('time(date("2020-01-01"))', "00:00Z"),
        ("time(10, 15, 30.5)", "10:15:30.500"),
        ("time(10, 15, 0, null)", "10:15"),
        ("time(10, null, 0)", None),
        ('date and time(date("2012-12-24"), time("23:59:00"))', "2012-12-24T23:59"),
        ('date and time(date("2012-12-24"), time("23:59:00Z"))', "2012-12-24T23:59Z"),
        ('@"2020-01-01T10:00:00Z"', "2020-01-01T10:00Z"),
        ('@"2020-01-01"', "2020-01-01"),
        ('@"10:00:00"', "10:00"),
        ('@"P1D"', "PT24H"),
        ('duration("P1DT2H3M4S")', "PT26H3M4S"),
        ('duration("PT1.5S")', "PT1.5S"),
        ('duration("-PT2H")', "PT-2H"),
        ('duration("P2Y3M")', "P2Y3M"),
        ('duration("P26M")', "P2Y2M"),
        ('duration("P1Y2DT3H")', None),
        ('duration("P1W")', None),
        ('duration("nonsense")', None),
        ('years and months duration(date("2011-12-22"), date("2013-08-24"))', "P1Y8M"),
        ('years and months duration(date("2013-08-24"), date("2011-12-22"))', "P-1Y-8M"),
        (
            'years and months duration(date and time("2017-01-15T10:00:00"), date("2017-03-14"))',
            "P1M",
        ),
    ],
)
def test_temporal_constructors(feel: Any, source: str, expected: Any) -> None:
    assert feel(source) == expected


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("date(1)", "expects a string"),
        ('date("2020", 1, 1)', "expects a whole number"),
        ("time(true)", "expects a string"),
        ('date and time(1, time("10:00"))', "expects a date"),
        ('years and months duration("2011-12-22", date("2013-08-24"))', "expects a date"),
        ("duration(5)", "expects a string"),
        ('number("1;000", ";")', "grouping separator must be"),
        ('number("1.000,5", ".", ".")', "decimal separator must be"),
    ],
)
def test_conversion_with_wrong_argument_type_raises(feel: Any, source: str, message: str) -> None:
    with pytest.raises(FeelEvaluationError, match=message):
        feel(source)
