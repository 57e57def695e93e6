"""Variables: JSON text per (scope, name), lookups along the scope chain, propagation.

Values are stored as compact JSON text in :class:`VariableRecord` (what the REST layer
returns) and parsed only when an expression reads them, through :class:`ScopeView`, a lazy
read-only mapping over the scope chain. Zeebe's rules:

* *local*: set in the given scope, created there if needed;
* *propagate*: set in the nearest scope (from the given one outwards) that already has the
  name, else create it in the root scope of the process instance.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from camunda_core.devengine.records import VariableRecord

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = [
    "ScopeView",
    "decode",
    "encode",
    "encode_all",
    "propagate",
    "set_all_local",
    "set_local",
    "view",
    "visible_records",
]

_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False)
_MISSING: Any = object()


def encode(value: Any) -> str:
    """Compact JSON text of a value; TypeError/ValueError for what JSON cannot hold."""
    return _ENCODER.encode(value)


def decode(text: str) -> Any:
    """The value of JSON text (a fresh object each time)."""
    return json.loads(text)


def encode_all(variables: Mapping[str, Any] | None) -> dict[str, str]:
    """Encode a variables document up front, so a bad value is refused before any change."""
    if not variables:
        return {}
    if not isinstance(variables, Mapping):
        raise TypeError("variables must be a JSON object")
    return {str(name): encode(value) for name, value in variables.items()}


class ScopeView(Mapping[str, Any]):
    """The variables visible from a run (innermost scope wins), parsed on access.

    This is the context FEEL expressions evaluate against; FEEL only calls ``get``.
    """

    __slots__ = ("_scopes",)

    def __init__(self, scopes: list[dict[str, VariableRecord]]) -> None:
        self._scopes = scopes

    def get(self, name: str, default: Any = None) -> Any:
        for scope in self._scopes:
            record = scope.get(name)
            if record is not None:
                return json.loads(record.value)
        return default

    def __getitem__(self, name: str) -> Any:
        value = self.get(name, _MISSING)
        if value is _MISSING:
            raise KeyError(name)
        return value

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for scope in self._scopes:
            for name in scope:
                if name not in seen:
                    seen.add(name)
                    yield name

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def to_dict(self, names: frozenset[str] | None = None) -> dict[str, Any]:
        """The visible variables as a fresh dict (only ``names`` when given)."""
        result: dict[str, Any] = {}
        for scope in self._scopes:
            for name, record in scope.items():
                if name not in result and (names is None or name in names):
                    result[name] = json.loads(record.value)
        return result


def view(rt: Runtime, run: Run) -> ScopeView:
    """The variables visible from ``run``."""
    scope_vars = rt.store.scope_vars
    scopes: list[dict[str, VariableRecord]] = []
    current: Run | None = run
    while current is not None:
        found = scope_vars.get(current.key)
        if found:
            scopes.append(found)
        current = current.parent
    return ScopeView(scopes)


def set_local(rt: Runtime, run: Run, name: str, text: str) -> None:
    """Create or update ``name`` in the scope of ``run``."""
    _set(rt, run, run.key, name, text)


def _set(rt: Runtime, run: Run, scope_key: str, name: str, text: str) -> None:
    store = rt.store
    scope = store.scope_vars.get(scope_key)
    if scope is None:
        scope = store.scope_vars[scope_key] = {}
        run.inst.owned.append((store.scope_vars, scope_key))
    record = scope.get(name)
    if record is not None:
        record.value = text
        return
    record_key = rt.keys.next()
    inst = run.inst
    record = VariableRecord(
        variable_key=record_key,
        name=name,
        value=text,
        scope_key=scope_key,
        process_instance_key=inst.record.process_instance_key,
        tenant_id=inst.record.tenant_id,
        root_process_instance_key=inst.record.root_process_instance_key,
    )
    scope[name] = record
    store.variables[record_key] = record
    inst.owned.append((store.variables, record_key))


def propagate(rt: Runtime, run: Run, values: Mapping[str, str]) -> None:
    """Set each variable where it exists (``run`` outwards), else in the root scope."""
    if not values:
        return
    chain = run.chain()
    scope_vars = rt.store.scope_vars
    root = chain[-1]
    for name, text in values.items():
        target = root
        for scope_run in chain:
            found = scope_vars.get(scope_run.key)
            if found is not None and name in found:
                target = scope_run
                break
        _set(rt, target, target.key, name, text)


def set_all_local(rt: Runtime, run: Run, values: Mapping[str, str]) -> None:
    """Set every variable of ``values`` locally in ``run``."""
    for name, text in values.items():
        _set(rt, run, run.key, name, text)


def visible_records(rt: Runtime, scope_key: str) -> list[VariableRecord]:
    """Every variable visible from a scope, innermost first, inner copies before outer ones.

    Works from the records, so it also answers for finished element instances.
    """
    store = rt.store
    result: list[VariableRecord] = []
    key: str | None = scope_key
    while key is not None:
        result.extend(store.scope_vars.get(key, {}).values())
        element = store.element_instances.get(key)
        key = element.flow_scope_key if element is not None else None
    return result
