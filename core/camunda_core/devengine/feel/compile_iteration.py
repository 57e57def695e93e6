"""Compilation of ``for``, ``some`` and ``every``: iteration over lists and number ranges."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from . import nodes as n
from .dispatch import Evaluator, compile_node, handles
from .errors import FeelEvaluationError
from .ranges import FeelRange
from .scope import Scope
from .values import from_python, to_number

MAX_RANGE_ITERATIONS = 1_000_000
"""A numeric range iteration longer than this is refused instead of running away."""


class _NotIterableError(Exception):
    """An iteration source is not a list or range: the whole expression is null."""


def _number_range(start: Any, end: Any, *, include_start: bool, include_end: bool) -> list[Any]:
    first, last = to_number(start), to_number(end)
    if first is None or last is None or not (_is_whole(first) and _is_whole(last)):
        raise _NotIterableError
    if abs(last - first) > MAX_RANGE_ITERATIONS:
        raise FeelEvaluationError(f"range {first}..{last} is too long to iterate")
    step = 1 if last >= first else -1
    values = [Decimal(i) for i in range(int(first), int(last) + step, step)]
    if not include_start:
        values = values[1:]
    if not include_end and values:
        values = values[:-1]
    return values


def _is_whole(number: Decimal) -> bool:
    return number == number.to_integral_value()


class _Iteration:
    __slots__ = ("end", "name", "source")

    def __init__(self, node: n.Iteration) -> None:
        self.name = node.name
        self.source = compile_node(node.source)
        self.end = None if node.end is None else compile_node(node.end)

    def values(self, scope: Scope) -> list[Any]:
        source = self.source(scope)
        if self.end is not None:
            return _number_range(source, self.end(scope), include_start=True, include_end=True)
        if isinstance(source, FeelRange):
            return _number_range(
                source.start,
                source.end,
                include_start=source.start_closed,
                include_end=source.end_closed,
            )
        if isinstance(source, (list, tuple)):
            return [from_python(item) for item in source]
        raise _NotIterableError


def _scopes(iterations: list[_Iteration], scope: Scope, index: int = 0) -> Iterator[Scope]:
    """Every combination of iteration values (later iterations may use earlier names)."""
    if index == len(iterations):
        yield scope
        return
    iteration = iterations[index]
    for value in iteration.values(scope):
        yield from _scopes(iterations, scope.child({iteration.name: value}), index + 1)


@handles(n.For)
def _for(node: n.For) -> Evaluator:
    iterations = [_Iteration(it) for it in node.iterations]
    body = compile_node(node.body)

    def run(scope: Scope) -> list[Any] | None:
        results: list[Any] = []
        partial = {"partial": results}
        try:
            for inner in _scopes(iterations, scope):
                results.append(body(inner.child(partial)))
        except _NotIterableError:
            return None
        return results

    return run


@handles(n.Quantified)
def _quantified(node: n.Quantified) -> Evaluator:
    iterations = [_Iteration(it) for it in node.iterations]
    condition = compile_node(node.condition)
    every = node.every

    def run(scope: Scope) -> bool | None:
        try:
            if every:
                return all(condition(inner) is True for inner in _scopes(iterations, scope))
            return any(condition(inner) is True for inner in _scopes(iterations, scope))
        except _NotIterableError:
            return None

    return run
