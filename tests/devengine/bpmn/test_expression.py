"""Zeebe's static-or-FEEL rule for attribute values."""

from __future__ import annotations

import pytest

from camunda_core.devengine.bpmn import Expression


@pytest.mark.parametrize(
    ("raw", "source", "is_feel"),
    [
        ("payment", "payment", False),
        ("=concat(a, b)", "concat(a, b)", True),
        ("= orderId ", "orderId", True),
        ("=", "=", False),
        (" =x", " =x", False),
        ("", "", False),
        ('="a" + "=b"', '"a" + "=b"', True),
    ],
)
def test_parse(raw: str, source: str, is_feel: bool) -> None:
    assert Expression.parse(raw) == Expression(source, is_feel)


def test_str_gives_back_the_attribute_form() -> None:
    assert str(Expression.parse("= a + 1")) == "=a + 1"
    assert str(Expression.static("=not feel")) == "=not feel"
    assert Expression.static("=x").is_static


def test_static_list() -> None:
    assert Expression.static("sales, accounting,,  ops ").static_list() == (
        "sales",
        "accounting",
        "ops",
    )
    with pytest.raises(ValueError, match="FEEL"):
        Expression.feel("groups").static_list()


def test_expressions_are_hashable_values() -> None:
    assert {Expression.feel("x"), Expression.parse("=x")} == {Expression("x", True)}
