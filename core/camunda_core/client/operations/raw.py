"""The escape hatch: any REST v2 call, still with auth, retries and error mapping."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from camunda_core.client._call import Call, parse_response

__all__ = ["request"]

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def request(
    method: str,
    path: str,
    *,
    json: Any = None,
    params: Mapping[str, Any] | None = None,
    operation: str | None = None,
    resend_safe: bool | None = None,
) -> Call[httpx.Response]:
    """A call to ``path`` (relative to the ``/v2`` base). Reads and searches are resent on a
    lost answer; other methods only when ``resend_safe=True``."""
    method = method.upper()
    if "://" in path:
        raise ValueError(
            f"path must be relative to the REST base URL, like '/license' (got {path!r})"
        )
    path = "/" + path.lstrip("/")
    if resend_safe is None:
        resend_safe = method in _SAFE_METHODS or path.endswith("/search")
    return Call(
        operation or f"{method} {path}",
        method,
        path,
        parse=parse_response,
        json=json,
        params=params,
        resend_safe=resend_safe,
    )
