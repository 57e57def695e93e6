"""Pagination shared by both clients' ``iter_*`` methods: cursors, or offsets where the
endpoint has no cursor (the effective variables of a user task)."""

from __future__ import annotations

from typing import Any

from camunda_core.models.search import SearchResult

__all__ = ["DEFAULT_PAGE_SIZE", "first_page", "next_offset_page", "next_page"]

DEFAULT_PAGE_SIZE = 100


def first_page(page_size: int) -> dict[str, Any]:
    """The page request that starts a walk."""
    if not 1 <= page_size <= 10_000:
        raise ValueError(f"page_size must be between 1 and 10000 (got {page_size})")
    return {"limit": page_size}


def _walk_over(result: SearchResult[Any], page_size: int, seen: int) -> bool:
    """Whether ``result`` was the last page: short, empty, or the exact total reached.

    ``seen`` counts the items yielded so far, so a server that keeps returning a cursor on
    its last page costs no extra request when the total is exact.
    """
    items: list[Any] = result.items
    page = result.page
    if not items or len(items) < page_size:
        return True
    return not page.has_more_total_items and bool(page.total_items) and seen >= page.total_items


def next_page(result: SearchResult[Any], page_size: int, seen: int) -> dict[str, Any] | None:
    """The cursor request for the page after ``result``, or ``None`` when the walk is over."""
    if _walk_over(result, page_size, seen) or not result.page.end_cursor:
        return None
    return {"limit": page_size, "after": result.page.end_cursor}


def next_offset_page(result: SearchResult[Any], page_size: int, seen: int) -> dict[str, Any] | None:
    """The offset request for the page after ``result``, or ``None`` when the walk is over."""
    if _walk_over(result, page_size, seen):
        return None
    return {"from": seen, "limit": page_size}
