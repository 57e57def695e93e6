"""A scripted Camunda at the client's edge (``httpx.MockTransport``) and sample answers.

``Script`` answers each request with the next scripted answer and records the requests. It
refuses to answer more than its answers (plus ``repeat_last`` extra requests), so a test
that loops by mistake fails instead of hanging.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from camunda_core import AsyncCamundaClient, CamundaClient, RetryPolicy

__all__ = [
    "BASE",
    "FAST_RETRY",
    "KEY",
    "Script",
    "async_client",
    "page",
    "problem",
    "process_instance",
    "sync_client",
    "user_task",
    "variable",
]

BASE = "http://camunda.test"
KEY = "2251799813685249"
FAST_RETRY = RetryPolicy(max_attempts=4, base_delay=0.001, max_delay=0.002)

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class Script:
    """Scripted answers, one per request, and the requests that were made."""

    def __init__(self, *answers: Answer, repeat_last: int = 0) -> None:
        self.answers = list(answers)
        self.repeat_last = repeat_last
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        index = len(self.requests) - 1
        if index >= len(self.answers) + self.repeat_last:
            raise AssertionError(f"unexpected request #{index + 1}: {request.method} {request.url}")
        answer = self.answers[min(index, len(self.answers) - 1)]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            return httpx.Response(
                answer.status_code, headers=answer.headers, content=answer.content
            )
        return answer(request)

    def bodies(self) -> list[Any]:
        """The JSON bodies sent, in order."""
        return [json.loads(r.content) if r.content else None for r in self.requests]


def sync_client(
    script: Script, *, retry: RetryPolicy = FAST_RETRY, **settings: Any
) -> CamundaClient:
    return CamundaClient(
        rest_address=BASE, transport=httpx.MockTransport(script), retry=retry, **settings
    )


def async_client(
    script: Script, *, retry: RetryPolicy = FAST_RETRY, **settings: Any
) -> AsyncCamundaClient:
    return AsyncCamundaClient(
        rest_address=BASE, transport=httpx.MockTransport(script), retry=retry, **settings
    )


def problem(status: int, title: str = "", detail: str = "d") -> httpx.Response:
    return httpx.Response(
        status,
        json={"type": "about:blank", "title": title, "status": status, "detail": detail},
        headers={"content-type": "application/problem+json"},
    )


def page(
    items: list[dict[str, Any]], *, total: int, end_cursor: str | None = None
) -> httpx.Response:
    return httpx.Response(
        200,
        json={
            "items": items,
            "page": {
                "totalItems": total,
                "hasMoreTotalItems": False,
                "startCursor": "c0" if items else None,
                "endCursor": end_cursor,
            },
        },
    )


def user_task(key: str, **fields: Any) -> dict[str, Any]:
    return {
        "userTaskKey": key,
        "state": "CREATED",
        "elementId": "Task_1",
        "elementInstanceKey": "1",
        "processDefinitionId": "order_process",
        "processDefinitionKey": "2",
        "processInstanceKey": "3",
        "creationDate": "2025-09-07T21:36:14.277Z",
        **fields,
    }


def process_instance(key: str, **fields: Any) -> dict[str, Any]:
    return {
        "processInstanceKey": key,
        "processDefinitionKey": "2",
        "processDefinitionId": "order_process",
        "processDefinitionVersion": 1,
        "startDate": "2025-09-07T21:36:14.277Z",
        "state": "ACTIVE",
        **fields,
    }


def variable(name: str, value: str, **fields: Any) -> dict[str, Any]:
    return {
        "variableKey": KEY,
        "name": name,
        "value": value,
        "scopeKey": "3",
        "processInstanceKey": "3",
        **fields,
    }
