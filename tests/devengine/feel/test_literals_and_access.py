"""Literals, variables, paths, filters, lists, contexts and ranges."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

ORDER = {
    "order": {
        "id": "o-1",
        "total": 150.5,
        "items": [
            {"sku": "a", "price": 5, "qty": 2},
            {"sku": "b", "price": 20, "qty": 1},
            {"sku": "c", "price": 12.5, "qty": 4},
        ],
        "customer": {"name": "Ada", "vip": True, "address": None},
    },
    "numbers": [3, 1, 4, 1, 5],
    "limit": 10,
    "first name": "Grace",
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1", 1),
        ("-5", -5),
        ("1.50", 1.5),
        (".5", 0.5),
        ('"hello"', "hello"),
        ('"a\\"b"', 'a"b'),
        ('"line\\nbreak\\ttab"', "line\nbreak\ttab"),
        ('"\\u00e9t\\u00e9"', "été"),
        ('"\\d+"', "\\d+"),
        ("true", True),
        ("false", False),
        ("null", None),
        ("[1, 2, 3]", [1, 2, 3]),
        ("[]", []),
        ('{a: 1, "b c": 2}', {"a": 1, "b c": 2}),
        ("{}", {}),
        ("{a: 1, b: a + 1, c: b * 2}", {"a": 1, "b": 2, "c": 4}),
        ("{first name: 1}", {"first name": 1}),
        ("1 // a comment", 1),
        ("/* block */ 2", 2),
    ],
)
def test_literals(feel: Any, source: str, expected: Any) -> None:
    assert feel(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("order.id", "o-1"),
        ("order.customer.name", "Ada"),
        ("order.customer.address", None),
        ("order.customer.phone", None),
        ("order.missing.deeper.still", None),
        ("missing", None),
        ("missing.field", None),
        ("`first name`", "Grace"),
        ("order.items.sku", ["a", "b", "c"]),
        ("[{a: 1}, {b: 2}].a", [1, None]),
        ("numbers[1]", 3),
        ("numbers[-1]", 5),
        ("numbers[0]", None),
        ("numbers[6]", None),
        ("numbers[-6]", None),
        ("order.items[2].sku", "b"),
        ("order.items[price > 10].sku", ["b", "c"]),
        ("order.items[item.price > 10 and qty > 1].sku", ["c"]),
        ("numbers[item > 2]", [3, 4, 5]),
        ("numbers[item > limit]", []),
        ("numbers[limit / 5]", 1),
        ("missing[item > 1]", None),
        ("5[item > 1]", [5]),
        ("[{x: 5}, {y: 2}][x > 3]", [{"x": 5}]),
        ("{a: {b: [1, 2]}}.a.b[2]", 2),
    ],
)
def test_access(feel: Any, source: str, expected: Any) -> None:
    assert feel(source, ORDER) == expected


def test_numbers_are_decimal_so_tenths_add_up(raw_feel: Any) -> None:
    assert raw_feel("0.1 + 0.2") == Decimal("0.3")
    assert raw_feel("0.1 + 0.2 = 0.3") is True
    assert raw_feel("x + 0.2", {"x": 0.1}) == Decimal("0.3")


def test_input_numbers_are_read_as_decimal(raw_feel: Any) -> None:
    assert raw_feel("x", {"x": 2}) == Decimal(2)
    assert isinstance(raw_feel("xs[1]", {"xs": [7]}), Decimal)
    assert raw_feel("x", {"x": True}) is True
    assert raw_feel("x", {"x": float("nan")}) is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[1..5]", "[1..5]"),
        ("(1..5]", "(1..5]"),
        ("]1..5[", "(1..5)"),
        ("[1..5[", "[1..5)"),
    ],
)
def test_range_literals(raw_feel: Any, source: str, expected: str) -> None:
    assert str(raw_feel(source)) == expected


def test_range_properties(feel: Any) -> None:
    assert feel("[1..5).start") == 1
    assert feel("[1..5).end included") is False
    assert feel("[1..5).start included") is True
