"""Turns FEEL source text into tokens; positions are kept so syntax errors can say where."""

from __future__ import annotations

from typing import NamedTuple

from .errors import FeelSyntaxError

NUMBER = "number"
STRING = "string"
NAME = "name"
OP = "op"
TEMPORAL = "temporal"
EOF = "eof"

_OPERATORS = (
    "**", "..", "!=", "<=", ">=",
    "+", "-", "*", "/", "=", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", ":", "?",
)  # fmt: skip
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "'": "'", "\\": "\\"}
_HEX = frozenset("0123456789abcdefABCDEF")
# After one of these a "." starts a path, not a number like ".5".
_VALUE_END_OPS = frozenset({")", "]", "}", "?"})


class Token(NamedTuple):
    """One lexical unit; ``quoted`` marks a `backtick` name, which is never a keyword."""

    kind: str
    value: str
    position: int
    quoted: bool = False

    def describe(self) -> str:
        """The token as a user would recognise it in an error message."""
        if self.kind == EOF:
            return "end of input"
        if self.kind == STRING:
            return f'"{self.value}"'
        if self.kind == TEMPORAL:
            return f'@"{self.value}"'
        return self.value


def tokenize(source: str) -> list[Token]:
    """Split ``source`` into tokens ending with an EOF token."""
    return _Lexer(source).run()


class _Lexer:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.tokens: list[Token] = []

    def run(self) -> list[Token]:
        src = self.src
        while True:
            self._skip_blanks()
            if self.pos >= len(src):
                self.tokens.append(Token(EOF, "", self.pos))
                return self.tokens
            self.tokens.append(self._next())

    def _fail(self, reason: str, position: int, token: str | None = None) -> FeelSyntaxError:
        return FeelSyntaxError(reason, self.src, position, token)

    def _skip_blanks(self) -> None:
        src = self.src
        while self.pos < len(src):
            ch = src[self.pos]
            if ch.isspace():
                self.pos += 1
            elif src.startswith("//", self.pos):
                end = src.find("\n", self.pos)
                self.pos = len(src) if end < 0 else end + 1
            elif src.startswith("/*", self.pos):
                end = src.find("*/", self.pos + 2)
                if end < 0:
                    raise self._fail("unterminated comment", self.pos, "/*")
                self.pos = end + 2
            else:
                return

    def _next(self) -> Token:
        src, start = self.src, self.pos
        ch = src[start]
        if ch.isdigit() or (ch == "." and self._starts_fraction()):
            return self._number()
        if ch == '"':
            return Token(STRING, self._string(), start)
        if ch == "@" and src.startswith('"', start + 1):
            self.pos += 1
            return Token(TEMPORAL, self._string(), start)
        if ch == "`":
            end = src.find("`", start + 1)
            if end < 0:
                raise self._fail("unterminated backtick name", start, "`")
            self.pos = end + 1
            return Token(NAME, src[start + 1 : end], start, quoted=True)
        if ch.isalpha() or ch in "_$":
            end = start + 1
            while end < len(src) and (src[end].isalnum() or src[end] in "_$"):
                end += 1
            self.pos = end
            return Token(NAME, src[start:end], start)
        for op in _OPERATORS:
            if src.startswith(op, start):
                self.pos += len(op)
                return Token(OP, op, start)
        raise self._fail("unexpected character", start, ch)

    def _starts_fraction(self) -> bool:
        nxt = self.src[self.pos + 1 : self.pos + 2]
        if not nxt.isdigit():
            return False
        if not self.tokens:
            return True
        last = self.tokens[-1]
        return last.kind == OP and last.value not in _VALUE_END_OPS

    def _number(self) -> Token:
        src, start = self.src, self.pos
        end = start
        while end < len(src) and src[end].isdigit():
            end += 1
        if src.startswith(".", end) and src[end + 1 : end + 2].isdigit():
            end += 1
            while end < len(src) and src[end].isdigit():
                end += 1
        self.pos = end
        return Token(NUMBER, src[start:end], start)

    def _string(self) -> str:
        src, start = self.src, self.pos
        out: list[str] = []
        i = start + 1
        while i < len(src):
            ch = src[i]
            if ch == '"':
                self.pos = i + 1
                return _join_surrogates("".join(out))
            if ch == "\\" and i + 1 < len(src):
                text, i = self._escape(i)
                out.append(text)
                continue
            out.append(ch)
            i += 1
        raise self._fail("unterminated string literal", start, src[start : start + 20])

    def _escape(self, i: int) -> tuple[str, int]:
        src = self.src
        code = src[i + 1]
        if code in _ESCAPES:
            return _ESCAPES[code], i + 2
        if code in "uU":
            limit = 4 if code == "u" else 6
            end = i + 2
            while end < len(src) and end - (i + 2) < limit and src[end] in _HEX:
                end += 1
            digits = src[i + 2 : end]
            if (code == "u" and len(digits) != 4) or not digits or int(digits, 16) > 0x10FFFF:
                raise self._fail("invalid unicode escape", i, src[i:end])
            return chr(int(digits, 16)), end
        # Unknown escapes stay as written so regex patterns like "\d+" keep working.
        return "\\" + code, i + 2


def _join_surrogates(text: str) -> str:
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
