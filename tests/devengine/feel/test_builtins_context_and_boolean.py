"""Context built-ins and the null-handling functions (is defined, get or else, assert)."""

from __future__ import annotations

from typing import Any

import pytest

from camunda_core.devengine.feel import FeelEvaluationError

CONTEXT = {"order": {"id": 1, "customer": {"name": "Ada"}, "note": None}, "nothing": None}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('get value({a: 1}, "a")', 1),
        ('get value({a: 1}, "b")', None),
        ('get value(order, ["customer", "name"])', "Ada"),
        ('get value(order, ["customer", "age"])', None),
        ("get entries({a: 1, b: 2})", [{"key": "a", "value": 1}, {"key": "b", "value": 2}]),
        ("get entries({})", []),
        ('put({a: 1}, "b", 2)', {"a": 1, "b": 2}),
        ('put({a: 1}, "a", null)', {"a": None}),
        ('context put({a: 1}, "b", 2)', {"a": 1, "b": 2}),
        ('context put({a: {b: 1}}, ["a", "c"], 2)', {"a": {"b": 1, "c": 2}}),
        ('context put({}, ["x", "y"], 1)', {"x": {"y": 1}}),
        ("context merge([{a: 1}, {b: 2}])", {"a": 1, "b": 2}),
        ("context merge([{a: 1}, {a: 2, b: 3}])", {"a": 2, "b": 3}),
        ("context merge({a: 1}, {b: 2})", {"a": 1, "b": 2}),
        ('context([{key: "a", value: 1}, {key: "b", value: 2}])', {"a": 1, "b": 2}),
        ("context([])", {}),
        ("is defined(order)", True),
        ("is defined(order.id)", True),
        ("is defined(order.note)", True),
        ("is defined(order.missing)", False),
        ("is defined(nothing)", True),
        ("is defined(missing)", False),
        ("is defined(missing.deeper)", False),
        ("is defined(null)", True),
        ("is defined(1)", True),
        ('is defined(date("2020-01-01").year)', True),
        ('is defined(date("2020-01-01").hour)', False),
        ("is defined(value: missing)", False),
        ('get or else(missing, "default")', "default"),
        ('get or else(order.id, "default")', 1),
        ("get or else(null, null)", None),
        ("assert(order.id, order.id > 0)", 1),
        ('assert(1, true, "never")', 1),
    ],
)
def test_context_and_null_functions(feel: Any, source: str, expected: Any) -> None:
    assert feel(source, CONTEXT) == expected


def test_assert_raises_with_the_cause(feel: Any) -> None:
    with pytest.raises(FeelEvaluationError, match="'b' should be positive"):
        feel("assert(b, b >= 0, \"'b' should be positive\")", {"b": -1})
    with pytest.raises(FeelEvaluationError, match="assertion failed"):
        feel("assert(missing, missing != null)")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('get value(5, "a")', "expects a context"),
        ("context([{value: 1}])", "needs a 'key'"),
        ('not("yes")', "expects a boolean"),
        ("is defined(1, 2)", r"no function 'is defined' takes 2 argument\(s\)"),
    ],
)
def test_wrong_arguments_raise(feel: Any, source: str, message: str) -> None:
    with pytest.raises(FeelEvaluationError, match=message):
        feel(source)
