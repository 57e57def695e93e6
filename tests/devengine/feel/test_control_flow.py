"""if/then/else, for, some/every and user-defined functions."""

from __future__ import annotations

from typing import Any

import pytest

from camunda_core.devengine.feel import FeelEvaluationError

CONTEXT = {"x": 5, "xs": [1, 2, 3], "people": [{"name": "a", "age": 30}, {"name": "b", "age": 15}]}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('if x > 3 then "big" else "small"', "big"),
        ('if x > 10 then "big" else "small"', "small"),
        ('if missing then "yes" else "no"', "no"),
        ('if null then "yes" else "no"', "no"),
        ('if "true" then "yes" else "no"', "no"),
        ('if x > 3 then if x > 4 then "a" else "b" else "c"', "a"),
        ("1 + if x > 3 then 1 else 2", 2),
        ("if x > 3 then x else x * 2 + 1", 5),
    ],
)
def test_if(feel: Any, source: str, expected: Any) -> None:
    assert feel(source, CONTEXT) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("for i in xs return i * 2", [2, 4, 6]),
        ("for i in 1..3 return i * i", [1, 4, 9]),
        ("for i in 3..1 return i", [3, 2, 1]),
        ("for i in [1..3] return i", [1, 2, 3]),
        ("for i in (1..4) return i", [2, 3]),
        ("for i in [] return i", []),
        ("for a in [1, 2], b in [10, 20] return a + b", [11, 21, 12, 22]),
        ("for a in [1, 2], b in [a, a * 10] return b", [1, 10, 2, 20]),
        ("for p in people return p.name", ["a", "b"]),
        ("for i in 1..5 return if i = 1 then 1 else partial[-1] * i", [1, 2, 6, 24, 120]),
        ("for i in missing return i", None),
        ("for i in x..x + 2 return i", [5, 6, 7]),
    ],
)
def test_for(feel: Any, source: str, expected: Any) -> None:
    assert feel(source, CONTEXT) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("some i in xs satisfies i > 2", True),
        ("some i in xs satisfies i > 3", False),
        ("every i in xs satisfies i > 0", True),
        ("every i in xs satisfies i > 1", False),
        ("some i in [] satisfies i > 0", False),
        ("every i in [] satisfies i > 0", True),
        ("some p in people satisfies p.age < 18", True),
        ("every p in people satisfies p.age >= 18", False),
        ("some a in [1, 2], b in [2, 3] satisfies a = b", True),
        ("some i in [null, 1] satisfies i > 0", True),
        ("every i in [null, 1] satisfies i > 0", False),
        ("some item in cargo satisfies not(item.legal)", True),
    ],
)
def test_quantified(feel: Any, source: str, expected: Any) -> None:
    context = {**CONTEXT, "cargo": [{"legal": True}, {"legal": False}]}
    assert feel(source, context) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("(function(a, b) a + b)(1, 2)", 3),
        ("{add: function(a, b) a + b, r: add(2, 3)}.r", 5),
        ("{add: function(a, b) a - b, r: add(b: 1, a: 5)}.r", 4),
        ("{f: function(n) if n <= 1 then 1 else n * f(n - 1), r: f(5)}.r", 120),
        ("{k: 10, f: function(a) a + k, r: f(1)}.r", 11),
        ("{f: function(a: number) a * 2, r: f(4)}.r", 8),
        ("sort([3, 1, 2], function(a, b) a > b)", [3, 2, 1]),
    ],
)
def test_user_functions(feel: Any, source: str, expected: Any) -> None:
    assert feel(source) == expected


def test_user_function_called_with_wrong_arity_raises(feel: Any) -> None:
    with pytest.raises(FeelEvaluationError, match="expects 2 argument"):
        feel("{f: function(a, b) a, r: f(1)}.r")


def test_calling_a_non_function_raises(feel: Any) -> None:
    with pytest.raises(FeelEvaluationError, match="no function found with name 'x'"):
        feel("x(1)", CONTEXT)


def test_built_ins_take_precedence_over_variables(feel: Any) -> None:
    assert feel("{count: function(l) 99, r: count([1])}.r") == 1
