"""Boolean and null-handling built-ins: ``not``, ``get or else``, ``assert``.

``is defined`` is not here: it must see whether a variable exists, so the compiler treats it
as a special form.
"""

from __future__ import annotations

from typing import Any

from .errors import FeelEvaluationError
from .functions import FunctionTable, want_bool, want_str

table = FunctionTable()
define = table.define


@define("not", "negand")
def _not(negand: Any) -> bool:
    return not want_bool("negand", negand)


@define("get or else", "value", "default", nulls=False)
def _get_or_else(value: Any, default: Any) -> Any:
    return default if value is None else value


@define("assert", "value", "condition", "cause?", nulls=False)
def _assert(value: Any, condition: Any, cause: Any = None) -> Any:
    if condition is not True:
        reason = "assertion failed" if cause is None else want_str("cause", cause)
        raise FeelEvaluationError(reason)
    return value
