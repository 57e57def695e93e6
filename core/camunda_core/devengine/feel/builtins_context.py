"""Context built-ins: reading and building contexts (``get value``, ``put``, ``context merge``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .functions import ArgumentError, FunctionTable, want_context, want_list, want_str
from .values import describe, from_python

table = FunctionTable()
define = table.define


def _keys(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    keys = want_list("key", value)
    if not keys:
        raise ArgumentError("parameter 'keys' expects a non-empty list of strings")
    return [want_str("keys", key) for key in keys]


@define("get value", "context", "key")
def _get_value(context: Any, key: Any) -> Any:
    current: Any = want_context("context", context)
    for name in _keys(key):
        if not isinstance(current, Mapping) or name not in current:
            return None
        current = current[name]
    return from_python(current)


@define("get entries", "context")
def _get_entries(context: Any) -> list[dict[str, Any]]:
    return [{"key": k, "value": v} for k, v in want_context("context", context).items()]


def _put(context: Mapping[str, Any], keys: list[str], value: Any) -> dict[str, Any]:
    updated = dict(context)
    head, rest = keys[0], keys[1:]
    if rest:
        inner = updated.get(head)
        updated[head] = _put(inner if isinstance(inner, Mapping) else {}, rest, value)
    else:
        updated[head] = value
    return updated


def _put_entry(context: Any, key: Any, value: Any) -> dict[str, Any] | None:
    if context is None or key is None:
        return None
    return _put(want_context("context", context), _keys(key), value)


define("put", "context", "key", "value", nulls=False)(_put_entry)
define("context put", "context", "key", "value", nulls=False)(_put_entry)


@define("context merge", "contexts...")
def _context_merge(contexts: list[Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for context in contexts:
        merged.update(want_context("contexts", context))
    return merged


@define("context", "entries")
def _context(entries: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for entry in want_list("entries", entries):
        if not isinstance(entry, Mapping) or "key" not in entry:
            raise ArgumentError(f"each entry needs a 'key' and a 'value', got {describe(entry)}")
        result[want_str("key", entry["key"])] = entry.get("value")
    return result
