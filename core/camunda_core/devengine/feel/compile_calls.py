"""Compilation of function calls (built-ins, special forms, user functions) and lambdas."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timezone
from typing import Any

from . import nodes as n
from .dispatch import Evaluator, compile_node, handles
from .errors import FeelEvaluationError
from .functions import BuiltinFunction, FeelFunction, Signature, bind_named, invoke_builtin
from .library import BUILTINS
from .properties import MISSING_PROPERTY, property_of
from .scope import MISSING, Scope


@handles(n.FunctionDefinition)
def _function_definition(node: n.FunctionDefinition) -> Evaluator:
    params, body = node.params, compile_node(node.body)
    return lambda scope: FeelFunction(params, body, scope)


@handles(n.Call)
def _call(node: n.Call) -> Evaluator:
    if not isinstance(node.callee, str):
        return _dynamic_call(compile_node(node.callee), node)
    name = node.callee
    if name in _SPECIAL_FORMS:
        return _SPECIAL_FORMS[name](node)
    builtin = BUILTINS.get(name)
    if builtin is not None:
        return _builtin_call(builtin, node)
    return _dynamic_call(_function_variable(name), node)


def _function_variable(name: str) -> Evaluator:
    def run(scope: Scope) -> Any:
        function = scope.lookup(name)
        if not isinstance(function, FeelFunction):
            raise FeelEvaluationError(f"no function found with name '{name}'")
        return function

    return run


def _dynamic_call(callee: Evaluator, node: n.Call) -> Evaluator:
    args = [compile_node(arg) for arg in node.args]
    named = [(key, compile_node(value)) for key, value in node.named or ()]

    def run(scope: Scope) -> Any:
        function = callee(scope)
        if not isinstance(function, FeelFunction):
            raise FeelEvaluationError(f"cannot invoke a value that is not a function: {function!r}")
        if named:
            return function.call_named({key: value(scope) for key, value in named})
        return function(*(arg(scope) for arg in args))

    return run


def _describe_signatures(builtin: BuiltinFunction) -> str:
    return " or ".join(f"{builtin.name}({', '.join(sig.params)})" for sig in builtin.signatures)


def _builtin_call(builtin: BuiltinFunction, node: n.Call) -> Evaluator:
    name = builtin.name
    if node.named is not None:
        keys = [key for key, _ in node.named]
        signature = builtin.for_names(keys)
        if signature is None:
            return _fail(f"no function '{name}' with parameters {keys}; expected "
                         f"{_describe_signatures(builtin)}")  # fmt: skip
        return _named_builtin_call(name, signature, node.named)
    signature = builtin.for_count(len(node.args))
    if signature is None:
        return _fail(f"no function '{name}' takes {len(node.args)} argument(s); expected "
                     f"{_describe_signatures(builtin)}")  # fmt: skip
    args = [compile_node(arg) for arg in node.args]
    sig: Signature = signature
    return lambda scope: invoke_builtin(name, sig, [arg(scope) for arg in args])


def _named_builtin_call(
    name: str, signature: Signature, named: tuple[tuple[str, n.Node], ...]
) -> Evaluator:
    compiled = [(key, compile_node(value)) for key, value in named]

    def run(scope: Scope) -> Any:
        values = {key: value(scope) for key, value in compiled}
        return invoke_builtin(name, signature, bind_named(signature, values))

    return run


def _fail(reason: str) -> Evaluator:
    def run(scope: Scope) -> Any:
        raise FeelEvaluationError(reason)

    return run


# ---- special forms: they need the scope itself or the engine clock


def _defined(node: n.Node) -> Evaluator:
    if isinstance(node, n.Name):
        name = node.name
        return lambda scope: scope.lookup(name) is not MISSING
    if isinstance(node, n.Path):
        target, member = compile_node(node.target), node.member
        return lambda scope: _has_member(target(scope), member)
    value = compile_node(node)

    def run(scope: Scope) -> bool:
        value(scope)  # still evaluated for its errors; any value, null included, is defined
        return True

    return run


def _has_member(value: Any, member: str) -> bool:
    if isinstance(value, Mapping):
        return member in value
    return value is not None and property_of(value, member) is not MISSING_PROPERTY


def _is_defined(node: n.Call) -> Evaluator:
    args = [value for _, value in node.named] if node.named else list(node.args)
    if len(args) != 1:
        return _fail(
            f"no function 'is defined' takes {len(args)} argument(s); expected is defined(value)"
        )
    return _defined(args[0])


def current_time(scope: Scope) -> datetime:
    moment = scope.clock()
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def _now(node: n.Call) -> Evaluator:
    if node.args or node.named:
        return _fail("no function 'now' takes arguments; expected now()")
    return current_time


def _today(node: n.Call) -> Evaluator:
    if node.args or node.named:
        return _fail("no function 'today' takes arguments; expected today()")

    def run(scope: Scope) -> date:
        return current_time(scope).date()

    return run


_SPECIAL_FORMS = {"is defined": _is_defined, "now": _now, "today": _today}
