"""A fully built REST call: what to send, and how to read a successful answer.

Operation builders (``camunda_core.client.operations``) produce ``Call`` objects without any
I/O; the sync and async clients only send them. That keeps request building and response
parsing in one implementation for both clients.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from camunda_core.errors import UnexpectedResponseError

__all__ = ["Call", "FileField", "parse_model", "parse_none", "parse_optional_model", "parse_text"]

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

#: One multipart part: (form field, (file name, content, content type)).
FileField = tuple[str, tuple[str, bytes, str]]


@dataclass(frozen=True)
class Call(Generic[T]):
    """One REST v2 operation ready to send.

    ``resend_safe`` says whether sending it again after a lost answer is harmless (reads, and
    job/user-task commands whose repeat is refused with 404/409); a call that is not is
    retried only when it certainly never reached the server.
    """

    operation: str
    method: str
    path: str
    parse: Callable[[httpx.Response], T]
    json: Any = None
    params: Mapping[str, Any] | None = None
    files: Sequence[FileField] | None = None
    data: Mapping[str, str] | None = None
    resend_safe: bool = True
    timeout: float | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    #: Error statuses that are an answer for this operation (``GET /status`` 503 = down).
    accept_statuses: tuple[int, ...] = ()


def parse_model(model: type[M]) -> Callable[[httpx.Response], M]:
    """Parse the JSON body into ``model``."""

    def parse(response: httpx.Response) -> M:
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            raise _unexpected(response, exc) from None

    return parse


def parse_optional_model(model: type[M]) -> Callable[[httpx.Response], M | None]:
    """Like ``parse_model``, but 204 No Content means ``None`` (e.g. a task with no form)."""
    parse_body = parse_model(model)

    def parse(response: httpx.Response) -> M | None:
        return None if response.status_code == 204 or not response.content else parse_body(response)

    return parse


def parse_adapter(adapter: TypeAdapter[T]) -> Callable[[httpx.Response], T]:
    """Parse the JSON body with a ``TypeAdapter`` (generic or non-model shapes)."""

    def parse(response: httpx.Response) -> T:
        try:
            return adapter.validate_json(response.content)
        except ValidationError as exc:
            raise _unexpected(response, exc) from None

    return parse


def parse_none(response: httpx.Response) -> None:
    """Success answers without a body (204)."""
    return


def parse_text(response: httpx.Response) -> str | None:
    """A text body (BPMN XML); 204 means there is none."""
    return None if response.status_code == 204 else response.text


def parse_response(response: httpx.Response) -> httpx.Response:
    """The raw answer, for the escape hatch."""
    return response


def _unexpected(response: httpx.Response, exc: ValidationError) -> UnexpectedResponseError:
    operation = str(response.request.extensions.get("camunda_operation", response.request.url.path))
    problems = "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or 'body'}: {err['msg']}"
        for err in exc.errors(include_url=False)[:5]
    )
    return UnexpectedResponseError(
        f"the answer does not fit the expected shape ({problems})",
        operation=operation,
        status=response.status_code,
    )
