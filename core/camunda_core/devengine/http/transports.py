"""httpx transports that hand requests straight to the application: no socket, no server.

``CamundaClient(transport=DevEngineTransport(app))`` talks to an in-process engine exactly as
it would over HTTP: same bytes in, same bytes out, same faults. Waiting commands are waited
on with ``future.result()`` (sync) or ``asyncio.wrap_future`` (async), bounded by the
request's read timeout, as a socket read would be. Fault deliveries become what httpx raises
for the real thing: a dropped connection is ``RemoteProtocolError``, a hang a ``ReadTimeout``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from concurrent.futures import Future

import httpx

from camunda_core.devengine.http.application import Application
from camunda_core.devengine.http.futures import abandon_when_done
from camunda_core.devengine.http.messages import Delivery, Request, Response

__all__ = ["AsyncDevEngineTransport", "DevEngineTransport"]

#: The peer address in-process requests carry: the caller is in this very process.
IN_PROCESS_CLIENT = "127.0.0.1"
_DROPPED = "Server disconnected without sending a response."


def _to_request(request: httpx.Request, body: bytes) -> Request:
    url = request.url
    return Request(
        request.method,
        url.path,
        headers={k.decode("latin-1").lower(): v.decode("latin-1") for k, v in request.headers.raw},
        body=body,
        query_string=url.query.decode("ascii"),
        client=IN_PROCESS_CLIENT,
    )


def _to_httpx(response: Response) -> httpx.Response:
    return httpx.Response(response.status, headers=response.header_list(), content=response.body)


def _read_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout", {})
    value = timeout.get("read") if isinstance(timeout, dict) else None
    return float(value) if value is not None else None


class DevEngineTransport(httpx.BaseTransport):
    """A sync httpx transport bound to an application."""

    def __init__(self, app: Application) -> None:
        self.app = app

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        timeout = _read_timeout(request)
        outcome = self.app.handle(_to_request(request, request.read()))
        if isinstance(outcome, Future):
            outcome = self._wait(outcome, request, timeout)
        return self._deliver(outcome, request, timeout)

    @staticmethod
    def _wait(outcome: Future[Response], request: httpx.Request, timeout: float | None) -> Response:
        try:
            return outcome.result(timeout)
        except concurrent.futures.TimeoutError:
            outcome.cancel()
            abandon_when_done(outcome)
            raise httpx.ReadTimeout(
                "timed out waiting for the dev engine", request=request
            ) from None

    def _deliver(
        self, response: Response, request: httpx.Request, timeout: float | None
    ) -> httpx.Response:
        closed = self.app.closed
        if response.delay:
            if timeout is not None and response.delay > timeout:
                closed.wait(timeout)
                raise httpx.ReadTimeout("the delayed answer came too late", request=request)
            closed.wait(response.delay)
        if response.action is Delivery.DROP:
            raise httpx.RemoteProtocolError(_DROPPED, request=request)
        if response.action is Delivery.HANG:
            if closed.wait(timeout):
                raise httpx.RemoteProtocolError(_DROPPED, request=request)
            raise httpx.ReadTimeout("the dev engine never answered (hang fault)", request=request)
        return _to_httpx(response)


class AsyncDevEngineTransport(httpx.AsyncBaseTransport):
    """An async httpx transport bound to an application (commands run on the event loop)."""

    def __init__(self, app: Application) -> None:
        self.app = app

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeout = _read_timeout(request)
        outcome = self.app.handle(_to_request(request, await request.aread()))
        if isinstance(outcome, Future):
            waiting = outcome
            try:
                outcome = await asyncio.wait_for(asyncio.wrap_future(waiting), timeout)
            except asyncio.TimeoutError:
                abandon_when_done(waiting)
                raise httpx.ReadTimeout(
                    "timed out waiting for the dev engine", request=request
                ) from None
            except asyncio.CancelledError:
                abandon_when_done(waiting)  # the caller gave up (a cancelled long poll)
                raise
        return await self._deliver(outcome, request, timeout)

    async def _deliver(
        self, response: Response, request: httpx.Request, timeout: float | None
    ) -> httpx.Response:
        if response.delay:
            if timeout is not None and response.delay > timeout:
                await self._sleep(timeout)
                raise httpx.ReadTimeout("the delayed answer came too late", request=request)
            await self._sleep(response.delay)
        if response.action is Delivery.DROP:
            raise httpx.RemoteProtocolError(_DROPPED, request=request)
        if response.action is Delivery.HANG:
            if await self._sleep(timeout):
                raise httpx.RemoteProtocolError(_DROPPED, request=request)
            raise httpx.ReadTimeout("the dev engine never answered (hang fault)", request=request)
        return _to_httpx(response)

    async def _sleep(self, seconds: float | None) -> bool:
        """Sleep ``seconds`` (None: until closed); True when the application closed first."""
        deadline = None if seconds is None else time.monotonic() + seconds
        while not self.app.closed.is_set():
            left = 0.05 if deadline is None else min(0.05, deadline - time.monotonic())
            if left <= 0:
                return False
            await asyncio.sleep(left)
        return True
