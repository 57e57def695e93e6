"""The generic search over records: ``{filter, sort, page}`` in, ``{items, page}`` out.

One :class:`SearchSpec` per endpoint says which filter fields exist and of which kind (see
``filters``), which sort fields, and the record's key. Filters apply to record attributes
(``processInstanceKey`` reads ``process_instance_key``), to list attributes (any item
matching counts), to values computed with the request's :class:`SearchContext` (which builds
indexes of other records once per request), or run custom code (variable-value filters,
joins with element instances and incidents).

Searches read the records inside ``engine.reading()``; the dev engine is immediately
consistent, so a record is searchable as soon as the command that wrote it returned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from camunda_core.devengine.api.filters import FilterKind, Predicate
from camunda_core.devengine.api.paging import (
    PageRequest,
    SortKey,
    paginate,
    parse_page,
    sort_records,
)
from camunda_core.devengine.api.validation import RequestError
from camunda_core.devengine.contract import EngineStore

__all__ = [
    "Accessor",
    "CustomFilter",
    "Field",
    "JointFilter",
    "SearchContext",
    "SearchSpec",
    "run_search",
    "snake",
]

T = TypeVar("T")
Accessor = Callable[[Any], Any]
RecordPredicate = Callable[[Any], bool]
#: Compiles a filter value into a record predicate: (value, path, context).
CustomFilter = Callable[[Any, str, "SearchContext"], RecordPredicate]
#: Compiles the values of filter fields that only work together (those of them present in
#: the request, by name) into one predicate, or None where they filter nothing.
JointFilter = Callable[[Mapping[str, Any], str, "SearchContext"], RecordPredicate | None]

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def snake(name: str) -> str:
    """``processInstanceKey`` -> ``process_instance_key``."""
    return _CAMEL.sub("_", name).lower()


class SearchContext:
    """What one search request may consult: the store, and indexes built on first use."""

    def __init__(self, store: EngineStore) -> None:
        self.store = store
        self._indexes: dict[str, Any] = {}

    def index(self, name: str, build: Callable[[EngineStore], T]) -> T:
        """The index ``name``, built by ``build(store)`` once per request."""
        if name not in self._indexes:
            self._indexes[name] = build(self.store)
        found: T = self._indexes[name]
        return found


@dataclass(frozen=True)
class Field:
    """A filter field: its kind, and where the value comes from (default: the attribute of
    the same name). ``many`` marks list attributes; ``nullable`` fields take ``null`` as "no
    filter", as the spec allows for them."""

    kind: FilterKind
    attr: str = ""
    computed: Callable[[SearchContext], Accessor] | None = None
    many: bool = False
    nullable: bool = False


@dataclass(frozen=True)
class SearchSpec:
    """One search endpoint."""

    key: str  # record attribute holding the key (the tiebreak)
    fields: Mapping[str, Field | CustomFilter]
    sorts: Collection[str]
    computed_sorts: Mapping[str, Callable[[SearchContext], Accessor]] = field(default_factory=dict)
    or_groups: bool = False
    offset_only: bool = False
    #: Fields compiled together, keyed by their names (not also listed in ``fields``).
    joint: Mapping[tuple[str, ...], JointFilter] = field(default_factory=dict)

    def filter_names(self) -> set[str]:
        """Every filter field this search takes (``$or`` aside)."""
        return set(self.fields).union(*self.joint)


@dataclass(frozen=True)
class _Query:
    predicate: RecordPredicate | None
    sort: list[SortKey]
    page: PageRequest


