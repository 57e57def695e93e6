"""Grammar rules for compound values: if/for/some/every/function, lists, ranges, contexts."""

from __future__ import annotations

from . import nodes as n
from .lexer import NAME, OP, STRING
from .parser_base import ParserBase
from .temporal_parse import parse_temporal_literal


class CompoundRules(ParserBase):
    """Rules that start with a keyword or a bracket; mixed into the expression parser."""

    def _if(self) -> n.Node:
        s = self.stream
        s.advance()
        condition = self.expression()
        s.expect_keyword("then")
        then = self.expression()
        s.expect_keyword("else")
        return n.If(condition, then, self.expression())

    def _iterations(self) -> tuple[n.Iteration, ...]:
        s = self.stream
        iterations: list[n.Iteration] = []
        while True:
            name = s.expect_name("an iteration variable").value
            s.expect_keyword("in")
            source = self.expression()
            end = None
            if s.at_op(".."):
                s.advance()
                end = self.expression()
            iterations.append(n.Iteration(name, source, end))
            if not s.at_op(","):
                return tuple(iterations)
            s.advance()

    def _for(self) -> n.Node:
        self.stream.advance()
        iterations = self._iterations()
        self.stream.expect_keyword("return")
        return n.For(iterations, self.expression())

    def _quantified(self) -> n.Node:
        every = self.stream.advance().value == "every"
        iterations = self._iterations()
        self.stream.expect_keyword("satisfies")
        return n.Quantified(every, iterations, self.expression())

    def _function_definition(self) -> n.Node:
        s = self.stream
        s.advance()
        s.expect_op("(")
        params: list[str] = []
        while not s.at_op(")"):
            params.append(s.expect_name("a parameter name").value)
            if s.at_op(":"):  # a type annotation: accepted and ignored
                s.advance()
                while s.peek.kind == NAME:
                    s.advance()
            if not s.at_op(","):
                break
            s.advance()
        s.expect_op(")")
        return n.FunctionDefinition(tuple(params), self.expression())

    def _bracketed(self, op: str) -> n.Node:
        s = self.stream
        if op == "?":
            s.advance()
            return n.InputValue()
        if op == "(":
            s.advance()
            with self._nested():
                inner = self.expression()
            if s.at_op(".."):
                return self._range_tail(inner, start_closed=False)
            s.expect_op(")")
            return inner
        if op == "[":
            return self._list_or_range()
        if op == "]":
            s.advance()
            with self._nested():
                start = self.expression()
            return self._range_tail(start, start_closed=False)
        if op == "{":
            return self._context()
        raise s.error("unexpected token")

    def _list_or_range(self) -> n.Node:
        s = self.stream
        s.advance()
        if s.at_op("]"):
            s.advance()
            return n.ListLiteral(())
        with self._nested():
            first = self.expression()
            if s.at_op(".."):
                return self._range_tail(first, start_closed=True)
            items = [first]
            while s.at_op(","):
                s.advance()
                items.append(self.expression())
        s.expect_op("]")
        return n.ListLiteral(tuple(items))

    def _range_tail(self, start: n.Node, *, start_closed: bool) -> n.Node:
        s = self.stream
        s.expect_op("..")
        saved, self._in_range_end = self._in_range_end, True
        try:
            end = self.expression()
        finally:
            self._in_range_end = saved
        token = s.peek
        if not (token.kind == OP and token.value in ("]", ")", "[")):
            raise s.error("expected ']', ')' or '[' to close the range")
        s.advance()
        return n.RangeLiteral(start, end, start_closed, token.value == "]")

    def _context(self) -> n.Node:
        s = self.stream
        s.advance()
        entries: list[tuple[str, n.Node]] = []
        with self._nested():
            while not s.at_op("}"):
                if s.peek.kind == STRING:
                    key = s.advance().value
                else:
                    words = [s.expect_name("a context key").value]
                    while s.peek.kind == NAME:
                        words.append(s.advance().value)
                    key = " ".join(words)
                s.expect_op(":")
                entries.append((key, self.expression()))
                if not s.at_op(","):
                    break
                s.advance()
        s.expect_op("}")
        return n.ContextLiteral(tuple(entries))

    def _temporal_literal(self) -> n.Node:
        token = self.stream.peek
        value = parse_temporal_literal(token.value)
        if value is None:
            raise self.stream.error("invalid temporal literal")
        self.stream.advance()
        return n.Literal(value)
