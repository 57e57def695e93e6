"""Records to the JSON objects of the REST results, generically.

A record's fields are the snake_case of the result's fields, so a :class:`View` is built once
per result type from the dataclass: every field that is not ``INTERNAL``, not ``_``-prefixed
and not excluded, in camelCase, with epoch-millisecond times (``*_date``, ``*_time``,
``deadline``) as RFC 3339 strings. Absent values are explicit ``null``s, as the 8.9 spec
requires of every response field. Lists are copied, so the answer never shares state with a
record that changes later.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from camunda_core.devengine.api.times import format_ms

__all__ = ["View", "camel"]


def camel(name: str) -> str:
    """``process_instance_key`` -> ``processInstanceKey``."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _is_time(name: str) -> bool:
    return name.endswith(("_date", "_time")) or name == "deadline"


class View:
    """The result object of one record type."""

    def __init__(
        self,
        record_type: type[Any],
        *,
        exclude: tuple[str, ...] = (),
        rename: Mapping[str, str] | None = None,
        times: tuple[str, ...] | None = None,
        fallbacks: Mapping[str, str] | None = None,
    ) -> None:
        """``fallbacks`` name, for a field the spec does not let be null, the attribute to
        answer with when the record's is None (an element without a name: its id)."""
        internal = set(getattr(record_type, "INTERNAL", ())) | set(exclude)
        names = [
            f.name
            for f in dataclasses.fields(record_type)
            if f.name not in internal and not f.name.startswith("_")
        ]
        rename = rename or {}
        time_names = set(times) if times is not None else {n for n in names if _is_time(n)}
        self.fields: tuple[tuple[str, str, bool], ...] = tuple(
            (name, rename.get(name, camel(name)), name in time_names) for name in names
        )
        self.wire_names = frozenset(wire for _, wire, _ in self.fields)
        self.fallbacks = dict(fallbacks or {})

    def __call__(self, record: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for attr, wire, is_time in self.fields:
            value = getattr(record, attr)
            if is_time:
                value = format_ms(value)
            elif isinstance(value, (list, dict)):
                value = value.copy()
            out[wire] = value
        for attr, other in self.fallbacks.items():
            if getattr(record, attr) is None:
                out[camel(attr)] = getattr(record, other)
        return out

    def extended(
        self, extra: Callable[[Any], Mapping[str, Any]]
    ) -> Callable[[Any], dict[str, Any]]:
        """This view plus computed fields (those that need another record)."""

        def serialize(record: Any) -> dict[str, Any]:
            out = self(record)
            out.update(extra(record))
            return out

        return serialize
