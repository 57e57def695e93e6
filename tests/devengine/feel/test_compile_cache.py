"""Compiled expressions are cached by source and can be evaluated many times."""

from __future__ import annotations

from decimal import Decimal

from camunda_core.devengine.feel import compile_expression, evaluate
from camunda_core.devengine.feel.expression import CACHE_SIZE


def test_compile_expression_is_cached_by_source() -> None:
    first = compile_expression("amount > 100")
    assert compile_expression("amount > 100") is first
    assert first.source == "amount > 100"
    assert repr(first) == "FeelExpression('amount > 100')"


def test_the_cache_is_bounded() -> None:
    info = compile_expression.cache_info()  # type: ignore[attr-defined]
    assert info.maxsize == CACHE_SIZE


def test_one_expression_evaluates_against_many_contexts() -> None:
    expression = compile_expression("amount > 100")
    results = [expression.evaluate({"amount": amount}) for amount in (50, 100, 150, None)]
    assert results == [False, False, True, None]


def test_evaluate_does_not_modify_the_context() -> None:
    context = {"x": 1, "xs": [1, 2]}
    evaluate("{y: x + 1, z: for i in xs return i}", context)
    assert context == {"x": 1, "xs": [1, 2]}


def test_contexts_can_be_any_mapping() -> None:
    class Variables(dict[str, object]):
        pass

    assert evaluate("a + 1", Variables(a=Decimal(1))) == Decimal(2)
