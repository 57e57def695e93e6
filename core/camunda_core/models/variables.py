"""Variable shapes: search (all, or visible from a user task) and get.

Camunda sends variable values as serialised JSON strings (a string variable ``abc`` arrives as
``'"abc"'``); ``Variable.json_value()`` gives the Python value.
"""

from __future__ import annotations

import json
from typing import Any

from camunda_core.models._base import CamundaModel, RequestModel
from camunda_core.models.keys import ProcessInstanceKey, ScopeKey, VariableKey
from camunda_core.models.search import KeyMatch, StringMatch

__all__ = [
    "VARIABLE_SORT_FIELDS",
    "UserTaskVariableFilter",
    "Variable",
    "VariableFilter",
]

#: Fields the variable searches can sort by.
VARIABLE_SORT_FIELDS = frozenset(
    {"value", "name", "tenantId", "variableKey", "scopeKey", "processInstanceKey"}
)


class Variable(CamundaModel):
    """A process or local variable; ``value`` is its JSON text, possibly truncated in searches."""

    variable_key: VariableKey
    name: str
    value: str
    is_truncated: bool = False
    scope_key: ScopeKey
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    tenant_id: str = "<default>"

    def json_value(self) -> Any:
        """The variable's value as Python data (``'"abc"'`` -> ``'abc'``, ``'{"a":1}'`` -> dict).

        Raises ``ValueError`` for a truncated value: fetch it with ``get_variable`` or search
        with ``truncate_values=False``.
        """
        if self.is_truncated:
            raise ValueError(
                f"variable {self.name!r} ({self.variable_key}) is truncated: fetch it with "
                "get_variable() or search with truncate_values=False"
            )
        return json.loads(self.value)


class VariableFilter(RequestModel):
    """Filter of ``POST /variables/search``; ``value`` matches the serialised JSON."""

    name: StringMatch | None = None
    value: StringMatch | None = None
    tenant_id: str | None = None
    is_truncated: bool | None = None
    variable_key: KeyMatch | None = None
    scope_key: KeyMatch | None = None
    process_instance_key: KeyMatch | None = None


class UserTaskVariableFilter(RequestModel):
    """Filter of the user-task variable searches: by name only."""

    name: StringMatch | None = None
