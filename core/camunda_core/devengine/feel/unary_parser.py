"""Parser for unary tests, the grammar of DMN input entries (``< 5``, ``"a","b"``, ``not(1)``)."""

from __future__ import annotations

from . import nodes as n
from .errors import FeelSyntaxError
from .lexer import EOF
from .parser import ExpressionParser


def parse_unary_tests(source: str) -> tuple[n.Node, ...]:
    """The tests of an input entry; the entry matches when any of them matches."""
    text = source.strip()
    if not text or text == "-":
        return (n.AnyTest(),)
    parser = ExpressionParser(source)
    stream = parser.stream
    if stream.at_keyword("not") and stream.at_op("(", 1):
        negated = _negation(parser)
        if negated is not None:
            return (negated,)
    tests = _positive_tests(parser)
    stream.expect_end()
    return tests


def _negation(parser: ExpressionParser) -> n.Node | None:
    """``not(tests)`` spanning the whole entry, or None (then it was a ``not()`` call)."""
    stream = parser.stream
    saved = stream.index
    stream.advance()
    stream.advance()
    try:
        tests = _positive_tests(parser)
    except FeelSyntaxError:
        tests = None
    if tests is not None and stream.at_op(")") and stream.ahead(1).kind == EOF:
        stream.advance()
        return n.NotTests(tests)
    stream.index = saved
    return None


def _positive_tests(parser: ExpressionParser) -> tuple[n.Node, ...]:
    tests = [parser.positive_test(full=True)]
    while parser.stream.at_op(","):
        parser.stream.advance()
        tests.append(parser.positive_test(full=True))
    return tuple(tests)
