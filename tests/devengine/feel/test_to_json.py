"""``to_json``: FEEL results as the JSON-compatible values Camunda stores."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from camunda_core.devengine.feel import FeelRange, YearMonthDuration, to_json

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (True, True),
        ("x", "x"),
        (7, 7),
        (1.5, 1.5),
        (Decimal("3"), 3),
        (Decimal("3.000"), 3),
        (Decimal("1E+2"), 100),
        (Decimal("2.5"), 2.5),
        (Decimal("-0.1"), -0.1),
        (date(2020, 1, 2), "2020-01-02"),
        (time(10, 0), "10:00"),
        (time(10, 0, 5), "10:00:05"),
        (time(10, 0, 5, 500000), "10:00:05.500"),
        (time(10, 0, 5, 123456), "10:00:05.123456"),
        (time(10, 0, tzinfo=timezone.utc), "10:00Z"),
        (time(10, 0, tzinfo=timezone(timedelta(hours=-5))), "10:00-05:00"),
        (datetime(2020, 1, 1, 10, 0), "2020-01-01T10:00"),
        (datetime(2020, 1, 1, 10, 0, 30, tzinfo=timezone.utc), "2020-01-01T10:00:30Z"),
        (
            datetime(2020, 1, 1, 10, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
            "2020-01-01T10:00+05:30",
        ),
        (datetime(2020, 7, 1, 10, 0, tzinfo=BERLIN), "2020-07-01T10:00+02:00[Europe/Berlin]"),
        (timedelta(0), "PT0S"),
        (timedelta(days=1), "PT24H"),
        (timedelta(days=1, hours=2, minutes=3, seconds=4), "PT26H3M4S"),
        (timedelta(seconds=1.5), "PT1.5S"),
        (timedelta(minutes=-90), "PT-1H-30M"),
        (timedelta(seconds=-0.5), "PT-0.5S"),
        (YearMonthDuration(14), "P1Y2M"),
        (YearMonthDuration(3), "P3M"),
        (YearMonthDuration(24), "P2Y"),
        (YearMonthDuration(-14), "P-1Y-2M"),
        (YearMonthDuration(0), "P0D"),
        ([Decimal(1), [date(2020, 1, 1)]], [1, ["2020-01-01"]]),
        ({"a": Decimal("1.5"), "b": {"c": None}}, {"a": 1.5, "b": {"c": None}}),
        ((Decimal(1), "a"), [1, "a"]),
        (FeelRange(Decimal(1), Decimal(2), True, True), None),
    ],
)
def test_to_json(value: Any, expected: Any) -> None:
    result = to_json(value)
    assert result == expected
    assert type(result) is type(expected)


def test_to_json_of_an_evaluated_function_is_null(raw_feel: Any) -> None:
    assert to_json(raw_feel("function(a) a")) is None
