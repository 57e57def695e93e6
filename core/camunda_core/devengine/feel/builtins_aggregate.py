"""Aggregating list built-ins: min, max, sum, mean, median, product, stddev, mode, all, any."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .comparison import compare
from .functions import ArgumentError, FunctionTable
from .values import NUMBER_CONTEXT, as_list, describe, from_python, to_number

table = FunctionTable()
define = table.define


def _numbers(items: list[Any]) -> list[Decimal]:
    numbers = [to_number(item) for item in items]
    for item, number in zip(items, numbers, strict=True):
        if number is None:
            raise ArgumentError(f"expects numbers but the list holds {describe(item)}")
    return numbers  # type: ignore[return-value]


def _extreme(items: list[Any], pick: Callable[[int], bool]) -> Any:
    values = as_list(items)
    if not values:
        return None
    best = values[0]
    for value in values[1:]:
        order = compare(value, best)
        if order is None:
            raise ArgumentError(f"cannot compare {describe(value)} with {describe(best)}")
        if pick(order):
            best = value
    if compare(best, best) is None:
        raise ArgumentError(f"cannot order {describe(best)}")
    return best


@define("min", "list...")
def _min(items: list[Any]) -> Any:
    return _extreme(items, lambda order: order < 0)


@define("max", "list...")
def _max(items: list[Any]) -> Any:
    return _extreme(items, lambda order: order > 0)


@define("sum", "list...")
def _sum(items: list[Any]) -> Decimal | None:
    numbers = _numbers(items)
    total = Decimal(0)
    for number in numbers:
        total = NUMBER_CONTEXT.add(total, number)
    return total if numbers else None


@define("product", "list...")
def _product(items: list[Any]) -> Decimal | None:
    numbers = _numbers(items)
    total = Decimal(1)
    for number in numbers:
        total = NUMBER_CONTEXT.multiply(total, number)
    return total if numbers else None


@define("mean", "list...")
def _mean(items: list[Any]) -> Decimal | None:
    total = _sum(items)
    return None if total is None else NUMBER_CONTEXT.divide(total, Decimal(len(items)))


@define("median", "list...")
def _median(items: list[Any]) -> Decimal | None:
    numbers = sorted(_numbers(items))
    if not numbers:
        return None
    middle = len(numbers) // 2
    if len(numbers) % 2:
        return numbers[middle]
    return NUMBER_CONTEXT.divide(NUMBER_CONTEXT.add(numbers[middle - 1], numbers[middle]), 2)


@define("stddev", "list...")
def _stddev(items: list[Any]) -> Decimal | None:
    numbers = _numbers(items)
    if len(numbers) < 2:
        return None
    ctx = NUMBER_CONTEXT
    total = Decimal(0)
    for number in numbers:
        total = ctx.add(total, number)
    mean = ctx.divide(total, len(numbers))
    squares = Decimal(0)
    for number in numbers:
        deviation = ctx.subtract(number, mean)
        squares = ctx.add(squares, ctx.multiply(deviation, deviation))
    return ctx.sqrt(ctx.divide(squares, len(numbers) - 1))


@define("mode", "list...")
def _mode(items: list[Any]) -> list[Decimal]:
    numbers = _numbers(items)
    counts: dict[Decimal, int] = {}
    for number in numbers:
        counts[number] = counts.get(number, 0) + 1
    if not counts:
        return []
    top = max(counts.values())
    return sorted(number for number, count in counts.items() if count == top)


@define("all", "list...", nulls=False)
def _all(items: list[Any]) -> bool | None:
    values = [from_python(item) for item in items]
    if any(value is False for value in values):
        return False
    return True if all(value is True for value in values) else None


@define("any", "list...", nulls=False)
def _any(items: list[Any]) -> bool | None:
    values = [from_python(item) for item in items]
    if any(value is True for value in values):
        return True
    return False if all(value is False for value in values) else None
