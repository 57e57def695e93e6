"""The fault-hook admin endpoint, for tests that drive an engine in another process.

``GET /_devengine/faults`` lists the faults, ``POST`` adds one (JSON: ``operation``, ``kind``
and optionally ``times``, ``status``, ``title``, ``detail``, ``delay``), ``DELETE`` clears them,
``DELETE /_devengine/faults/{id}`` removes one. Only loopback clients may use it: it can stall
every caller, so it must not be reachable from another machine even when the engine listens on
all interfaces.
"""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from camunda_core.devengine.http.faults import Fault, FaultHooks
from camunda_core.devengine.http.messages import (
    Request,
    Response,
    json_response,
    no_content,
    problem,
)

__all__ = ["ADMIN_PATH", "handle", "is_loopback"]

ADMIN_PATH = "/_devengine/faults"
_FIELDS = {"operation", "kind", "times", "status", "title", "detail", "delay"}


def is_loopback(client: str | None) -> bool:
    """Whether a peer address is this machine (``127.0.0.0/8``, ``::1``, IPv4-mapped too).

    ``None`` (no peer address: a Unix socket or an unknown transport) is not trusted.
    """
    if not client:
        return False
    try:
        address = ipaddress.ip_address(client.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def handle(faults: FaultHooks, request: Request) -> Response:
    """Answer one admin request."""
    if not is_loopback(request.client):
        return problem(
            403,
            "Forbidden",
            "The fault admin endpoint answers loopback clients only.",
            request.path,
        )
    rest = request.path[len(ADMIN_PATH) :].strip("/")
    if rest:
        if request.method != "DELETE" or not rest.isdigit():
            return problem(404, "Not Found", f"No admin operation at {request.path}.", request.path)
        if not faults.remove(int(rest)):
            return problem(404, "Not Found", f"No fault with id {rest}.", request.path)
        return no_content()
    if request.method == "GET":
        return json_response({"faults": [f.to_json() for f in faults.list()]})
    if request.method == "DELETE":
        faults.clear()
        return no_content()
    if request.method == "POST":
        return _add(faults, request)
    return problem(405, "Method Not Allowed", "use GET, POST or DELETE", request.path)


def _add(faults: FaultHooks, request: Request) -> Response:
    try:
        body = json.loads(request.body or b"{}")
        fault = Fault(**_fault_arguments(body))
    except (ValueError, TypeError) as exc:
        return problem(400, "Bad Request", f"Not a fault: {exc}", request.path)
    faults.add(fault)
    return json_response(fault.to_json(), 201)


def _fault_arguments(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise TypeError("the body must be a JSON object")
    unknown = set(body) - _FIELDS
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}; allowed: {sorted(_FIELDS)}")
    if not isinstance(body.get("operation"), str) or not isinstance(body.get("kind"), str):
        raise ValueError("'operation' and 'kind' are required strings")
    for name, kinds in (("times", int), ("status", int), ("delay", (int, float))):
        value = body.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, kinds)):
            raise TypeError(f"'{name}' must be a number")
    return dict(body)
