"""The request and response of the dev engine's HTTP layer, free of any web framework.

The same objects travel through the ASGI adapter (uvicorn) and the in-process httpx
transports, so the REST layer is written once and tested without a socket. A response also
carries how it is to be delivered (``delay``, ``action``): the fault hooks use that to drop a
connection or never answer, which only the adapter can do.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

__all__ = [
    "JSON",
    "PROBLEM_JSON",
    "Delivery",
    "Request",
    "Response",
    "json_response",
    "no_content",
    "problem",
]

JSON = "application/json"
PROBLEM_JSON = "application/problem+json"


class Delivery(enum.Enum):
    """How an adapter hands a response to the client."""

    SEND = "send"
    #: Close the connection without an answer: the client sees a protocol error.
    DROP = "drop"
    #: Never answer and keep the connection open: the client's read timeout must fire.
    HANG = "hang"


class Request:
    """One HTTP request. ``path`` is the full path (``/v2/jobs/activation``), headers are
    lower-case, ``client`` is the peer's address (``None`` when unknown)."""

    __slots__ = (
        "_query",
        "body",
        "client",
        "headers",
        "method",
        "path",
        "principal",
        "query_string",
    )

    def __init__(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
        query_string: str = "",
        client: str | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.headers = headers if headers is not None else {}
        self.body = body
        self.query_string = query_string
        self.client = client
        #: Who the request acts as, set by the authenticator when it accepts the request.
        self.principal: str | None = None
        self._query: dict[str, list[str]] | None = None

    @property
    def query(self) -> dict[str, list[str]]:
        """The query parameters, parsed on first use (most requests have none)."""
        if self._query is None:
            self._query = parse_qs(self.query_string, keep_blank_values=True)
        return self._query

    @property
    def content_type(self) -> str:
        """The media type of the body, without parameters, lower-case."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.path}>"


class Response:
    """One HTTP response and how to deliver it.

    ``injected`` marks answers made up by a fault hook, so a spec check can tell a
    deliberately undocumented status from a bug. ``undelivered`` undoes what the answer
    carries when it cannot reach the client (activated jobs are given back).
    """

    __slots__ = (
        "action",
        "body",
        "content_type",
        "delay",
        "headers",
        "injected",
        "status",
        "undelivered",
    )

    def __init__(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = None,
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = headers if headers is not None else []
        self.delay = 0.0
        self.action = Delivery.SEND
        self.injected = False
        self.undelivered: Callable[[], None] | None = None

    def abandon(self) -> None:
        """The answer will not reach the client: undo what it carries, once."""
        undo, self.undelivered = self.undelivered, None
        if undo is not None:
            undo()

    def header_list(self) -> list[tuple[str, str]]:
        """Every header to send, content type and length included."""
        headers = list(self.headers)
        if self.content_type is not None:
            headers.append(("content-type", self.content_type))
        if self.status not in (204, 304):
            headers.append(("content-length", str(len(self.body))))
        return headers

    def json(self) -> Any:
        """The body parsed as JSON (for tests and observers)."""
        return json.loads(self.body)

    def __repr__(self) -> str:
        return f"<Response {self.status} {self.content_type or ''}>"


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def json_response(value: Any, status: int = 200) -> Response:
    """A JSON answer."""
    return Response(status, _dumps(value), JSON)


def no_content() -> Response:
    """204: the command took effect and there is nothing to say."""
    return Response(204)


def problem(
    status: int,
    title: str,
    detail: str,
    instance: str,
    *,
    headers: list[tuple[str, str]] | None = None,
) -> Response:
    """An RFC 9457 problem detail with all five fields the 8.9 spec requires."""
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    return Response(status, _dumps(body), PROBLEM_JSON, headers)
