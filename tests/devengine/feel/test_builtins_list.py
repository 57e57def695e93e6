"""List built-ins, including aggregates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from camunda_core.devengine.feel import FeelEvaluationError


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("list contains([1, 2, 3], 2)", True),
        ("list contains([1, 2, 3], 4)", False),
        ("list contains([1, null], null)", True),
        ('list contains(["a"], 1)', False),
        ("count([1, 2, 3])", 3),
        ("count([])", 0),
        ("min([1, 2, 3])", 1),
        ("min(3, 1, 2)", 1),
        ('min(["b", "a"])', "a"),
        ("min([])", None),
        ("max([1, 2, 3])", 3),
        ("max(1, 4, 2)", 4),
        ('max(date("2020-01-01"), date("2021-01-01"))', "2021-01-01"),
        ("sum([1, 2, 3])", 6),
        ("sum(1, 2, 3)", 6),
        ("sum([0.1, 0.2])", 0.3),
        ("sum([])", None),
        ("mean([1, 2, 3])", 2),
        ("mean(1, 2, 3, 4)", 2.5),
        ("mean([])", None),
        ("median(8, 2, 5, 3, 4)", 4),
        ("median([6, 1, 2, 3])", 2.5),
        ("median([])", None),
        ("product([2, 3, 4])", 24),
        ("product(2, 3)", 6),
        ("stddev([1])", None),
        ("mode(6, 3, 9, 6, 6)", [6]),
        ("mode([6, 1, 9, 6, 1])", [1, 6]),
        ("mode([])", []),
        ("all([false, null, true])", False),
        ("all(true, true)", True),
        ("all([])", True),
        ("all([true, null])", None),
        ("any([false, null, true])", True),
        ("any([false, false])", False),
        ("any([])", False),
        ("any([false, null])", None),
        ("sublist([4, 5, 6], 1, 2)", [4, 5]),
        ("sublist([4, 5, 6], -2)", [5, 6]),
        ("sublist([4, 5, 6], 5)", None),
        ("append([1], 2, 3)", [1, 2, 3]),
        ("append([1], [2])", [1, [2]]),
        ("append([1], null)", [1, None]),
        ("append(missing, 1)", None),
        ("concatenate([1, 2], [3])", [1, 2, 3]),
        ("concatenate([1], [], [2, [3]])", [1, 2, [3]]),
        ("insert before([1, 3], 2, 2)", [1, 2, 3]),
        ("insert before([1, 3], -1, 2)", [1, 2, 3]),
        ("remove([1, 2, 3], 2)", [1, 3]),
        ("remove([1, 2, 3], 4)", None),
        ("reverse([1, 2, 3])", [3, 2, 1]),
        ("index of([1, 2, 3, 2], 2)", [2, 4]),
        ("index of([1, 2], 5)", []),
        ("union([1, 2], [2, 3])", [1, 2, 3]),
        ("union([1, 2.0], [2, 3], [1])", [1, 2, 3]),
        ("distinct values([1, 2, 3, 2, 1])", [1, 2, 3]),
        ('distinct values([{a: 1}, {a: 1}, "x"])', [{"a": 1}, "x"]),
        ("duplicate values([1, 2, 3, 2, 1, 1])", [1, 2]),
        ("flatten([[1, 2], [[3]], 4])", [1, 2, 3, 4]),
        ("sort([3, 1, 4, 2])", [1, 2, 3, 4]),
        ('sort(["b", "c", "a"])', ["a", "b", "c"]),
        ("sort([5, 2, 8], function(x, y) x > y)", [8, 5, 2]),
        ("sort(list: [3, 1], precedes: function(x, y) x < y)", [1, 3]),
        ("is empty([])", True),
        ("is empty([1])", False),
        ("count(xs)", 3),
        ("sum(xs)", 6.5),
        ("list contains(xs, 2)", True),
    ],
)
def test_list_functions(feel: Any, source: str, expected: Any) -> None:
    assert feel(source, {"xs": [1, 2, 3.5]}) == expected


def test_stddev_is_the_sample_standard_deviation(feel: Any) -> None:
    assert feel("stddev(2, 4, 7, 5)") == pytest.approx(2.0816659994661326)


def test_aggregates_are_exact_decimals(raw_feel: Any) -> None:
    assert raw_feel("sum([0.1, 0.2, 0.3])") == Decimal("0.6")
    assert raw_feel("mean(xs)", {"xs": [0.1, 0.2]}) == Decimal("0.15")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('sum([1, "a"])', "expects numbers"),
        ('min([1, "a"])', "cannot compare"),
        ("count(5)", "expects a list"),
        ('sort([1, "a"])', "no natural order"),
        ("sort([1], 5)", "expects a function"),
        ("count()", r"no function 'count' takes 0 argument\(s\)"),
        ("nonexistent(1)", "no function found with name 'nonexistent'"),
    ],
)
def test_wrong_arguments_raise(feel: Any, source: str, message: str) -> None:
    with pytest.raises(FeelEvaluationError, match=message):
        feel(source)
