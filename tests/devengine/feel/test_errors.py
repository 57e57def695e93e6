"""Syntax errors say what and where; evaluation errors say which expression failed."""

from __future__ import annotations

import pytest

from camunda_core.devengine.feel import (
    FeelError,
    FeelEvaluationError,
    FeelSyntaxError,
    compile_expression,
    evaluate,
)
from camunda_core.errors import CamundaError


@pytest.mark.parametrize(
    ("source", "reason", "column", "token"),
    [
        ("a +", "unexpected end of expression", 4, "end of input"),
        ("a + )", "unexpected token", 5, ")"),
        ("(1 + 2", "expected ')'", 7, "end of input"),
        ("if a then b", "expected 'else'", 12, "end of input"),
        ("for x in xs", "expected 'return'", 12, "end of input"),
        ('"open', "unterminated string literal", 1, '"open'),
        ("a # b", "unexpected character", 3, "#"),
        ("[1, 2", "expected ']'", 6, "end of input"),
        ("{a 1}", "expected ':'", 4, "1"),
        ("1 2", "unexpected token", 3, "2"),
        ("x instance of thing", "unknown type", 15, "thing"),
        ('@"nonsense"', "invalid temporal literal", 1, '@"nonsense"'),
        ("then", "unexpected keyword", 1, "then"),
        ("f(a: 1, 2)", "expected a named argument ('name: value')", 9, "2"),
        ("[1..5", "expected ']', ')' or '[' to close the range", 6, "end of input"),
    ],
)
def test_syntax_errors_name_the_position_and_token(
    source: str, reason: str, column: int, token: str
) -> None:
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression(source)
    error = caught.value
    assert error.reason == reason
    assert (error.line, error.column, error.token) == (1, column, token)
    assert f"line 1, column {column}" in str(error)
    assert repr(source) in str(error)


def test_syntax_error_positions_count_lines() -> None:
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression("{\n  a: 1,\n  b: )\n}")
    assert (caught.value.line, caught.value.column) == (3, 6)


def test_evaluation_errors_name_the_expression() -> None:
    with pytest.raises(FeelEvaluationError) as caught:
        evaluate("total / count", {"total": 1, "count": 0})
    assert caught.value.expression == "total / count"
    assert caught.value.reason == "division by zero"
    assert str(caught.value) == "failed to evaluate 'total / count': division by zero"


def test_errors_belong_to_the_package_exception_tree() -> None:
    assert issubclass(FeelSyntaxError, FeelError)
    assert issubclass(FeelEvaluationError, FeelError)
    assert issubclass(FeelError, CamundaError)


def test_runaway_recursion_is_an_evaluation_error() -> None:
    with pytest.raises(FeelEvaluationError, match="too deeply"):
        evaluate("{f: function(n) f(n + 1), r: f(1)}.r", {})


def test_huge_ranges_are_refused() -> None:
    with pytest.raises(FeelEvaluationError, match="too long to iterate"):
        evaluate("for i in 1..100000000 return i", {})


def test_absurdly_deep_nesting_is_a_syntax_error() -> None:
    with pytest.raises(FeelSyntaxError, match="nests too deeply"):
        compile_expression("(" * 5000 + "1" + ")" * 5000)


def test_moderate_nesting_is_fine() -> None:
    assert evaluate("(" * 50 + "1" + ")" * 50, {}) == 1
