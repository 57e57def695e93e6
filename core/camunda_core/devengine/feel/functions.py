"""Function values: built-in signatures with argument binding, and user-defined lambdas.

A built-in is a name with one or more signatures. Parameter specs are names; a trailing ``?``
marks an optional parameter and a trailing ``...`` a variadic one (it receives a list).
Unless a signature says otherwise, a null argument makes the call return null.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .errors import FeelEvaluationError
from .values import describe

Impl = Callable[..., Any]


class ArgumentError(Exception):
    """Raised by a built-in for a wrong argument; becomes a FeelEvaluationError naming it."""


@dataclass(frozen=True, slots=True)
class Signature:
    """One way of calling a built-in."""

    params: tuple[str, ...]
    required: int
    variadic: bool
    impl: Impl
    null_propagation: bool
    unwrap_list: bool

    def accepts_count(self, count: int) -> bool:
        if self.variadic:
            return count >= len(self.params) - 1
        return self.required <= count <= len(self.params)

    def accepts_names(self, names: Sequence[str]) -> bool:
        given = set(names)
        return given <= set(self.params) and set(self.params[: self.required]) <= given


@dataclass(slots=True)
class BuiltinFunction:
    """A named built-in; picks the signature matching how it is called."""

    name: str
    signatures: list[Signature] = field(default_factory=list)

    def for_count(self, count: int) -> Signature | None:
        return next((sig for sig in self.signatures if sig.accepts_count(count)), None)

    def for_names(self, names: Sequence[str]) -> Signature | None:
        return next((sig for sig in self.signatures if sig.accepts_names(names)), None)


def invoke_builtin(name: str, signature: Signature, args: list[Any]) -> Any:
    """Call ``signature`` with positional FEEL values, applying null propagation."""
    if signature.variadic:
        fixed = len(signature.params) - 1
        rest = args[fixed:]
        if signature.unwrap_list and len(rest) == 1 and isinstance(rest[0], (list, tuple)):
            rest = list(rest[0])
        elif signature.null_propagation and len(rest) == 1 and rest[0] is None:
            return None
        args = [*args[:fixed], rest]
        checked = args[:fixed]
    else:
        checked = args
    if signature.null_propagation and any(arg is None for arg in checked):
        return None
    try:
        return signature.impl(*args)
    except ArgumentError as exc:
        raise FeelEvaluationError(f"{name}(): {exc}") from None


def bind_named(signature: Signature, named: Mapping[str, Any]) -> list[Any]:
    """Named arguments in parameter order; trailing omitted optionals are left out."""
    present = [p for p in signature.params if p in named]
    last = signature.params.index(present[-1]) + 1 if present else 0
    return [named.get(p) for p in signature.params[:last]]


class FunctionTable:
    """Collects built-ins of one family; ``define`` is used as a decorator."""

    def __init__(self) -> None:
        self.functions: dict[str, BuiltinFunction] = {}

    def define(
        self, name: str, *params: str, nulls: bool = True, unwrap: bool = True
    ) -> Callable[[Impl], Impl]:
        variadic = bool(params) and params[-1].endswith("...")
        names = tuple(p.rstrip("?").removesuffix("...") for p in params)
        required = sum(1 for p in params if not p.endswith(("?", "...")))

        def register(impl: Impl) -> Impl:
            signature = Signature(names, required, variadic, impl, nulls, unwrap)
            self.functions.setdefault(name, BuiltinFunction(name)).signatures.append(signature)
            return impl

        return register


# ---- argument checks used by the built-in families


def want_str(param: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ArgumentError(f"parameter '{param}' expects a string but got {describe(value)}")
    return value


def want_list(param: str, value: Any) -> list[Any]:
    if not isinstance(value, (list, tuple)):
        raise ArgumentError(f"parameter '{param}' expects a list but got {describe(value)}")
    return list(value)


def want_bool(param: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ArgumentError(f"parameter '{param}' expects a boolean but got {describe(value)}")
    return value


def want_context(param: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ArgumentError(f"parameter '{param}' expects a context but got {describe(value)}")
    return value


class FeelFunction:
    """A user-defined ``function(a, b) a + b``: parameters, compiled body, captured scope."""

    feel_kind: ClassVar[str] = "function"
    __slots__ = ("body", "params", "scope")

    def __init__(self, params: tuple[str, ...], body: Callable[[Any], Any], scope: Any) -> None:
        self.params = params
        self.body = body
        self.scope = scope

    def __call__(self, *args: Any) -> Any:
        if len(args) != len(self.params):
            raise FeelEvaluationError(
                f"function expects {len(self.params)} argument(s) but got {len(args)}"
            )
        return self.body(self.scope.child(dict(zip(self.params, args, strict=True))))

    def call_named(self, named: Mapping[str, Any]) -> Any:
        unknown = set(named) - set(self.params)
        if unknown:
            raise FeelEvaluationError(f"function has no parameter(s) {sorted(unknown)}")
        return self(*(named.get(p) for p in self.params))

    def __repr__(self) -> str:
        return f"function({', '.join(self.params)})"
