"""The sending half of the synchronous client. GENERATED from ``_async_core.py`` by ``scripts/unasync.py``.

Do not edit: change ``_async_core.py`` and run ``python scripts/unasync.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from types import TracebackType
from typing import Any, TypeVar

import httpx

from camunda_core.client import _pagination
from camunda_core.client._base import BaseClient, ConsistencyWait
from camunda_core.client._call import Call
from camunda_core.client._retry import RetryPolicy
from camunda_core.client.operations import raw
from camunda_core.errors import CamundaError, NotFoundError, translate_transport_errors
from camunda_core.models.search import SearchResult
from camunda_core.settings import CamundaSettings

__all__ = ["ClientCore"]

T = TypeVar("T")
C = TypeVar("C", bound="ClientCore")

#: Builds the call for one page of a search from the page request.
PageBuilder = Callable[[dict[str, Any]], Call[SearchResult[T]]]


class ClientCore(BaseClient):
    """Connection pool, lifecycle, sending with retries, pagination and waiting."""

    def __init__(
        self,
        settings: CamundaSettings | None = None,
        *,
        auth: httpx.Auth | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        http_client: httpx.Client | None = None,
        **overrides: Any,
    ) -> None:
        super().__init__(settings, auth=auth, retry=retry, **overrides)
        if http_client is not None:
            self._http = http_client
            self._owns_http = False
        else:
            self._http = httpx.Client(transport=transport, **self._http_options())

    # --- lifecycle ------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection pool (views from ``with_options`` leave it open)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self: C) -> C:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- sending ----------------------------------------------------------------------------
    def _send(self, call: Call[T]) -> T:
        attempt = 1
        while True:
            try:
                with translate_transport_errors(call.operation):
                    response = self._http.send(self._request_for(self._http, call))
                return self._answer(call, response)
            except CamundaError as error:
                delay = self._retry_delay(call, error, attempt)
                if delay is None:
                    raise
            time.sleep(delay)
            attempt += 1

    def _paginate(
        self, build: PageBuilder[T], page_size: int, *, by_offset: bool = False
    ) -> Iterator[T]:
        # The first call is built now, so a bad filter fails at the iter_* call, not later.
        first = build(_pagination.first_page(page_size))
        return self._walk(first, build, page_size, by_offset)

    def _walk(
        self, call: Call[SearchResult[T]], build: PageBuilder[T], page_size: int, by_offset: bool
    ) -> Iterator[T]:
        advance = _pagination.next_offset_page if by_offset else _pagination.next_page
        seen = 0
        while True:
            result = self._send(call)
            for item in result.items:
                seen += 1
                yield item
            page = advance(result, page_size, seen)
            if page is None:
                return
            call = build(page)

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        operation: str | None = None,
        resend_safe: bool | None = None,
    ) -> httpx.Response:
        """Any other REST v2 call, with auth, retries and error mapping (path relative to /v2)."""
        return self._send(
            raw.request(
                method, path, json=json, params=params, operation=operation, resend_safe=resend_safe
            )
        )

    def wait_until(
        self,
        fetch: Callable[[], T],
        predicate: Callable[[T], bool] | None = None,
        *,
        timeout: float = 10.0,
        interval: float = 0.5,
        description: str = "wait_until",
    ) -> T:
        """Poll an eventually consistent read until it exists (and ``predicate`` holds).

        ``NotFoundError`` counts as "not yet"; after ``timeout`` seconds a
        ``ConsistencyTimeoutError`` carries the last answer.
        """
        wait = ConsistencyWait(timeout, interval, description)
        while True:
            try:
                result = fetch()
            except NotFoundError as error:
                wait.not_found(error)
            else:
                if predicate is None or predicate(result):
                    return result
                wait.unmet(result)
            time.sleep(wait.next_delay())
