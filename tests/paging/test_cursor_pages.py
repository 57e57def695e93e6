"""Cursor pages of the list pages: the search's page argument, and which neighbour links exist."""

from __future__ import annotations

from typing import Any

import pytest

from camunda_core.models.search import SearchPage, SearchResult
from camunda_core.paging import NeighbourCursors, neighbour_cursors, page_argument

PAGE_SIZE = 3


def _result(count: int, start: str | None = "s", end: str | None = "e") -> SearchResult[Any]:
    return SearchResult[Any](
        items=list(range(count)), page=SearchPage(start_cursor=start, end_cursor=end)
    )


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ({}, {"limit": 3}),
        ({"after": "e1"}, {"limit": 3, "after": "e1"}),
        ({"before": "s1"}, {"limit": 3, "before": "s1"}),
        ({"after": "e1", "before": "s1"}, {"limit": 3, "after": "e1"}),
        ({"after": "", "before": "s1", "state": "CREATED"}, {"limit": 3, "before": "s1"}),
    ],
)
def test_the_page_argument_carries_one_cursor(query: dict[str, str], page: dict[str, Any]) -> None:
    assert page_argument(PAGE_SIZE, query) == page


@pytest.mark.parametrize(
    ("count", "query", "expected"),
    [
        # the first page: next only when it is full
        (3, {}, NeighbourCursors("e", None)),
        (2, {}, NeighbourCursors(None, None)),
        # going forward: always a previous page; a next one when full
        (3, {"after": "x"}, NeighbourCursors("e", "s")),
        (1, {"after": "x"}, NeighbourCursors(None, "s")),
        # going back: always a next page; a previous one when full
        (3, {"before": "x"}, NeighbourCursors("e", "s")),
        (1, {"before": "x"}, NeighbourCursors("e", None)),
        # an empty page has no neighbours
        (0, {"after": "x"}, NeighbourCursors(None, None)),
        (0, {"before": "x"}, NeighbourCursors(None, None)),
    ],
)
def test_neighbour_links(count: int, query: dict[str, str], expected: NeighbourCursors) -> None:
    assert neighbour_cursors(_result(count), PAGE_SIZE, query) == expected


def test_no_link_without_a_cursor_to_follow() -> None:
    assert neighbour_cursors(_result(3, start="", end=None), PAGE_SIZE, {"after": "x"}) == (
        NeighbourCursors(None, None)
    )
