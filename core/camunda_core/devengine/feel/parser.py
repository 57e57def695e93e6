"""Recursive-descent parser for FEEL expressions (precedence climbing, one method per level)."""

from __future__ import annotations

from decimal import Decimal

from . import nodes as n
from .errors import FeelSyntaxError
from .lexer import NAME, NUMBER, OP, STRING, TEMPORAL
from .library import BUILTIN_NAMES
from .parser_compound import CompoundRules

KEYWORDS = frozenset(
    {
        "true", "false", "null", "if", "then", "else", "for", "in", "return", "some",
        "every", "satisfies", "and", "or", "between", "instance", "of", "function",
    }
)  # fmt: skip
COMPARISON_OPS = frozenset({"=", "!=", "<", "<=", ">", ">="})
TYPE_NAMES = frozenset(
    {
        "number", "string", "boolean", "date", "time", "date and time", "list", "context",
        "days and time duration", "years and months duration", "function", "range",
        "Any", "Null", "null",
    }
)  # fmt: skip
_CONTINUATION_OPS = frozenset({"+", "-", "*", "/", "**", ".", "[", "("})
_TWO_WORD_PROPERTIES = frozenset({("time", "offset"), ("start", "included"), ("end", "included")})


def _multi_word_index(names: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> candidate word sequences, longest first (for ``date and time(...)``)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        words = tuple(name.split(" "))
        if len(words) > 1:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


_FUNCTION_WORDS = _multi_word_index(BUILTIN_NAMES)
_TYPE_WORDS = _multi_word_index(TYPE_NAMES)


def parse_expression(source: str) -> n.Node:
    """Parse a complete FEEL expression; raises FeelSyntaxError."""
    parser = ExpressionParser(source)
    node = parser.expression()
    parser.stream.expect_end()
    return node


class ExpressionParser(CompoundRules):
    """Grammar rules from the loosest (``or``) to the tightest (primary values)."""

    def expression(self) -> n.Node:
        left = self.conjunction()
        while self.stream.at_keyword("or"):
            self.stream.advance()
            left = n.Disjunction(left, self.conjunction())
        return left

    def conjunction(self) -> n.Node:
        left = self.comparison()
        while self.stream.at_keyword("and"):
            self.stream.advance()
            left = n.Conjunction(left, self.comparison())
        return left

    def comparison(self) -> n.Node:
        s = self.stream
        left = self.additive()
        token = s.peek
        if token.kind == OP and token.value in COMPARISON_OPS:
            s.advance()
            return n.Comparison(token.value, left, self.additive())
        if s.at_keyword("between"):
            s.advance()
            low = self.additive()
            s.expect_keyword("and")
            return n.Between(left, low, self.additive())
        if s.at_keyword("in"):
            s.advance()
            return n.In(left, self.in_tests())
        if s.at_keyword("instance") and s.at_keyword("of", 1):
            s.advance()
            s.advance()
            return n.InstanceOf(left, self._type_name())
        return left

    def additive(self) -> n.Node:
        left = self.multiplicative()
        while self.stream.peek.kind == OP and self.stream.peek.value in ("+", "-"):
            op = self.stream.advance().value
            left = n.Arithmetic(op, left, self.multiplicative())
        return left

    def multiplicative(self) -> n.Node:
        left = self.exponent()
        while self.stream.peek.kind == OP and self.stream.peek.value in ("*", "/"):
            op = self.stream.advance().value
            left = n.Arithmetic(op, left, self.exponent())
        return left

    def exponent(self) -> n.Node:
        left = self.unary()
        while self.stream.at_op("**"):
            self.stream.advance()
            left = n.Arithmetic("**", left, self.unary())
        return left

    def unary(self) -> n.Node:
        if self.stream.at_op("-"):
            self.stream.advance()
            operand = self.unary()
            if isinstance(operand, n.Literal) and isinstance(operand.value, Decimal):
                return n.Literal(operand.value.copy_negate())
            return n.Negation(operand)
        return self.postfix()

    def postfix(self) -> n.Node:
        s = self.stream
        node = self.primary()
        while True:
            if s.at_op("."):
                s.advance()
                member = s.expect_name("a name after '.'").value
                if (member, s.peek.value) in _TWO_WORD_PROPERTIES and s.peek.kind == NAME:
                    member += " " + s.advance().value
                node = n.Path(node, member)
            elif s.at_op("[") and not self._in_range_end:
                s.advance()
                with self._nested():
                    condition = self.expression()
                s.expect_op("]")
                node = n.Filter(node, condition)
            elif s.at_op("(") and not isinstance(node, n.Name):
                position = s.advance().position
                args, named = self._arguments()
                node = n.Call(node, args, named, position)
            else:
                return node

    def primary(self) -> n.Node:
        s = self.stream
        token = s.peek
        if token.kind == NUMBER:
            s.advance()
            return n.Literal(Decimal(token.value))
        if token.kind == STRING:
            s.advance()
            return n.Literal(token.value)
        if token.kind == TEMPORAL:
            return self._temporal_literal()
        if token.kind == NAME:
            return self._name_or_keyword()
        if token.kind == OP:
            return self._bracketed(token.value)
        raise s.error("unexpected end of expression" if s.at_end() else "unexpected token")

    # ---- names, keywords and calls

    def _name_or_keyword(self) -> n.Node:
        s = self.stream
        token = s.peek
        if not token.quoted:
            words = self._match_words(_FUNCTION_WORDS, require_call=True)
            if words:
                return self._call(" ".join(words), len(words))
            if token.value in KEYWORDS:
                return self._keyword_expression()
        if s.at_op("(", 1):
            return self._call(token.value, 1)
        s.advance()
        return n.Name(token.value)

    def _keyword_expression(self) -> n.Node:
        s = self.stream
        word = s.peek.value
        if word in ("true", "false"):
            s.advance()
            return n.Literal(word == "true")
        if word == "null":
            s.advance()
            return n.Literal(None)
        if word == "if":
            return self._if()
        if word == "for":
            return self._for()
        if word in ("some", "every"):
            return self._quantified()
        if word == "function" and s.at_op("(", 1):
            return self._function_definition()
        raise s.error("unexpected keyword")

    def _match_words(
        self, index: dict[str, tuple[tuple[str, ...], ...]], *, require_call: bool
    ) -> tuple[str, ...] | None:
        s = self.stream
        for words in index.get(s.peek.value, ()):
            if all(
                s.ahead(i).kind == NAME and not s.ahead(i).quoted and s.ahead(i).value == word
                for i, word in enumerate(words)
            ) and (not require_call or s.at_op("(", len(words))):
                return words
        return None

    def _call(self, name: str, word_count: int) -> n.Node:
        s = self.stream
        for _ in range(word_count):
            s.advance()
        position = s.expect_op("(").position
        args, named = self._arguments()
        return n.Call(name, args, named, position)

    def _arguments(self) -> tuple[tuple[n.Node, ...], tuple[tuple[str, n.Node], ...] | None]:
        """Arguments after '(' up to and including ')': positional or named, not mixed."""
        s = self.stream
        if s.at_op(")"):
            s.advance()
            return (), None
        named_mode = self._named_argument_words() is not None
        args: list[n.Node] = []
        named: list[tuple[str, n.Node]] = []
        with self._nested():
            while True:
                if named_mode:
                    words = self._named_argument_words()
                    if words is None:
                        raise s.error("expected a named argument ('name: value')")
                    key = " ".join(s.advance().value for _ in range(words))
                    s.expect_op(":")
                    named.append((key, self.expression()))
                else:
                    args.append(self.expression())
                if not s.at_op(","):
                    break
                s.advance()
        s.expect_op(")")
        return (tuple(args), None) if not named_mode else ((), tuple(named))

    def _named_argument_words(self) -> int | None:
        """Number of name tokens before a ':' at the cursor, or None if not a named argument."""
        count = 0
        while self.stream.ahead(count).kind == NAME:
            count += 1
        return count if count and self.stream.at_op(":", count) else None

    def _type_name(self) -> str:
        s = self.stream
        words = self._match_words(_TYPE_WORDS, require_call=False)
        if words:
            for _ in words:
                s.advance()
            return " ".join(words)
        token = s.expect_name("a type name")
        if token.value not in TYPE_NAMES:
            raise s.error("unknown type", token)
        return token.value

    # ---- the right-hand side of ``in`` and unary tests

    def in_tests(self) -> tuple[n.Node, ...]:
        """``in`` takes one positive unary test or a parenthesized list of them."""
        s = self.stream
        if s.at_op("("):
            saved = s.index
            tests = self._parenthesized_tests()
            if tests is not None and not (s.peek.kind == OP and s.peek.value in _CONTINUATION_OPS):
                return tests
            s.index = saved
        return (self.positive_test(full=False),)

    def _parenthesized_tests(self) -> tuple[n.Node, ...] | None:
        s = self.stream
        s.advance()
        tests: list[n.Node] = []
        with self._nested():
            while True:
                try:
                    tests.append(self.positive_test(full=True))
                except FeelSyntaxError:  # backtrack: not a list of tests after all
                    return None
                if not s.at_op(","):
                    break
                s.advance()
        if not s.at_op(")"):
            return None
        s.advance()
        return tuple(tests)

    def positive_test(self, *, full: bool) -> n.Node:
        """``< 5``, ``[1..3]``, ``"a"`` or (``full``) any expression, possibly using ``?``."""
        token = self.stream.peek
        if token.kind == OP and token.value in COMPARISON_OPS:
            self.stream.advance()
            return n.CompareTest(token.value, self.additive())
        expression = self.expression() if full else self.additive()
        if isinstance(expression, n.Literal) and isinstance(expression.value, bool):
            # ``true``/``false`` compare with the input (feel-scala gives them precedence)
            return n.CompareTest("=", expression)
        return n.ExpressionTest(expression, n.uses_input_value(expression))
