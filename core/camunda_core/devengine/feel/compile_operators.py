"""Compilation of operators: arithmetic, comparisons, three-valued logic, if, instance of."""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from . import arithmetic, comparison
from . import nodes as n
from .dispatch import Evaluator, compile_node, handles
from .scope import Scope
from .values import type_name

_ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": arithmetic.add,
    "-": arithmetic.subtract,
    "*": arithmetic.multiply,
    "/": arithmetic.divide,
    "**": arithmetic.power,
}
_ORDERING: dict[str, tuple[Callable[[Any, Any], bool], Callable[[Any, Any], bool | None]]] = {
    "<": (operator.lt, comparison.less_than),
    "<=": (operator.le, comparison.less_or_equal),
    ">": (operator.gt, comparison.greater_than),
    ">=": (operator.ge, comparison.greater_or_equal),
}


@handles(n.Arithmetic)
def _arithmetic(node: n.Arithmetic) -> Evaluator:
    apply = _ARITHMETIC[node.op]
    left, right = compile_node(node.left), compile_node(node.right)
    return lambda scope: apply(left(scope), right(scope))


@handles(n.Negation)
def _negation(node: n.Negation) -> Evaluator:
    operand = compile_node(node.operand)
    return lambda scope: arithmetic.negate(operand(scope))


@handles(n.Comparison)
def _comparison(node: n.Comparison) -> Evaluator:
    left, right = compile_node(node.left), compile_node(node.right)
    if node.op in ("=", "!="):
        check = comparison.equal if node.op == "=" else comparison.not_equal
        return lambda scope: check(left(scope), right(scope))
    fast, general = _ORDERING[node.op]

    def run(scope: Scope) -> bool | None:
        a, b = left(scope), right(scope)
        if type(a) is Decimal and type(b) is Decimal:
            return fast(a, b)
        return general(a, b)

    return run


@handles(n.Conjunction)
def _conjunction(node: n.Conjunction) -> Evaluator:
    left, right = compile_node(node.left), compile_node(node.right)

    def run(scope: Scope) -> bool | None:
        a = left(scope)
        if a is False:
            return False
        b = right(scope)
        if b is False:
            return False
        return True if a is True and b is True else None

    return run


@handles(n.Disjunction)
def _disjunction(node: n.Disjunction) -> Evaluator:
    left, right = compile_node(node.left), compile_node(node.right)

    def run(scope: Scope) -> bool | None:
        a = left(scope)
        if a is True:
            return True
        b = right(scope)
        if b is True:
            return True
        return False if a is False and b is False else None

    return run


@handles(n.Between)
def _between(node: n.Between) -> Evaluator:
    value, low, high = compile_node(node.value), compile_node(node.low), compile_node(node.high)

    def run(scope: Scope) -> bool | None:
        subject = value(scope)
        above = comparison.greater_or_equal(subject, low(scope))
        below = comparison.less_or_equal(subject, high(scope))
        if above is False or below is False:
            return False
        return True if above and below else None

    return run


@handles(n.InstanceOf)
def _instance_of(node: n.InstanceOf) -> Evaluator:
    value, expected = compile_node(node.value), node.type_name
    if expected == "Any":
        return lambda scope: value(scope) is not None
    if expected in ("Null", "null"):
        return lambda scope: value(scope) is None
    return lambda scope: type_name(value(scope)) == expected


@handles(n.If)
def _if(node: n.If) -> Evaluator:
    condition = compile_node(node.condition)
    then, otherwise = compile_node(node.then), compile_node(node.otherwise)
    return lambda scope: then(scope) if condition(scope) is True else otherwise(scope)
