"""From an HTTP request to a handler call and back: parsing, checking, problem details.

Every operation is an :class:`Operation`: where it lives, its operationId, the schema of its
JSON body, and a handler that gets a :class:`Call` (engine, request, checked path keys,
checked body). Refusals become RFC 9457 problem details in one place: a
:class:`RequestError` is a 400 naming the field, a runtime :class:`Rejection` keeps its
status and title. A handler that waits returns a Future; :func:`when_done` converts its
outcome the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from camunda_core.devengine.api.validation import RequestError, Schema, check_key
from camunda_core.devengine.contract import EngineAPI, NotFound, Rejection
from camunda_core.devengine.http.futures import chain
from camunda_core.devengine.http.messages import Request, Response, problem
from camunda_core.devengine.http.routing import Handler, Router

__all__ = [
    "Call",
    "Operation",
    "bind",
    "build_router",
    "found",
    "query_flag",
    "when_done",
]

T = TypeVar("T")
R = TypeVar("R")
BAD_REQUEST_TITLE = "INVALID_ARGUMENT"


@dataclass(frozen=True, slots=True)
class Call:
    """What a handler gets: the engine, the request, path keys and the checked JSON body."""

    engine: EngineAPI
    request: Request
    params: dict[str, str]
    body: Any

    def problem(self, status: int, title: str, detail: str) -> Response:
        """A problem detail about this request."""
        return problem(status, title, detail, self.request.path)


ApiHandler = Callable[[Call], "Response | Future[Response]"]


@dataclass(frozen=True, slots=True)
class Operation:
    """One REST operation. ``body`` checks the JSON body (None: read the JSON unchecked);
    ``json_body=False`` leaves the body to the handler (multipart) or ignores it (operations
    the spec gives no body, such as GETs); ``body_required`` refuses a missing body."""

    method: str
    path: str
    operation_id: str
    handler: ApiHandler
    body: Schema | None = None
    body_required: bool = False
    json_body: bool = True


def bind(engine: EngineAPI, operation: Operation) -> Handler:
    """The HTTP handler of one operation on one engine."""
    reads_json = operation.json_body and operation.method not in ("GET", "DELETE")

    def handle(request: Request, params: dict[str, str]) -> Response | Future[Response]:
        try:
            for name, value in params.items():
                check_key(value, name)
            body = _body(operation, request) if reads_json else None
            return operation.handler(Call(engine, request, params, body))
        except RequestError as error:
            return problem(400, BAD_REQUEST_TITLE, str(error), request.path)
        except Rejection as rejection:
            return problem(rejection.status, rejection.title, rejection.detail, request.path)

    return handle


def build_router(engine: EngineAPI, operations: list[Operation]) -> Router:
    """The routing table of these operations on this engine."""
    router = Router()
    for operation in operations:
        router.add(
            operation.method, operation.path, operation.operation_id, bind(engine, operation)
        )
    return router


def _body(operation: Operation, request: Request) -> Any:
    raw = request.body
    if not raw or raw.isspace():
        if operation.body_required:
            raise RequestError("", "a JSON body is required")
        return None
    try:
        parsed = json.loads(raw)
    except ValueError as exc:
        raise RequestError("", f"the body is not valid JSON ({exc})") from None
    if operation.body is None:
        return parsed
    if parsed is None and not operation.body_required:
        return None
    return operation.body.check(parsed, "")


def when_done(
    call: Call, future: Future[T], answer: Callable[[T], Response]
) -> Response | Future[Response]:
    """``answer(result)`` once the engine's future is done; rejections become problems."""

    def convert(done: Future[T]) -> Response:
        if done.cancelled():
            return call.problem(503, "UNAVAILABLE", "The request was cancelled.")
        error = done.exception()
        if isinstance(error, Rejection):
            return call.problem(error.status, error.title, error.detail)
        if error is not None:
            raise error
        return answer(done.result())

    return chain(future, convert, Response.abandon)


def query_flag(call: Call, name: str, default: bool) -> bool:
    """A boolean query parameter (``?truncateValues=false``)."""
    values = call.request.query.get(name) if call.request.query_string else None
    if not values:
        return default
    value = values[-1].lower()
    if value not in ("true", "false"):
        raise RequestError(name, "must be true or false")
    return value == "true"


def found(records: Mapping[str, R], key: str, what: str) -> R:
    """The record with ``key`` (read inside ``engine.reading()``), or a 404 rejection."""
    record = records.get(key)
    if record is None:
        raise NotFound(f"{what} with key '{key}' was not found.")
    return record
