"""Cursor pagination of cluster searches for the admin lists.

A page is one search call with ``{"limit": n, "after": cursor}`` (or ``before``), so page 100
costs what page 1 costs: nothing is skipped by offset and nothing is counted beyond what the
search answers anyway. The links carry the cursors and keep the filters of the query string;
which links a page has is ``camunda_core.paging``'s rule, the same as on the Flask pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, QueryDict

from camunda_core.models.search import SearchResult
from camunda_core.paging import CURSOR_PARAMETERS, neighbour_cursors, page_argument

__all__ = ["PAGE_SIZE", "CursorPage", "page_request"]

PAGE_SIZE = 50


def page_request(request: HttpRequest) -> dict[str, Any]:
    """The ``page`` argument of the search for this request's cursor."""
    return page_argument(PAGE_SIZE, request.GET)


@dataclass(frozen=True)
class CursorPage:
    """What a list template needs: the items, links to the neighbours, the total if known."""

    items: list[Any]
    next_query: str | None
    previous_query: str | None
    first_query: str | None
    total: int
    total_is_exact: bool

    @classmethod
    def of(cls, request: HttpRequest, result: SearchResult[Any]) -> CursorPage:
        """Links from the page's cursors: "next" after the end, "previous" before the start."""
        neighbours = neighbour_cursors(result, PAGE_SIZE, request.GET)
        moved = any(request.GET.get(name) for name in CURSOR_PARAMETERS)
        return cls(
            items=list(result.items),
            next_query=_with_cursor(request.GET, "after", neighbours.next_cursor),
            previous_query=_with_cursor(request.GET, "before", neighbours.previous_cursor),
            first_query=_with_cursor(request.GET, None, None) if moved else None,
            total=result.page.total_items,
            total_is_exact=not result.page.has_more_total_items,
        )


def _with_cursor(query: QueryDict, key: str | None, cursor: str | None) -> str | None:
    """The query string with the filters kept and only the given cursor (None: no such page)."""
    if key and not cursor:
        return None
    updated = query.copy()
    for name in CURSOR_PARAMETERS:
        updated.pop(name, None)
    if key and cursor:
        updated[key] = cursor
    return "?" + updated.urlencode()
