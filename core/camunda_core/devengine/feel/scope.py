"""Variable scopes: the input context at the root, iteration/filter/function scopes above it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

MISSING: Any = object()
"""Returned by :meth:`Scope.lookup` for a name that is not defined anywhere."""


class Scope:
    """A chain of variable mappings; the innermost definition of a name wins."""

    __slots__ = ("clock", "parent", "variables")

    def __init__(
        self,
        variables: Mapping[str, Any],
        parent: Scope | None,
        clock: Callable[[], datetime],
    ) -> None:
        self.variables = variables
        self.parent = parent
        self.clock = clock

    def child(self, variables: Mapping[str, Any]) -> Scope:
        return Scope(variables, self, self.clock)

    def lookup(self, name: str) -> Any:
        scope: Scope | None = self
        while scope is not None:
            value = scope.variables.get(name, MISSING)
            if value is not MISSING:
                return value
            scope = scope.parent
        return MISSING
