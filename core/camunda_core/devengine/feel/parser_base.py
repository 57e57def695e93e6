"""Shared state of the FEEL parser classes: the token stream and the range-end flag."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from . import nodes as n
from .token_stream import TokenStream


class ParserBase:
    """The token stream plus the entry points every grammar rule may recurse into."""

    def __init__(self, source: str) -> None:
        self.stream = TokenStream(source)
        # In the end point of a range, '[' closes the range (``[1..10[``) instead of filtering.
        self._in_range_end = False

    def expression(self) -> n.Node:
        raise NotImplementedError

    def additive(self) -> n.Node:
        raise NotImplementedError

    def primary(self) -> n.Node:
        raise NotImplementedError

    @contextmanager
    def _nested(self) -> Iterator[None]:
        """Inside brackets a '[' is a filter again, even within a range's end point."""
        saved, self._in_range_end = self._in_range_end, False
        try:
            yield
        finally:
            self._in_range_end = saved