def run_search(
    spec: SearchSpec,
    body: Any,
    records: Iterable[Any],
    context: SearchContext,
    serialize: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """The search response for ``body`` over ``records``."""
    query = _compile(spec, body, context)
    predicate = query.predicate
    matched = [r for r in records if predicate(r)] if predicate else list(records)
    key_attr = spec.key

    def key(record: Any) -> int:
        return int(getattr(record, key_attr))

    ordered = sort_records(matched, query.sort, key)
    page = paginate(ordered, query.page, query.sort, key)
    return {
        "items": [serialize(r) for r in page.items],
        "page": {
            "totalItems": len(matched),
            "hasMoreTotalItems": False,
            "startCursor": page.start_cursor,
            "endCursor": page.end_cursor,
        },
    }


def _compile(spec: SearchSpec, body: Any, context: SearchContext) -> _Query:
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise RequestError("", "the body must be a JSON object")
    for name in body:
        if name not in ("filter", "sort", "page"):
            raise RequestError(name, "is not a known field here; use filter, sort and page")
    predicate = _filter(spec, body.get("filter"), context)
    sort = _sort(spec, body.get("sort"), context)
    page = parse_page(body.get("page"), len(sort), offset_only=spec.offset_only)
    return _Query(predicate, sort, page)


def _filter(spec: SearchSpec, raw: Any, context: SearchContext) -> RecordPredicate | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise RequestError("filter", "must be an object")
    checks = _field_checks(spec, raw, "filter", context, allow_or=spec.or_groups)
    groups = raw.get("$or") if spec.or_groups else None
    if groups:
        if not isinstance(groups, list):
            raise RequestError("filter.$or", "must be an array of filter objects")
        alternatives = [
            _group(spec, group, f"filter.$or[{i}]", context) for i, group in enumerate(groups)
        ]
        checks.append(lambda r: any(alternative(r) for alternative in alternatives))
    return _all(checks)


def _group(spec: SearchSpec, raw: Any, path: str, context: SearchContext) -> RecordPredicate:
    if not isinstance(raw, dict):
        raise RequestError(path, "must be an object")
    return _all(_field_checks(spec, raw, path, context, allow_or=False)) or (lambda r: True)


def _field_checks(
    spec: SearchSpec, raw: dict[str, Any], path: str, context: SearchContext, *, allow_or: bool
) -> list[RecordPredicate]:
    checks: list[RecordPredicate] = []
    joint_values: dict[tuple[str, ...], dict[str, Any]] = {}
    for name, value in raw.items():
        if name == "$or" and allow_or:
            continue
        group = next((names for names in spec.joint if name in names), None)
        if group is not None:
            joint_values.setdefault(group, {})[name] = value
            continue
        definition = spec.fields.get(name)
        if definition is None:
            raise RequestError(f"{path}.{name}", "is not a filter field of this search")
        where = f"{path}.{name}"
        if isinstance(definition, Field):
            if value is None and definition.nullable:
                continue
            checks.append(_field_check(name, definition, value, where, context))
        else:
            checks.append(definition(value, where, context))
    for group, values in joint_values.items():
        check = spec.joint[group](values, path, context)
        if check is not None:
            checks.append(check)
    return checks


def _field_check(
    name: str, definition: Field, value: Any, path: str, context: SearchContext
) -> RecordPredicate:
    test = definition.kind.compile(value, path)
    if definition.computed is not None:
        get = definition.computed(context)
    else:
        attr = definition.attr or snake(name)

        def get(record: Any) -> Any:
            return getattr(record, attr)

    if definition.many:
        return lambda r: _any_item(test, get(r))
    return lambda r: test(get(r))


def _any_item(test: Predicate, values: Any) -> bool:
    if not values:
        return test(None)
    return any(test(v) for v in values)


def _all(checks: list[RecordPredicate]) -> RecordPredicate | None:
    if not checks:
        return None
    if len(checks) == 1:
        return checks[0]
    return lambda r: all(check(r) for check in checks)


def _sort(spec: SearchSpec, raw: Any, context: SearchContext) -> list[SortKey]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise RequestError("sort", "must be an array of {field, order}")
    keys: list[SortKey] = []
    for i, item in enumerate(raw):
        path = f"sort[{i}]"
        if not isinstance(item, dict) or "field" not in item:
            raise RequestError(path, "must be an object with a field")
        for name in item:
            if name not in ("field", "order"):
                raise RequestError(f"{path}.{name}", "is not a known field here")
        name = item["field"]
        if name not in spec.sorts:
            raise RequestError(f"{path}.field", f"must be one of {', '.join(sorted(spec.sorts))}")
        order = item.get("order", "ASC")
        if not isinstance(order, str) or order.upper() not in ("ASC", "DESC"):
            raise RequestError(f"{path}.order", "must be ASC or DESC")
        keys.append((_sort_accessor(spec, name, context), order.upper() == "DESC"))
    return keys


def _sort_accessor(spec: SearchSpec, name: str, context: SearchContext) -> Accessor:
    computed = spec.computed_sorts.get(name)
    if computed is not None:
        return computed(context)
    attr = snake(name)
    if name.endswith("Key"):
        return lambda r: None if (v := getattr(r, attr)) is None else int(v)
    return lambda r: getattr(r, attr)
