"""Numeric built-ins: rounding with a scale, abs, modulo, sqrt, log, exp, odd/even, random."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
    InvalidOperation,
)
from typing import Any

from .durations import YearMonthDuration
from .errors import FeelEvaluationError
from .functions import ArgumentError, FunctionTable
from .values import NUMBER_CONTEXT, describe, float_to_decimal, to_number

table = FunctionTable()
define = table.define


def _number(param: str, value: Any) -> Decimal:
    number = to_number(value)
    if number is None:
        raise ArgumentError(f"parameter '{param}' expects a number but got {describe(value)}")
    return number


def _rounded(value: Any, scale: Any, mode: str) -> Decimal | None:
    number = _number("n", value)
    digits = int(_number("scale", scale)) if scale is not None else 0
    try:
        return number.quantize(Decimal(1).scaleb(-digits), rounding=mode, context=NUMBER_CONTEXT)
    except InvalidOperation:
        return None


def _rounding(name: str, mode: str, *, scale_required: bool) -> None:
    spec = "scale" if scale_required else "scale?"

    def impl(n: Any, scale: Any = None) -> Decimal | None:
        return _rounded(n, scale, mode)

    define(name, "n", spec)(impl)


_rounding("decimal", ROUND_HALF_EVEN, scale_required=True)
_rounding("floor", ROUND_FLOOR, scale_required=False)
_rounding("ceiling", ROUND_CEILING, scale_required=False)
_rounding("round up", ROUND_UP, scale_required=False)
_rounding("round down", ROUND_DOWN, scale_required=False)
_rounding("round half up", ROUND_HALF_UP, scale_required=False)
_rounding("round half down", ROUND_HALF_DOWN, scale_required=False)


@define("abs", "n")
def _abs(value: Any) -> Any:
    if isinstance(value, timedelta):
        return abs(value)
    if isinstance(value, YearMonthDuration):
        return YearMonthDuration(abs(value.months))
    return NUMBER_CONTEXT.abs(_number("n", value))


@define("modulo", "dividend", "divisor")
def _modulo(dividend: Any, divisor: Any) -> Decimal:
    a, b = _number("dividend", dividend), _number("divisor", divisor)
    if not b:
        raise FeelEvaluationError("modulo(): division by zero")
    quotient = NUMBER_CONTEXT.divide(a, b).to_integral_value(ROUND_FLOOR)
    return NUMBER_CONTEXT.subtract(a, NUMBER_CONTEXT.multiply(b, quotient))


@define("sqrt", "number")
def _sqrt(value: Any) -> Decimal | None:
    number = _number("number", value)
    return None if number < 0 else NUMBER_CONTEXT.sqrt(number)


@define("log", "number")
def _log(value: Any) -> Decimal | None:
    number = _number("number", value)
    return None if number <= 0 else NUMBER_CONTEXT.ln(number)


@define("exp", "number")
def _exp(value: Any) -> Decimal | None:
    try:
        return NUMBER_CONTEXT.exp(_number("number", value))
    except ArithmeticError:
        return None


def _is_whole(number: Decimal) -> bool:
    return number == number.to_integral_value()


@define("odd", "number")
def _odd(value: Any) -> bool:
    number = _number("number", value)
    return _is_whole(number) and int(number) % 2 == 1


@define("even", "number")
def _even(value: Any) -> bool:
    number = _number("number", value)
    return _is_whole(number) and int(number) % 2 == 0


@define("random number")
def _random_number() -> Decimal | None:
    return float_to_decimal(random.random())
