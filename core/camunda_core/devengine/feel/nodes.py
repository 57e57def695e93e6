"""The FEEL syntax tree: what the parser produces and the compiler turns into closures."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


class Node:
    """Base class of every syntax tree node."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Literal(Node):
    value: Any


@dataclass(frozen=True, slots=True)
class Name(Node):
    name: str


@dataclass(frozen=True, slots=True)
class InputValue(Node):
    """The ``?`` of a unary test: the value of the decision table input."""


@dataclass(frozen=True, slots=True)
class Path(Node):
    target: Node
    member: str


@dataclass(frozen=True, slots=True)
class Filter(Node):
    target: Node
    condition: Node


@dataclass(frozen=True, slots=True)
class Call(Node):
    """A function invocation; ``callee`` is a function name or an expression giving a function."""

    callee: str | Node
    args: tuple[Node, ...]
    named: tuple[tuple[str, Node], ...] | None
    position: int


@dataclass(frozen=True, slots=True)
class ListLiteral(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class ContextLiteral(Node):
    entries: tuple[tuple[str, Node], ...]


@dataclass(frozen=True, slots=True)
class RangeLiteral(Node):
    start: Node
    end: Node
    start_closed: bool
    end_closed: bool


@dataclass(frozen=True, slots=True)
class Arithmetic(Node):
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Negation(Node):
    operand: Node


@dataclass(frozen=True, slots=True)
class Comparison(Node):
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Conjunction(Node):
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Disjunction(Node):
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Between(Node):
    value: Node
    low: Node
    high: Node


@dataclass(frozen=True, slots=True)
class In(Node):
    value: Node
    tests: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class InstanceOf(Node):
    value: Node
    type_name: str


@dataclass(frozen=True, slots=True)
class If(Node):
    condition: Node
    then: Node
    otherwise: Node


@dataclass(frozen=True, slots=True)
class Iteration(Node):
    """``name in source`` or ``name in source..end`` of a for/some/every expression."""

    name: str
    source: Node
    end: Node | None


@dataclass(frozen=True, slots=True)
class For(Node):
    iterations: tuple[Iteration, ...]
    body: Node


@dataclass(frozen=True, slots=True)
class Quantified(Node):
    every: bool
    iterations: tuple[Iteration, ...]
    condition: Node


@dataclass(frozen=True, slots=True)
class FunctionDefinition(Node):
    params: tuple[str, ...]
    body: Node


# ---- unary tests (DMN input entries and the right-hand side of ``in``)


@dataclass(frozen=True, slots=True)
class CompareTest(Node):
    """``< 5``, ``>= x``, ``= "a"``: the input is the implicit left operand."""

    op: str
    operand: Node


@dataclass(frozen=True, slots=True)
class ExpressionTest(Node):
    """A plain expression used as a test: equality, list membership, range or a ``?`` condition."""

    expression: Node
    uses_input: bool


@dataclass(frozen=True, slots=True)
class NotTests(Node):
    tests: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AnyTest(Node):
    """``-`` or an empty entry: matches every input."""


def uses_input_value(node: Node) -> bool:
    """Whether ``?`` appears anywhere below ``node``."""
    if isinstance(node, InputValue):
        return True
    fields = dataclasses.fields(node)  # type: ignore[arg-type]
    return any(_contains_input(getattr(node, field.name)) for field in fields)


def _contains_input(value: object) -> bool:
    if isinstance(value, Node):
        return uses_input_value(value)
    if isinstance(value, tuple):
        return any(_contains_input(item) for item in value)
    return False
