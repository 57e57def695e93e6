"""String built-ins."""

from __future__ import annotations

import re
from typing import Any

import pytest

from camunda_core.devengine.feel import FeelEvaluationError


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('substring("foobar", 3)', "obar"),
        ('substring("foobar", 3, 3)', "oba"),
        ('substring("foobar", -2, 1)', "a"),
        ('substring("foobar", -10)', "foobar"),
        ('substring("foobar", 0)', None),
        ('substring(string: "foobar", start position: 2, length: 2)', "oo"),
        ('string length("foo")', 3),
        ('string length("")', 0),
        ('upper case("aBc4")', "ABC4"),
        ('lower case("aBc4")', "abc4"),
        ('substring before("foobar", "bar")', "foo"),
        ('substring before("foobar", "xyz")', ""),
        ('substring before("foobar", "foo")', ""),
        ('substring after("foobar", "ob")', "ar"),
        ('substring after("", "a")', ""),
        ('contains("foobar", "of")', False),
        ('contains("foobar", "ob")', True),
        ('starts with("foobar", "fo")', True),
        ('ends with("foobar", "r")', True),
        ('matches("foobar", "^fo*b")', True),
        ('matches("FooBar", "foo")', False),
        ('matches("FooBar", "foo", "i")', True),
        ('replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")', "[1=ab][2=]cd"),
        ('replace("a.b.c", ".", "-", "q")', "a-b-c"),
        ('replace("Abc", "a", "x", "i")', "xbc"),
        ('replace("price: 5", "\\d+", "\\$$0")', "price: $5"),
        ('split("John Doe", "\\s")', ["John", "Doe"]),
        ('split("a;b;c;;", ";")', ["a", "b", "c", "", ""]),
        ('string join(["a", "b", "c"])', "abc"),
        ('string join(["a", "b", "c"], ", ")', "a, b, c"),
        ('string join(["a", null, "c"], "-")', "a-c"),
        ('string join(["a", "b"], ", ", "[", "]")', "[a, b]"),
        ('string join([], ",")', ""),
        ('trim("  x y  ")', "x y"),
        ('extract("references are 1234, 1256, 1378", "12[0-9]*")', ["1234", "1256"]),
        ('is blank("  ")', True),
        ('is blank("a")', False),
        ("upper case(missing)", None),
        ("string length(null)", None),
    ],
)
def test_string_functions(feel: Any, source: str, expected: Any) -> None:
    assert feel(source) == expected


def test_uuid_is_random_and_well_formed(feel: Any) -> None:
    first, second = feel("uuid()"), feel("uuid()")
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", first)
    assert first != second


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("upper case(5)", r"upper case\(\): parameter 'string' expects a string but got number"),
        ('substring("abc", "1")', "expects a number"),
        ('matches("a", "(")', "invalid regular expression"),
        ('matches("a", "a", "z")', "unsupported regular expression flag"),
        ('string join(["a", 1])', "expects a string"),
        ('contains("abc")', r"no function 'contains' takes 1 argument\(s\)"),
        ('contains(string: "abc", text: "b")', "no function 'contains' with parameters"),
    ],
)
def test_wrong_arguments_raise(feel: Any, source: str, message: str) -> None:
    with pytest.raises(FeelEvaluationError, match=message):
        feel(source)
