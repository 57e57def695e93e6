"""All built-in functions by name, merged from the per-family modules."""

from __future__ import annotations

from . import (
    builtins_aggregate,
    builtins_boolean,
    builtins_context,
    builtins_conversion,
    builtins_list,
    builtins_numeric,
    builtins_string,
    builtins_temporal,
)
from .functions import BuiltinFunction

_FAMILIES = (
    builtins_aggregate,
    builtins_boolean,
    builtins_context,
    builtins_conversion,
    builtins_list,
    builtins_numeric,
    builtins_string,
    builtins_temporal,
)

BUILTINS: dict[str, BuiltinFunction] = {}
for _family in _FAMILIES:
    BUILTINS.update(_family.table.functions)

SPECIAL_FORMS = frozenset({"is defined", "now", "today"})
"""Functions the compiler implements itself because they need the scope or the clock."""

BUILTIN_NAMES = frozenset(BUILTINS) | SPECIAL_FORMS
