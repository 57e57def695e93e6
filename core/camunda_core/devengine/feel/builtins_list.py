"""List built-ins that rearrange or search lists (aggregates live in builtins_aggregate)."""

from __future__ import annotations

from functools import cmp_to_key
from typing import Any

from .comparison import compare, equal
from .functions import ArgumentError, FeelFunction, FunctionTable, want_list
from .values import as_list, describe, from_python, kind_of, to_number

table = FunctionTable()
define = table.define


def _index(param: str, value: Any) -> int:
    number = to_number(value)
    if number is None:
        raise ArgumentError(f"parameter '{param}' expects a number but got {describe(value)}")
    return int(number)


def _offset(items: list[Any], position: int) -> int | None:
    """0-based index of a 1-based (or negative, from the end) FEEL position."""
    if position > 0 and position <= len(items):
        return position - 1
    if position < 0 and -position <= len(items):
        return len(items) + position
    return None


def contains_value(items: list[Any], value: Any) -> bool:
    return any(equal(item, value) is True for item in items)


def distinct(items: list[Any]) -> list[Any]:
    kept: list[Any] = []
    for item in items:
        if not contains_value(kept, item):
            kept.append(item)
    return kept


@define("list contains", "list", "element", nulls=False)
def _list_contains(items: Any, element: Any) -> bool | None:
    if items is None:
        return None
    return contains_value(as_list(want_list("list", items)), from_python(element))


@define("count", "list")
def _count(items: Any) -> Any:
    return to_number(len(want_list("list", items)))


@define("sublist", "list", "start position", "length?")
def _sublist(items: Any, start: Any, length: Any = None) -> list[Any] | None:
    values = want_list("list", items)
    begin = _offset(values, _index("start position", start))
    if begin is None:
        return None
    if length is None:
        return values[begin:]
    return values[begin : begin + _index("length", length)]


@define("append", "list", "items...", nulls=False, unwrap=False)
def _append(items: Any, extra: list[Any]) -> list[Any] | None:
    if items is None:
        return None
    return [*want_list("list", items), *extra]


@define("concatenate", "lists...", unwrap=False)
def _concatenate(lists: list[Any]) -> list[Any]:
    return [item for value in lists for item in want_list("lists", value)]


@define("insert before", "list", "position", "newItem", nulls=False)
def _insert_before(items: Any, position: Any, new_item: Any) -> list[Any] | None:
    if items is None or position is None:
        return None
    values = want_list("list", items)
    index = _offset(values, _index("position", position))
    if index is None:
        return None
    return [*values[:index], new_item, *values[index:]]


@define("remove", "list", "position")
def _remove(items: Any, position: Any) -> list[Any] | None:
    values = want_list("list", items)
    index = _offset(values, _index("position", position))
    if index is None:
        return None
    return [*values[:index], *values[index + 1 :]]


@define("reverse", "list")
def _reverse(items: Any) -> list[Any]:
    return list(reversed(want_list("list", items)))


@define("index of", "list", "match", nulls=False)
def _index_of(items: Any, match: Any) -> list[Any] | None:
    if items is None:
        return None
    target = from_python(match)
    values = as_list(want_list("list", items))
    return [to_number(i + 1) for i, item in enumerate(values) if equal(item, target) is True]


@define("union", "lists...", unwrap=False)
def _union(lists: list[Any]) -> list[Any]:
    return distinct([from_python(item) for value in lists for item in want_list("lists", value)])


@define("distinct values", "list")
def _distinct_values(items: Any) -> list[Any]:
    return distinct(as_list(want_list("list", items)))


@define("duplicate values", "list")
def _duplicate_values(items: Any) -> list[Any]:
    values = as_list(want_list("list", items))
    repeated = [v for i, v in enumerate(values) if contains_value(values[i + 1 :], v)]
    return distinct(repeated)


def _flatten(items: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in items:
        if isinstance(item, (list, tuple)):
            flat.extend(_flatten(list(item)))
        else:
            flat.append(item)
    return flat


@define("flatten", "list")
def _flatten_list(items: Any) -> list[Any]:
    return _flatten(want_list("list", items))


@define("is empty", "list")
def _is_empty(items: Any) -> bool:
    return not want_list("list", items)


@define("sort", "list", "precedes?")
def _sort(items: Any, precedes: Any = None) -> list[Any]:
    values = as_list(want_list("list", items))
    if precedes is None:
        return sorted(values, key=cmp_to_key(_natural_order(values)))
    if not isinstance(precedes, FeelFunction):
        raise ArgumentError(f"parameter 'precedes' expects a function but got {describe(precedes)}")

    def order(a: Any, b: Any) -> int:
        if precedes(a, b) is True:
            return -1
        return 1 if precedes(b, a) is True else 0

    return sorted(values, key=cmp_to_key(order))


def _natural_order(values: list[Any]) -> Any:
    kinds = {kind_of(v) for v in values}
    if len(kinds) > 1 or (values and compare(values[0], values[0]) is None):
        raise ArgumentError("the list items have no natural order (mixed or unordered types)")

    def order(a: Any, b: Any) -> int:
        return compare(a, b) or 0

    return order
