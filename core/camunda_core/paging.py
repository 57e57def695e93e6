"""Cursor pages for the list pages of both frameworks (Django admin, Flask views).

A list page is one search call with ``{"limit": n, "after": cursor}`` (or ``before``), so page
100 costs what page 1 costs. The request's query string carries the cursor: ``after`` the
end cursor of the page before, ``before`` the start cursor of the page after. From that and
the result, ``neighbour_cursors`` says which neighbour links the page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from camunda_core.models.search import SearchResult

__all__ = ["CURSOR_PARAMETERS", "NeighbourCursors", "neighbour_cursors", "page_argument"]

#: The query parameters that carry a cursor; ``after`` wins when both are given.
CURSOR_PARAMETERS = ("after", "before")


def page_argument(limit: int, query: Mapping[str, Any]) -> dict[str, Any]:
    """The ``page`` argument of the search for a request's query parameters."""
    page: dict[str, Any] = {"limit": limit}
    for name in CURSOR_PARAMETERS:
        cursor = query.get(name)
        if cursor:
            page[name] = cursor
            break
    return page


@dataclass(frozen=True)
class NeighbourCursors:
    """The cursors of the next and previous pages; None where there is no such page."""

    next_cursor: str | None
    previous_cursor: str | None


def neighbour_cursors(
    result: SearchResult[Any], page_size: int, query: Mapping[str, Any]
) -> NeighbourCursors:
    """Where the neighbours of ``result`` are, given the query parameters that asked for it.

    A next page exists after a full page, or after any page reached by going back; a
    previous one before any page reached by going forward, or before a full page reached by
    going back. An empty page has no neighbours.
    """
    went_forward, went_back = bool(query.get("after")), bool(query.get("before"))
    full = len(result.items) >= page_size
    has_next = bool(result.items) and (full or went_back)
    has_previous = bool(result.items) and (went_forward or (went_back and full))
    end, start = result.page.end_cursor, result.page.start_cursor
    return NeighbourCursors(
        end if has_next and end else None, start if has_previous and start else None
    )
