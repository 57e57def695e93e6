"""Cursor over the token list with the small helpers every grammar rule needs."""

from __future__ import annotations

from .errors import FeelSyntaxError
from .lexer import EOF, NAME, OP, Token, tokenize


class TokenStream:
    """Position in a token list; errors it builds always point at the current token."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.index = 0

    @property
    def peek(self) -> Token:
        return self.tokens[self.index]

    def ahead(self, offset: int) -> Token:
        return self.tokens[min(self.index + offset, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != EOF:
            self.index += 1
        return token

    def at_op(self, value: str, offset: int = 0) -> bool:
        token = self.ahead(offset)
        return token.kind == OP and token.value == value

    def at_keyword(self, word: str, offset: int = 0) -> bool:
        token = self.ahead(offset)
        return token.kind == NAME and not token.quoted and token.value == word

    def at_end(self) -> bool:
        return self.peek.kind == EOF

    def expect_op(self, value: str) -> Token:
        if not self.at_op(value):
            raise self.error(f"expected '{value}'")
        return self.advance()

    def expect_keyword(self, word: str) -> Token:
        if not self.at_keyword(word):
            raise self.error(f"expected '{word}'")
        return self.advance()

    def expect_name(self, what: str) -> Token:
        if self.peek.kind != NAME:
            raise self.error(f"expected {what}")
        return self.advance()

    def expect_end(self) -> None:
        if not self.at_end():
            raise self.error("unexpected token")

    def error(self, reason: str, token: Token | None = None) -> FeelSyntaxError:
        token = token or self.peek
        return FeelSyntaxError(reason, self.source, token.position, token.describe())
