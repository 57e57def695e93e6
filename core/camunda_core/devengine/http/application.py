"""The dev engine's HTTP application: one ``handle(request)`` for every adapter.

``handle`` returns a :class:`Response`, or a ``Future`` of one for commands that wait (long
polls, awaited completions). The ASGI adapter awaits it with ``asyncio.wrap_future``, the
in-process sync transport with ``future.result()``; nothing here blocks or needs a loop.

The path of a request: base path (``/v2``) and the two extra endpoints (``/oauth/token``,
``/_devengine/faults``), routing (404/405), authentication (401), fault hooks, the handler,
response observers. The request path is kept lean on purpose (the worker benchmark must be
client bound): a dict lookup, one attribute check per optional feature, no logging.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future

from camunda_core.devengine.http import admin
from camunda_core.devengine.http.auth import TOKEN_PATH, AuthConfig, Authenticator
from camunda_core.devengine.http.faults import Fault, FaultHooks
from camunda_core.devengine.http.futures import chain
from camunda_core.devengine.http.messages import Delivery, Request, Response, problem
from camunda_core.devengine.http.observers import ResponseObserver, global_observers
from camunda_core.devengine.http.routing import Router

__all__ = ["Application"]

logger = logging.getLogger("camunda_core.devengine.http")

#: Operations answered without credentials: health probes must work before auth is set up.
OPEN_OPERATIONS = frozenset({"getStatus"})


class Application:
    """Routes, auth, fault hooks and observers around the handlers of a router."""

    def __init__(
        self,
        router: Router,
        *,
        auth: AuthConfig | Authenticator | None = None,
        base_path: str = "/v2",
    ) -> None:
        self.router = router
        self.base_path = base_path.rstrip("/")
        self.auth = auth if isinstance(auth, Authenticator) else Authenticator(auth or AuthConfig())
        self.faults = FaultHooks()
        self._observers: tuple[ResponseObserver, ...] = ()
        #: Set by :meth:`close`: hung requests and waiting transports give up.
        self.closed = threading.Event()

    # --- configuration -------------------------------------------------------------------
    def add_response_observer(self, observer: ResponseObserver) -> None:
        """Call ``observer(request, response, operation_id)`` for every response."""
        self._observers = (*self._observers, observer)

    def remove_response_observer(self, observer: ResponseObserver) -> None:
        """Stop calling ``observer``."""
        self._observers = tuple(o for o in self._observers if o is not observer)

    def close(self) -> None:
        """Release requests that hang on purpose; the application answers nothing new."""
        self.closed.set()

    # --- handling --------------------------------------------------------------------------
    def handle(self, request: Request) -> Response | Future[Response]:
        """Answer one request (or promise to)."""
        path = request.path
        base = self.base_path
        if path.startswith(base) and (len(path) == len(base) or path[len(base)] == "/"):
            return self._handle_api(request, path[len(base) :] or "/")
        if path == TOKEN_PATH:
            return self._finish(request, self._token(request), None)
        if path == admin.ADMIN_PATH or path.startswith(admin.ADMIN_PATH + "/"):
            return self._finish(request, admin.handle(self.faults, request), None)
        return self._finish(request, _not_found(request), None)

    def _handle_api(self, request: Request, path: str) -> Response | Future[Response]:
        match = self.router.match(request.method, path)
        route = match.route
        if route is None:
            if match.allowed:
                answer = problem(
                    405,
                    "Method Not Allowed",
                    f"{request.method} is not allowed here; use {', '.join(match.allowed)}.",
                    request.path,
                    headers=[("allow", ", ".join(match.allowed))],
                )
                return self._finish(request, answer, None)
            return self._finish(request, _not_found(request), None)
        op = route.operation_id
        if self.auth.enabled and op not in OPEN_OPERATIONS:
            refusal = self.auth.check(request)
            if refusal is not None:
                return self._finish(request, refusal, op)
        fault = self.faults.take(op) if self.faults.active else None
        if fault is not None and fault.kind in ("status", "drop", "hang"):
            return self._finish(request, _injected(fault, request), op)
        try:
            outcome = route.handler(request, match.params)
        except Exception:
            logger.exception("%s failed on %s %s", op, request.method, request.path)
            outcome = _internal_error(request)
        if isinstance(outcome, Future):
            return chain(outcome, lambda done: self._finish_done(request, done, op, fault))
        return self._finish(request, _apply(fault, outcome), op)

    def _finish_done(
        self, request: Request, done: Future[Response], op: str, fault: Fault | None
    ) -> Response:
        if done.cancelled():
            return self._finish(request, _unavailable(request), op)
        error = done.exception()
        if error is not None:
            logger.error("%s failed on %s", op, request.path, exc_info=error)
            return self._finish(request, _internal_error(request), op)
        return self._finish(request, _apply(fault, done.result()), op)

    def _finish(self, request: Request, response: Response, op: str | None) -> Response:
        """Show the response to the observers; one that raises turns it into a 500."""
        observers = global_observers() + self._observers if self._observers else global_observers()
        for observer in observers:
            try:
                observer(request, response, op)
            except Exception as exc:
                logger.error(
                    "response observer %r refused an answer of %s", observer, op, exc_info=exc
                )
                return problem(
                    500, "Response observer failed", f"{type(exc).__name__}: {exc}", request.path
                )
        return response

    def unavailable(self, request: Request) -> Response:
        """The 503 for a request whose wait was cut short by shutdown (observed like any other)."""
        return self._finish(request, _unavailable(request), None)

    def _token(self, request: Request) -> Response:
        if request.method != "POST":
            return problem(
                405, "Method Not Allowed", "use POST", request.path, headers=[("allow", "POST")]
            )
        if self.auth.config.mode != "oauth":
            return problem(404, "Not Found", "the token endpoint needs --auth oauth", request.path)
        return self.auth.issue_token(request)


def _apply(fault: Fault | None, response: Response) -> Response:
    """Apply a fault that lets the command run (delay, lost response)."""
    if fault is not None:
        if fault.kind == "delay":
            response.delay = fault.delay
        elif fault.kind == "lose_response":
            response.action = Delivery.DROP
    return response


def _injected(fault: Fault, request: Request) -> Response:
    if fault.kind == "status":
        response = problem(fault.status, fault.title, fault.detail, request.path)
    else:
        response = Response(0)
        response.action = Delivery.DROP if fault.kind == "drop" else Delivery.HANG
    response.injected = True
    return response


def _not_found(request: Request) -> Response:
    return problem(404, "Not Found", f"No operation at {request.path}.", request.path)


def _internal_error(request: Request) -> Response:
    return problem(
        500, "Internal Server Error", "The dev engine failed; see its log.", request.path
    )


def _unavailable(request: Request) -> Response:
    return problem(503, "UNAVAILABLE", "The dev engine is shutting down.", request.path)
