"""Compilation of unary tests (DMN input entries) and of the ``in`` operator that uses them.

A plain expression used as a test matches when it equals the input, contains it (list or
range), uses ``?`` and is true, or evaluates to ``true`` whatever the input (as in feel-scala;
the literals ``true``/``false`` are parsed as comparisons with the input instead).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import comparison
from . import nodes as n
from .builtins_list import contains_value
from .dispatch import Evaluator, TestEvaluator, compile_node, compile_test, handles, handles_test
from .ranges import FeelRange
from .scope import Scope

_COMPARE_TESTS = {
    "=": comparison.equal,
    "!=": comparison.not_equal,
    "<": comparison.less_than,
    "<=": comparison.less_or_equal,
    ">": comparison.greater_than,
    ">=": comparison.greater_or_equal,
}


@handles_test(n.AnyTest)
def _any_test(node: n.AnyTest) -> TestEvaluator:
    return lambda scope, value: True


@handles_test(n.CompareTest)
def _compare_test(node: n.CompareTest) -> TestEvaluator:
    check, operand = _COMPARE_TESTS[node.op], compile_node(node.operand)
    return lambda scope, value: check(value, operand(scope))


def match_value(value: Any, expected: Any) -> bool | None:
    """Does the input ``value`` satisfy a test whose expression evaluated to ``expected``?"""
    if isinstance(expected, FeelRange):
        return expected.contains(value)
    if expected is True:
        return True
    same = comparison.equal(value, expected)
    if same is True:
        return True
    if isinstance(expected, list):
        return contains_value(expected, value)
    if expected is False:
        return False
    return same


@handles_test(n.ExpressionTest)
def _expression_test(node: n.ExpressionTest) -> TestEvaluator:
    expression = compile_node(node.expression)
    if not node.uses_input:
        return lambda scope, value: match_value(value, expression(scope))

    def run(scope: Scope, value: Any) -> bool | None:
        result = expression(scope.child({"?": value}))
        return result if isinstance(result, bool) else None

    return run


@handles_test(n.NotTests)
def _not_tests(node: n.NotTests) -> TestEvaluator:
    inner = any_of(node.tests)

    def run(scope: Scope, value: Any) -> bool | None:
        result = inner(scope, value)
        return None if result is None else not result

    return run


def any_of(tests: Sequence[n.Node]) -> TestEvaluator:
    """Disjunction of tests: true if one is true, null if none is but one was null."""
    compiled = [compile_test(test) for test in tests]
    if len(compiled) == 1:
        return compiled[0]

    def run(scope: Scope, value: Any) -> bool | None:
        saw_null = False
        for test in compiled:
            result = test(scope, value)
            if result is True:
                return True
            saw_null = saw_null or result is None
        return None if saw_null else False

    return run


@handles(n.In)
def _in(node: n.In) -> Evaluator:
    value, test = compile_node(node.value), any_of(node.tests)
    return lambda scope: test(scope, value(scope))
