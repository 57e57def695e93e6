"""The FEEL range value (``[1..10]``, ``(a..b]``) and membership tests against it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from .comparison import compare


@dataclass(frozen=True, slots=True)
class FeelRange:
    """An interval with open or closed ends; ``x in range`` asks :meth:`contains`."""

    feel_kind: ClassVar[str] = "range"

    start: Any
    end: Any
    start_closed: bool
    end_closed: bool

    def contains(self, value: Any) -> bool | None:
        """True/False when comparable, None (null) when the types do not match."""
        low = compare(value, self.start)
        high = compare(value, self.end)
        if low is None or high is None:
            return None
        above = low >= 0 if self.start_closed else low > 0
        below = high <= 0 if self.end_closed else high < 0
        return above and below

    def __str__(self) -> str:
        opening = "[" if self.start_closed else "("
        closing = "]" if self.end_closed else ")"
        return f"{opening}{self.start}..{self.end}{closing}"
