"""Enums that accept values this version does not know yet.

Camunda adds enum values between minor versions (8.10 adds job and incident states). A
response carrying a new value must still parse, so unknown values become pseudo-members that
compare equal to their string.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

__all__ = ["OpenEnum"]


class OpenEnum(str, Enum):
    """A ``str`` enum that keeps unknown values instead of failing."""

    @classmethod
    def _missing_(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
