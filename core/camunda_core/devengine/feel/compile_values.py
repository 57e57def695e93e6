"""Compilation of values and access: literals, names, paths, filters, lists, contexts, ranges."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from . import nodes as n
from .dispatch import Evaluator, compile_node, handles
from .errors import FeelEvaluationError
from .properties import MISSING_PROPERTY, property_of
from .ranges import FeelRange
from .scope import MISSING, Scope
from .values import float_to_decimal, from_python

# Filter conditions of these kinds are boolean; others might be a number (an index).
_BOOLEAN_NODES = (
    n.Comparison, n.Conjunction, n.Disjunction, n.Between, n.In, n.InstanceOf, n.Quantified,
)  # fmt: skip


@handles(n.Literal)
def _literal(node: n.Literal) -> Evaluator:
    value = node.value
    return lambda scope: value


@handles(n.Name)
def _name(node: n.Name) -> Evaluator:
    name = node.name

    def run(scope: Scope | None) -> Any:
        while scope is not None:
            value = scope.variables.get(name, MISSING)
            if value is not MISSING:
                kind = type(value)
                if kind is int:
                    return Decimal(value)
                if kind is float:
                    return float_to_decimal(value)
                return value
            scope = scope.parent
        return None

    return run


@handles(n.InputValue)
def _input_value(node: n.InputValue) -> Evaluator:
    return _name(n.Name("?"))


def member_of(value: Any, member: str) -> Any:
    """``value.member``: context entry, temporal property, or projection over a list."""
    if isinstance(value, Mapping):
        return from_python(value.get(member))
    if isinstance(value, list):
        return [member_of(from_python(item), member) for item in value]
    if value is None:
        return None
    found = property_of(value, member)
    return None if found is MISSING_PROPERTY else found


@handles(n.Path)
def _path(node: n.Path) -> Evaluator:
    target, member = compile_node(node.target), node.member
    return lambda scope: member_of(target(scope), member)


def item_at(items: list[Any], index: Any) -> Any:
    """1-based index, negative from the end; out of range is null."""
    position = int(index)
    if 0 < position <= len(items):
        return from_python(items[position - 1])
    if position < 0 and -position <= len(items):
        return from_python(items[position])
    return None


def _as_items(value: Any) -> list[Any]:
    return (
        value if isinstance(value, list) else list(value) if isinstance(value, tuple) else [value]
    )


def _filter_items(items: list[Any], condition: Evaluator, scope: Scope) -> list[Any]:
    kept: list[Any] = []
    for raw in items:
        item = from_python(raw)
        item_scope = scope.child({"item": item})
        if isinstance(item, Mapping):
            item_scope = item_scope.child(item)
        if condition(item_scope) is True:
            kept.append(item)
    return kept


@handles(n.Filter)
def _filter(node: n.Filter) -> Evaluator:
    target, condition = compile_node(node.target), compile_node(node.condition)
    literal = node.condition.value if isinstance(node.condition, n.Literal) else None
    if isinstance(literal, Decimal):
        return lambda scope: _index_or_none(target(scope), literal)
    if isinstance(node.condition, _BOOLEAN_NODES) or isinstance(literal, bool):
        return lambda scope: _filtered(target(scope), condition, scope)

    def run(scope: Scope) -> Any:
        value = target(scope)
        if value is None:
            return None
        try:
            probe = condition(scope)
        except FeelEvaluationError:  # e.g. a built-in fed the missing 'item': not an index
            probe = None
        if isinstance(probe, Decimal):
            return item_at(_as_items(value), probe)
        return _filter_items(_as_items(value), condition, scope)

    return run


def _index_or_none(value: Any, index: Decimal) -> Any:
    return None if value is None else item_at(_as_items(value), index)


def _filtered(value: Any, condition: Evaluator, scope: Scope) -> Any:
    return None if value is None else _filter_items(_as_items(value), condition, scope)


@handles(n.ListLiteral)
def _list(node: n.ListLiteral) -> Evaluator:
    items = [compile_node(item) for item in node.items]
    return lambda scope: [item(scope) for item in items]


@handles(n.ContextLiteral)
def _context(node: n.ContextLiteral) -> Evaluator:
    entries = [(key, compile_node(value)) for key, value in node.entries]

    def run(scope: Scope) -> dict[str, Any]:
        result: dict[str, Any] = {}
        inner = scope.child(result)  # later entries see earlier ones
        for key, value in entries:
            result[key] = value(inner)
        return result

    return run


@handles(n.RangeLiteral)
def _range(node: n.RangeLiteral) -> Evaluator:
    start, end = compile_node(node.start), compile_node(node.end)
    start_closed, end_closed = node.start_closed, node.end_closed
    return lambda scope: FeelRange(start(scope), end(scope), start_closed, end_closed)
