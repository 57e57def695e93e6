"""Registry mapping syntax tree node types to the functions that compile them to closures.

The compiler is split over several modules; each registers its node types here with
``@handles``, which keeps the modules free of import cycles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .nodes import Node
from .scope import Scope

Evaluator = Callable[[Scope], Any]
"""A compiled expression: give it a scope, get the FEEL value."""

TestEvaluator = Callable[[Scope, Any], "bool | None"]
"""A compiled unary test: give it a scope and the input value, get true/false/null."""

_N = TypeVar("_N", bound=Node)
_HANDLERS: dict[type[Node], Callable[[Any], Evaluator]] = {}
_TEST_HANDLERS: dict[type[Node], Callable[[Any], TestEvaluator]] = {}


def handles(
    node_type: type[_N],
) -> Callable[[Callable[[_N], Evaluator]], Callable[[_N], Evaluator]]:
    def register(compiler: Callable[[_N], Evaluator]) -> Callable[[_N], Evaluator]:
        _HANDLERS[node_type] = compiler
        return compiler

    return register


def handles_test(
    node_type: type[_N],
) -> Callable[[Callable[[_N], TestEvaluator]], Callable[[_N], TestEvaluator]]:
    def register(compiler: Callable[[_N], TestEvaluator]) -> Callable[[_N], TestEvaluator]:
        _TEST_HANDLERS[node_type] = compiler
        return compiler

    return register


def compile_node(node: Node) -> Evaluator:
    """Compile an expression node (every compiler module must have been imported)."""
    return _HANDLERS[type(node)](node)


def compile_test(node: Node) -> TestEvaluator:
    """Compile a unary test node."""
    return _TEST_HANDLERS[type(node)](node)
