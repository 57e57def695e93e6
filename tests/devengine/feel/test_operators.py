"""Arithmetic, comparison, three-valued logic and the other operators, with null semantics."""

from __future__ import annotations

from typing import Any

import pytest

from camunda_core.devengine.feel import FeelEvaluationError

CONTEXT = {"x": 5, "s": "abc", "flag": True, "nothing": None, "xs": [1, 2, 3]}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2", 3),
        ("5 - 7", -2),
        ("3 * 4", 12),
        ("10 / 4", 2.5),
        ("1 / 3 * 3", 1.0),
        ("2 ** 10", 1024),
        ("2 ** -1", 0.5),
        ("4 ** 0.5", 2.0),
        ("-x", -5),
        ("- (1 + 2)", -3),
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("2 * 3 ** 2", 18),
        ("10 - 2 - 3", 5),
        ("x * 1.5", 7.5),
        ('"foo" + "bar"', "foobar"),
        ('s + "d"', "abcd"),
    ],
)
def test_arithmetic(feel: Any, source: str, expected: Any) -> None:
    assert feel(source, CONTEXT) == expected


@pytest.mark.parametrize(
    "source",
    [
        "1 + null",
        "null * 3",
        "missing + 1",
        "-missing",
        '"a" + 1',
        "1 + true",
        '"a" * 2',
        "[1] + [2]",
    ],
)
def test_arithmetic_with_null_or_mismatched_types_is_null(feel: Any, source: str) -> None:
    assert feel(source, CONTEXT) is None


@pytest.mark.parametrize("source", ["1 / 0", "x / (x - 5)", "0 ** -1", "modulo(5, 0)"])
def test_division_by_zero_raises(feel: Any, source: str) -> None:
    with pytest.raises(FeelEvaluationError, match="division by zero"):
        feel(source, CONTEXT)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = 5", True),
        ("x != 5", False),
        ("x > 4", True),
        ("x >= 5", True),
        ("x < 5", False),
        ("x <= 4.99", False),
        ('s = "abc"', True),
        ('"a" < "b"', True),
        ("true = true", True),
        ("[1, 2] = [1, 2]", True),
        ("[1, 2] = [2, 1]", False),
        ("{a: 1} = {a: 1}", True),
        ("{a: 1} = {a: 2}", False),
        ("null = null", True),
        ("nothing = null", True),
        ("missing = null", True),
        ("x = null", False),
        ("x != null", True),
        ("1 = 1.0", True),
    ],
)
def test_comparison(feel: Any, source: str, expected: Any) -> None:
    assert feel(source, CONTEXT) is expected


@pytest.mark.parametrize(
    "source",
    ['x = "5"', 'x < "6"', "missing > 1", "null < 1", "true < false", "[1] < [2]", 'x != "5"'],
)
def test_comparison_of_different_types_is_null(feel: Any, source: str) -> None:
    assert feel(source, CONTEXT) is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("true and true", True),
        ("true and false", False),
        ("true and null", None),
        ("false and null", False),
        ("null and false", False),
        ("null and null", None),
        ('true and "yes"', None),
        ("true or false", True),
        ("false or false", False),
        ("false or null", None),
        ("true or null", True),
        ("null or true", True),
        ("x > 1 and x < 10", True),
        ("x > 1 and missing > 1", None),
        ("x > 10 or missing > 1", None),
        ("not(true)", False),
        ("not(false)", True),
        ("not(null)", None),
    ],
)
def test_three_valued_logic(feel: Any, source: str, expected: Any) -> None:
    assert feel(source, CONTEXT) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x between 1 and 10", True),
        ("x between 5 and 5", True),
        ("x between 6 and 10", False),
        ('"b" between "a" and "c"', True),
        ("missing between 1 and 10", None),
        ("x in [1, 5, 9]", True),
        ("x in xs", False),
        ("2 in xs", True),
        ("x in [1..10]", True),
        ("x in (5..10]", False),
        ("x in ]1..5[", False),
        ("x in [1..5)", False),
        ("x in < 10", True),
        ("x in >= 6", False),
        ("x in (1, 2, 5)", True),
        ("x in (< 3, > 4)", True),
        ("x in ([1..3], [7..9])", False),
        ("x in ([1..3], [4..9])", True),
        ('s in ("abc", "def")', True),
        ("x in 5", True),
        ("x in null", False),
        ("null in [1, null]", True),
        ("x in [1..10] and x in < 6", True),
        ("x in (x + 0)", True),
    ],
)
def test_between_and_in(feel: Any, source: str, expected: Any) -> None:
    assert feel(source, CONTEXT) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x instance of number", True),
        ("s instance of string", True),
        ("flag instance of boolean", True),
        ("xs instance of list", True),
        ("{a: 1} instance of context", True),
        ('date("2020-01-01") instance of date', True),
        ('date and time("2020-01-01T10:00:00") instance of date and time', True),
        ('date and time("2020-01-01T10:00:00") instance of date', False),
        ('time("10:00:00") instance of time', True),
        ('duration("P1D") instance of days and time duration', True),
        ('duration("P1Y") instance of years and months duration', True),
        ("[1..2] instance of range", True),
        ("(function(a) a) instance of function", True),
        ("x instance of string", False),
        ("null instance of Null", True),
        ("x instance of Any", True),
        ("null instance of Any", False),
    ],
)
def test_instance_of(feel: Any, source: str, expected: bool) -> None:
    assert feel(source, CONTEXT) is expected
