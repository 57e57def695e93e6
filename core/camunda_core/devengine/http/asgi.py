"""The application as an ASGI 3 app (served by uvicorn, see ``server``; no uvicorn import here).

Waiting commands are awaited with ``asyncio.wrap_future`` while the client connection is
watched: a client that goes away or a server that shuts down cancels the wait, so the runtime
can release what it held (a long poll's jobs). Fault deliveries (drop, hang) need the
connection itself; a server that knows how offers it by client address (see
``server``), and the adapter then also sends each response in one write.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import Future
from typing import Any, Protocol

from camunda_core.devengine.http.application import Application
from camunda_core.devengine.http.futures import abandon_when_done
from camunda_core.devengine.http.messages import Delivery, Request, Response

__all__ = ["AsgiAdapter", "Connection"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class Connection(Protocol):
    """What the adapter needs of a server connection: batching writes and aborting."""

    def cork(self) -> None: ...
    def uncork(self) -> None: ...
    def abort(self) -> None: ...


class _ClientGone(Exception):  # noqa: N818 - control flow, not an error
    """The client disconnected before its request was read."""


class AsgiAdapter:
    """Serve an :class:`Application` over ASGI."""

    def __init__(
        self, app: Application, connections: dict[tuple[str, int], Connection] | None = None
    ) -> None:
        self.app = app
        #: Connections by client address, kept by a cooperating server (see ``server``).
        self.connections = connections if connections is not None else {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closing: asyncio.Event | None = None

    def begin_shutdown(self) -> None:
        """From any thread: answer waiting requests now (503) and release hung ones."""
        self.app.close()
        loop, closing = self._loop, self._closing
        if loop is not None and closing is not None and not loop.is_closed():
            loop.call_soon_threadsafe(closing.set)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._bind_loop()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    def _bind_loop(self) -> asyncio.Event:
        if self._closing is None:
            self._loop = asyncio.get_running_loop()
            self._closing = asyncio.Event()
            if self.app.closed.is_set():
                self._closing.set()
        return self._closing

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            body = await _read_body(receive)
        except _ClientGone:
            return
        client = scope.get("client")
        request = Request(
            scope["method"],
            scope["path"],
            headers={k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]},
            body=body,
            query_string=scope.get("query_string", b"").decode("latin-1"),
            client=client[0] if client else None,
        )
        outcome = self.app.handle(request)
        connection = self.connections.get((client[0], client[1])) if client else None
        if isinstance(outcome, Future):
            waited = await self._wait(outcome, receive)
            if waited is None:
                if self._closing is not None and self._closing.is_set():
                    await _send(send, self.app.unavailable(request), connection)
                return
            outcome = waited
        await self._deliver(outcome, receive, send, connection)

    async def _wait(self, outcome: Future[Response], receive: Receive) -> Response | None:
        """The response, or None when the client left or the server is shutting down."""
        if outcome.done():
            return outcome.result()
        wrapped = asyncio.wrap_future(outcome)
        gone = asyncio.ensure_future(_disconnected(receive))
        watchers = {gone, asyncio.ensure_future(self._bind_loop().wait())}
        waiting: set[asyncio.Future[Any]] = {wrapped, *watchers}
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        client_left = gone.done() and not gone.cancelled()
        for watcher in watchers:
            watcher.cancel()
        if wrapped.done():
            response = wrapped.result()
            if not client_left:
                return response
            response.abandon()  # answered just as the client left: undo what it carries
            return None
        wrapped.cancel()  # cancels ``outcome`` and, through the chain, the runtime's future
        abandon_when_done(outcome)  # ...unless the runtime answered first: then undo that
        return None

    async def _deliver(
        self, response: Response, receive: Receive, send: Send, connection: Connection | None
    ) -> None:
        if response.delay:
            await asyncio.sleep(response.delay)
        if response.action is Delivery.SEND:
            await _send(send, response, connection)
        elif response.action is Delivery.DROP:
            await _drop(receive, send, connection)
        else:
            closing = asyncio.ensure_future(self._bind_loop().wait())
            gone = asyncio.ensure_future(_disconnected(receive))
            await asyncio.wait({closing, gone}, return_when=asyncio.FIRST_COMPLETED)
            closing.cancel()
            if not gone.done():
                gone.cancel()
                await _drop(receive, send, connection)


async def _read_body(receive: Receive) -> bytes:
    message = await receive()
    if message["type"] == "http.disconnect":
        raise _ClientGone
    body: bytes = message.get("body", b"")
    if not message.get("more_body", False):
        return body
    chunks = [body]
    while message.get("more_body", False):
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _ClientGone
        chunks.append(message.get("body", b""))
    return b"".join(chunks)


async def _disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _send(send: Send, response: Response, connection: Connection | None) -> None:
    """Status line, headers and body, in one write when the server lets us batch them."""
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in response.header_list()]
    if connection is not None:
        connection.cork()
    try:
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        await send({"type": "http.response.body", "body": response.body})
    finally:
        if connection is not None:
            connection.uncork()


async def _drop(receive: Receive, send: Send, connection: Connection | None) -> None:
    """Close the connection without an answer.

    With the server's connection: abort it and wait for the server to notice, so it does not
    answer 500 in our place. Without: promise a body and end the response early, which
    closes the connection too (the server logs that as an application error).
    """
    if connection is None:
        headers = [(b"content-length", b"1")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        return
    connection.abort()
    await _disconnected(receive)
