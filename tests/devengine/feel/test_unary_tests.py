"""Unary tests, the grammar of DMN input entries."""

from __future__ import annotations

from typing import Any

import pytest

from camunda_core.devengine.feel import (
    FeelEvaluationError,
    FeelSyntaxError,
    compile_unary_tests,
)

CONTEXT = {"limit": 10, "allowed": ["a", "b"], "flag": True}


@pytest.mark.parametrize(
    ("tests", "value", "expected"),
    [
        ("-", 5, True),
        ("-", None, True),
        ("", "anything", True),
        ("   ", 1, True),
        ('"valid"', "valid", True),
        ('"valid"', "invalid", False),
        ('"a","b"', "b", True),
        ('"a", "b"', "c", False),
        ("5", 5, True),
        ("5", 5.0, True),
        ("5", "5", False),
        ("< 10", 5, True),
        ("< 10", 10, False),
        ("<= 10", 10, True),
        ("> 10", 10, False),
        (">= 10", 10, True),
        (">=90", 95, True),
        ("< limit", 9, True),
        ("< limit", None, False),
        ("> 10", "eleven", False),
        ("[1..10]", 10, True),
        ("(1..10]", 1, False),
        ("]1..10[", 10, False),
        ("[1..10)", 10, False),
        ("< 5, > 10", 11, True),
        ("< 5, > 10", 7, False),
        ("not(5)", 5, False),
        ("not(5)", 6, True),
        ('not("a", "b")', "c", True),
        ('not("a", "b")', "a", False),
        ("not([1..5])", 7, True),
        ("not(< 5)", 4, False),
        ("not(< 5)", None, False),
        ("null", None, True),
        ("null", 1, False),
        ("true", True, True),
        ("true", False, False),
        ("false", False, True),
        ("false", True, False),
        ("true", None, False),
        ("false", None, False),
        ("flag", True, True),
        ("flag", False, True),
        ("flag = ?", False, False),
        ("allowed", "a", True),
        ("allowed", "c", False),
        ('["x", "y"]', "y", True),
        ("limit", 10, True),
        ("limit", 11, False),
        ("? > 5", 6, True),
        ("? > 5", 4, False),
        ("? > 5 and ? < 10", 7, True),
        ('starts with(?, "foo")', "foobar", True),
        ('starts with(?, "foo")', None, False),
        ("string length(?) > 3", "abcd", True),
        ("limit > 5", 1, True),
        ('< date("2020-01-01")', "2019-06-01", False),
        ('= "x"', "x", True),
        ('!= "x"', "x", False),
        ('!= "x"', "y", True),
    ],
)
def test_unary_tests(tests: str, value: Any, expected: bool) -> None:
    assert compile_unary_tests(tests).matches(value, CONTEXT) is expected


def test_temporal_unary_tests(raw_feel: Any) -> None:
    day = raw_feel('date("2019-06-01")')
    assert compile_unary_tests('< date("2020-01-01")').matches(day, {}) is True
    assert compile_unary_tests('[date("2019-01-01")..date("2019-12-31")]').matches(day, {})
    assert compile_unary_tests('<= duration("P1D")').matches(raw_feel('duration("PT12H")'), {})


def test_now_in_unary_tests_uses_the_given_clock(fixed_now: Any) -> None:
    tests = compile_unary_tests("< now()")
    assert tests.matches(fixed_now, {}, now=lambda: fixed_now) is False


@pytest.mark.parametrize("tests", ["< ", "[1..", '"a",', "not(", "< 5 5"])
def test_invalid_unary_tests_raise_syntax_errors(tests: str) -> None:
    with pytest.raises(FeelSyntaxError):
        compile_unary_tests(tests)


def test_errors_inside_unary_tests_raise() -> None:
    with pytest.raises(FeelEvaluationError, match="division by zero"):
        compile_unary_tests("< 1 / 0").matches(1, {})


def test_unary_tests_are_cached() -> None:
    assert compile_unary_tests("< 42") is compile_unary_tests("< 42")
    assert compile_unary_tests("< 42").source == "< 42"
