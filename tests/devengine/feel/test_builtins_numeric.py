"""Numeric built-ins."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from camunda_core.devengine.feel import FeelEvaluationError


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("decimal(1 / 3, 2)", Decimal("0.33")),
        ("decimal(1.5, 0)", Decimal("2")),
        ("decimal(2.5, 0)", Decimal("2")),
        ("floor(1.5)", Decimal("1")),
        ("floor(-1.5)", Decimal("-2")),
        ("floor(-1.56, 1)", Decimal("-1.6")),
        ("ceiling(1.5)", Decimal("2")),
        ("ceiling(-1.5)", Decimal("-1")),
        ("ceiling(-1.56, 1)", Decimal("-1.5")),
        ("round up(5.5, 0)", Decimal("6")),
        ("round up(-5.5)", Decimal("-6")),
        ("round up(1.121, 2)", Decimal("1.13")),
        ("round down(5.5)", Decimal("5")),
        ("round down(-5.5, 0)", Decimal("-5")),
        ("round down(1.126, 2)", Decimal("1.12")),
        ("round half up(5.5)", Decimal("6")),
        ("round half up(-5.5)", Decimal("-6")),
        ("round half up(1.125, 2)", Decimal("1.13")),
        ("round half down(5.5)", Decimal("5")),
        ("round half down(-5.5)", Decimal("-5")),
        ("round half down(1.126, 2)", Decimal("1.13")),
        ("abs(10)", Decimal("10")),
        ("abs(-10)", Decimal("10")),
        ("modulo(12, 5)", Decimal("2")),
        ("modulo(-12, 5)", Decimal("3")),
        ("modulo(12, -5)", Decimal("-3")),
        ("modulo(-12, -5)", Decimal("-2")),
        ("modulo(10.1, 4.5)", Decimal("1.1")),
        ("sqrt(16)", Decimal("4")),
        ("sqrt(-3)", None),
        ("exp(0)", Decimal("1")),
        ("log(1)", Decimal("0")),
        ("log(0)", None),
        ("odd(5)", True),
        ("odd(2)", False),
        ("odd(-3)", True),
        ("even(2)", True),
        ("even(5)", False),
        ("even(2.5)", False),
        ("abs(null)", None),
    ],
)
def test_numeric_functions(raw_feel: Any, source: str, expected: Any) -> None:
    assert raw_feel(source) == expected


def test_log_and_exp_are_natural(raw_feel: Any) -> None:
    assert round(float(raw_feel("log(10)")), 10) == 2.302585093
    assert round(float(raw_feel("exp(1)")), 10) == 2.7182818285


def test_random_number_is_between_zero_and_one(raw_feel: Any) -> None:
    values = [raw_feel("random number()") for _ in range(20)]
    assert all(Decimal(0) <= value < Decimal(1) for value in values)


def test_abs_of_durations(feel: Any) -> None:
    assert feel('abs(duration("-PT2H"))') == "PT2H"
    assert feel('abs(duration("-P2Y"))') == "P2Y"


def test_decimal_needs_a_scale(raw_feel: Any) -> None:
    with pytest.raises(FeelEvaluationError, match="no function 'decimal' takes 1 argument"):
        raw_feel("decimal(1.5)")


@pytest.mark.parametrize("source", ['abs("a")', 'floor("1.5")', 'sqrt("4")', "odd(true)"])
def test_non_numbers_raise(raw_feel: Any, source: str) -> None:
    with pytest.raises(FeelEvaluationError, match="expects a number"):
        raw_feel(source)
