"""Zeebe-style keys: one monotonic counter on partition 1, handed out as decimal strings.

Zeebe encodes the partition id in the top bits of every key (``partition << 51``), so the
first key of partition 1 is ``2251799813685249``. Clients only ever see these as strings.
"""

from __future__ import annotations

__all__ = ["FIRST_KEY", "KeyGenerator"]

PARTITION_ID = 1
FIRST_KEY = (PARTITION_ID << 51) + 1


class KeyGenerator:
    """Hands out increasing keys; picklable, so a restored engine continues the sequence."""

    __slots__ = ("_next",)

    def __init__(self, start: int = FIRST_KEY) -> None:
        self._next = start

    def next(self) -> str:
        """The next key as a string."""
        value = self._next
        self._next = value + 1
        return str(value)

    @property
    def last(self) -> int:
        """The last key handed out (FIRST_KEY - 1 before the first)."""
        return self._next - 1

    def __getstate__(self) -> tuple[int]:
        return (self._next,)

    def __setstate__(self, state: tuple[int]) -> None:
        (self._next,) = state
