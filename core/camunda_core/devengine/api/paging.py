"""Sorting and paging of search results: offsets, and cursors that stay stable across pages.

A cursor is the base64 of the sort position of an item (its sort values, then its key), so
``after`` / ``before`` find their place even when that item is gone or new items arrived.
Nulls sort last in both directions; the key (as a number) breaks ties, always ascending, so
every order is total and a walk over the pages sees each item once.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from camunda_core.devengine.api.validation import RequestError

__all__ = ["MAX_LIMIT", "Page", "PageRequest", "SortKey", "paginate", "parse_page", "sort_records"]

R = TypeVar("R")
DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
#: A sort value of a record: accessor and whether the order is descending.
SortKey = tuple[Callable[[Any], Any], bool]


@dataclass(frozen=True, slots=True)
class PageRequest:
    """The page of a search request, in one of the spec's four shapes."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0
    after: list[Any] | None = None
    before: list[Any] | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """The items of one page and its ``page`` object's values."""

    items: list[Any]
    start_cursor: str | None
    end_cursor: str | None


def parse_page(raw: Any, sort_width: int, *, offset_only: bool = False) -> PageRequest:
    """Check ``page`` (limit / from+limit / after+limit / before+limit) and read cursors."""
    if raw is None:
        return PageRequest()
    if not isinstance(raw, dict):
        raise RequestError("page", "must be an object")
    allowed = {"limit", "from"} if offset_only else {"limit", "from", "after", "before"}
    for name in raw:
        if name not in allowed:
            raise RequestError(f"page.{name}", "is not a known field here")
    if len({"from", "after", "before"} & set(raw)) > 1:
        raise RequestError("page", "use one of from, after and before, not several")
    limit = _integer(raw.get("limit", DEFAULT_LIMIT), "page.limit", 1, MAX_LIMIT)
    offset = _integer(raw.get("from", 0), "page.from", 0, 2**31 - 1)
    after = _cursor(raw["after"], "page.after", sort_width) if "after" in raw else None
    before = _cursor(raw["before"], "page.before", sort_width) if "before" in raw else None
    return PageRequest(limit, offset, after, before)


def _integer(value: Any, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RequestError(path, "must be an integer")
    if not low <= value <= high:
        raise RequestError(path, f"must be between {low} and {high}")
    return value


def _cursor(value: Any, path: str, sort_width: int) -> list[Any]:
    if not isinstance(value, str):
        raise RequestError(path, "must be a cursor string from a previous page")
    try:
        position = json.loads(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        raise RequestError(path, "is not a cursor of this engine") from None
    if not isinstance(position, list) or len(position) != sort_width + 1:
        raise RequestError(path, "does not fit this search's sort; start again without it")
    return position


def encode_cursor(position: Sequence[Any]) -> str:
    """The opaque cursor of a position."""
    text = json.dumps(list(position), separators=(",", ":"))
    return base64.b64encode(text.encode()).decode("ascii")


def _compare_values(a: Any, b: Any, descending: bool) -> int:
    if a is None or b is None:
        return (a is None) - (b is None)  # nulls last, whatever the direction
    result = int(a > b) - int(a < b)
    return -result if descending else result


class _Position:
    """A sort position with the total order of the sort (for bisect)."""

    __slots__ = ("directions", "values")

    def __init__(self, values: Sequence[Any], directions: Sequence[bool]) -> None:
        self.values = values
        self.directions = directions

    def __lt__(self, other: _Position) -> bool:
        for a, b, descending in zip(self.values, other.values, self.directions, strict=False):
            found = _compare_values(a, b, descending)
            if found:
                return found < 0
        return False


def sort_records(records: list[R], sort: Sequence[SortKey], key: Callable[[R], int]) -> list[R]:
    """Records in sort order: the given fields, then the key ascending."""
    ordered = sorted(records, key=key)
    for accessor, descending in reversed(sort):
        present = [r for r in ordered if accessor(r) is not None]
        missing = [r for r in ordered if accessor(r) is None]
        present.sort(key=accessor, reverse=descending)
        ordered = present + missing
    return ordered


def paginate(
    ordered: list[R], request: PageRequest, sort: Sequence[SortKey], key: Callable[[R], int]
) -> Page:
    """The requested page of ``ordered`` (already in sort order), with its cursors."""
    directions = [descending for _, descending in sort] + [False]

    def position(record: R) -> list[Any]:
        return [accessor(record) for accessor, _ in sort] + [key(record)]

    def placed(record: R) -> _Position:
        return _Position(position(record), directions)

    try:
        if request.after is not None:
            start = bisect.bisect_right(ordered, _Position(request.after, directions), key=placed)
            items = ordered[start : start + request.limit]
        elif request.before is not None:
            end = bisect.bisect_left(ordered, _Position(request.before, directions), key=placed)
            items = ordered[max(0, end - request.limit) : end]
        else:
            items = ordered[request.offset : request.offset + request.limit]
    except TypeError:  # a cursor of another sort whose values do not compare with these
        field = "page.after" if request.after is not None else "page.before"
        raise RequestError(
            field, "does not fit this search's sort; start again without it"
        ) from None
    if not items:
        return Page(items, None, None)
    return Page(items, encode_cursor(position(items[0])), encode_cursor(position(items[-1])))
