"""Compiled FEEL expressions and unary tests, cached by source text.

The engine evaluates the same conditions and mappings over and over, so each source string
is parsed and compiled once (bounded LRU) and evaluation only runs the closures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from . import nodes as n
from .compile_tests import any_of
from .compiler import Evaluator, TestEvaluator, compile_node
from .errors import FeelEvaluationError, FeelSyntaxError
from .parser import parse_expression
from .scope import Scope
from .unary_parser import parse_unary_tests
from .values import from_python

CACHE_SIZE = 4096
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The default clock: the real time in UTC."""
    return datetime.now(timezone.utc)


def _run(source: str, action: Callable[[], Any]) -> Any:
    try:
        return action()
    except FeelEvaluationError as exc:
        if exc.expression is not None:
            raise
        raise FeelEvaluationError(exc.reason, source) from exc
    except RecursionError as exc:
        raise FeelEvaluationError("expression nests or recurses too deeply", source) from exc


class FeelExpression:
    """A compiled expression; :meth:`evaluate` may be called any number of times."""

    __slots__ = ("_evaluator", "source")

    def __init__(self, source: str, evaluator: Evaluator) -> None:
        self.source = source
        self._evaluator = evaluator

    def evaluate(self, context: Mapping[str, Any], *, now: Clock | None = None) -> Any:
        """The value of the expression with ``context`` as variables.

        Missing variables and null operands give null; unknown functions, bad built-in
        arguments and division by zero raise FeelEvaluationError.
        """
        scope = Scope(context, None, now or utc_now)
        return _run(self.source, lambda: self._evaluator(scope))

    def __repr__(self) -> str:
        return f"FeelExpression({self.source!r})"


class FeelUnaryTests:
    """Compiled unary tests (a DMN input entry) matched against an input value."""

    __slots__ = ("_test", "source")

    def __init__(self, source: str, test: TestEvaluator) -> None:
        self.source = source
        self._test = test

    def matches(self, value: Any, context: Mapping[str, Any], *, now: Clock | None = None) -> bool:
        """True when the input ``value`` satisfies the tests (``?`` is bound to it)."""
        input_value = from_python(value)
        clock = now or utc_now
        scope = Scope({"?": input_value}, Scope(context, None, clock), clock)
        return _run(self.source, lambda: self._test(scope, input_value)) is True

    def __repr__(self) -> str:
        return f"FeelUnaryTests({self.source!r})"


def _too_deep(source: str) -> FeelSyntaxError:
    return FeelSyntaxError("expression nests too deeply", source)


@lru_cache(maxsize=CACHE_SIZE)
def compile_expression(source: str) -> FeelExpression:
    """Parse and compile ``source`` (cached); raises FeelSyntaxError."""
    try:
        return FeelExpression(source, compile_node(parse_expression(source)))
    except RecursionError:
        raise _too_deep(source) from None


@lru_cache(maxsize=CACHE_SIZE)
def compile_unary_tests(source: str) -> FeelUnaryTests:
    """Parse and compile DMN unary tests (cached); raises FeelSyntaxError."""
    try:
        tests: tuple[n.Node, ...] = parse_unary_tests(source)
        return FeelUnaryTests(source, any_of(tests))
    except RecursionError:
        raise _too_deep(source) from None


def evaluate(source: str, context: Mapping[str, Any], *, now: Clock | None = None) -> Any:
    """Compile (cached) and evaluate ``source`` in one call."""
    return compile_expression(source).evaluate(context, now=now)
