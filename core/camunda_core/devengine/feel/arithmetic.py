"""FEEL ``+ - * / **`` and unary minus over numbers, strings and temporal values.

Null operands and undefined combinations (``"a" + 1``) give null, as in Camunda. Division by
zero raises FeelEvaluationError: the engine should raise an incident rather than continue.
"""

from __future__ import annotations

import math
from datetime import timedelta
from decimal import Decimal, DivisionByZero, InvalidOperation, Overflow
from typing import Any

from .durations import YearMonthDuration
from .errors import FeelEvaluationError
from .temporal_arith import duration_ratio, scale_duration, temporal_add, temporal_subtract
from .values import NUMBER_CONTEXT, float_to_decimal, to_number

_ARITHMETIC_ERRORS = (InvalidOperation, Overflow)


def _numbers(left: Any, right: Any) -> tuple[Decimal, Decimal] | None:
    a, b = to_number(left), to_number(right)
    if a is None or b is None:
        return None
    return a, b


def add(left: Any, right: Any) -> Any:
    if type(left) is Decimal and type(right) is Decimal:
        return NUMBER_CONTEXT.add(left, right)
    if left is None or right is None:
        return None
    if type(left) is str and type(right) is str:
        return left + right
    numbers = _numbers(left, right)
    if numbers is not None:
        return _guard(NUMBER_CONTEXT.add, *numbers)
    return temporal_add(left, right)


def subtract(left: Any, right: Any) -> Any:
    if type(left) is Decimal and type(right) is Decimal:
        return NUMBER_CONTEXT.subtract(left, right)
    if left is None or right is None:
        return None
    numbers = _numbers(left, right)
    if numbers is not None:
        return _guard(NUMBER_CONTEXT.subtract, *numbers)
    return temporal_subtract(left, right)


def multiply(left: Any, right: Any) -> Any:
    if left is None or right is None:
        return None
    numbers = _numbers(left, right)
    if numbers is not None:
        return _guard(NUMBER_CONTEXT.multiply, *numbers)
    factor = to_number(right)
    if factor is not None:
        return scale_duration(left, factor, divide=False)
    factor = to_number(left)
    if factor is not None:
        return scale_duration(right, factor, divide=False)
    return None


def divide(left: Any, right: Any) -> Any:
    if left is None or right is None:
        return None
    numbers = _numbers(left, right)
    if numbers is not None:
        if not numbers[1]:
            raise FeelEvaluationError("division by zero")
        return _guard(NUMBER_CONTEXT.divide, *numbers)
    divisor = to_number(right)
    if divisor is not None:
        if not divisor:
            raise FeelEvaluationError("division by zero")
        return scale_duration(left, divisor, divide=True)
    if _is_zero_duration(right) and _is_zero_duration(left) is not None:
        raise FeelEvaluationError("division by zero")
    return duration_ratio(left, right)


def _is_zero_duration(value: Any) -> bool | None:
    if isinstance(value, timedelta):
        return not value
    if isinstance(value, YearMonthDuration):
        return not value.months
    return None


def power(left: Any, right: Any) -> Any:
    numbers = _numbers(left, right)
    if numbers is None:
        return None
    base, exponent = numbers
    if exponent == exponent.to_integral_value() and abs(exponent) <= 999_999:
        if not base and exponent < 0:
            raise FeelEvaluationError("division by zero")
        return _guard(NUMBER_CONTEXT.power, base, int(exponent))
    try:
        return float_to_decimal(math.pow(float(base), float(exponent)))
    except (OverflowError, ValueError):
        return None


def negate(value: Any) -> Any:
    number = to_number(value)
    if number is not None:
        return NUMBER_CONTEXT.minus(number)
    if isinstance(value, (timedelta, YearMonthDuration)):
        return -value
    return None


def _guard(operation: Any, left: Decimal, right: Any) -> Decimal | None:
    """Run a decimal operation; an overflow or invalid result is null, not a crash."""
    try:
        result: Decimal = operation(left, right)
    except DivisionByZero as exc:
        raise FeelEvaluationError("division by zero") from exc
    except _ARITHMETIC_ERRORS:
        return None
    return result
