"""FEEL-or-static attribute values, read the way Zeebe reads them.

Zeebe treats an attribute value as a FEEL expression when it starts with ``=`` and as a static
value otherwise (``type="payment"`` is static, ``type="=concat(a, b)"`` is FEEL). Nothing here
evaluates or syntax-checks FEEL: the engine does that on top of the model.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FEEL_PREFIX", "Expression"]

FEEL_PREFIX = "="


@dataclass(frozen=True, slots=True)
class Expression:
    """A value that is either FEEL (``is_feel``) or static text.

    ``source`` is the FEEL text without the leading ``=`` and without surrounding whitespace, or
    the static value exactly as written in the file.
    """

    source: str
    is_feel: bool

    @classmethod
    def parse(cls, raw: str) -> Expression:
        """Zeebe's rule: ``=`` followed by at least one character is FEEL, anything else static."""
        if raw.startswith(FEEL_PREFIX) and len(raw) > len(FEEL_PREFIX):
            return cls(raw[len(FEEL_PREFIX) :].strip(), True)
        return cls(raw, False)

    @classmethod
    def static(cls, value: str) -> Expression:
        """A static value (never FEEL, even if it starts with ``=``)."""
        return cls(value, False)

    @classmethod
    def feel(cls, source: str) -> Expression:
        """A FEEL expression from its text without the ``=``."""
        return cls(source.strip(), True)

    @property
    def is_static(self) -> bool:
        """True for a static value."""
        return not self.is_feel

    def static_list(self) -> tuple[str, ...]:
        """The items of a static comma-separated list (``"sales, accounting"``), trimmed.

        Used for static candidate groups and users; raises ValueError for a FEEL expression.
        """
        if self.is_feel:
            raise ValueError(f"'={self.source}' is a FEEL expression, not a static list")
        return tuple(item.strip() for item in self.source.split(",") if item.strip())

    def __str__(self) -> str:
        return f"{FEEL_PREFIX}{self.source}" if self.is_feel else self.source
