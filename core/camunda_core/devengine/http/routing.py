"""From (method, path) to the handler of one operation.

Literal paths (``/jobs/activation``) are one dict lookup; templated ones
(``/jobs/{jobKey}/completion``) are grouped by segment count and tried with literal segments
first, so ``/process-instances/search`` never reaches ``/process-instances/{key}``. A path that
exists under another method is a 405 with ``Allow``, anything else a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from camunda_core.devengine.http.messages import Request, Response

__all__ = ["Handler", "Route", "RouteMatch", "Router"]

#: A handler gets the request and the path parameters by name.
Handler = Callable[[Request, dict[str, str]], "Response | Future[Response]"]


@dataclass(frozen=True, slots=True)
class Route:
    """One operation: ``template`` is relative to the base path, as in the spec."""

    method: str
    template: str
    operation_id: str
    handler: Handler


@dataclass(frozen=True, slots=True)
class RouteMatch:
    """What a lookup found: the route (None when nothing matched) and why not."""

    route: Route | None
    params: dict[str, str]
    allowed: tuple[str, ...] = ()  # methods that would match, for a 405


_Segments = tuple[str | None, ...]  # None marks a parameter


class Router:
    """The routing table of one application."""

    def __init__(self) -> None:
        self._literal: dict[tuple[str, str], Route] = {}
        self._literal_methods: dict[str, list[str]] = {}
        self._templated: dict[int, list[tuple[_Segments, tuple[str, ...], Route]]] = {}
        self.routes: list[Route] = []

    def add(self, method: str, template: str, operation_id: str, handler: Handler) -> None:
        """Register one operation; a second one for the same method and path is a bug."""
        route = Route(method.upper(), template, operation_id, handler)
        self.routes.append(route)
        parts = template.strip("/").split("/")
        if not any(part.startswith("{") for part in parts):
            if (route.method, template) in self._literal:
                raise ValueError(f"{route.method} {template} is registered twice")
            self._literal[(route.method, template)] = route
            self._literal_methods.setdefault(template, []).append(route.method)
            return
        segments = tuple(None if p.startswith("{") else p for p in parts)
        names = tuple(p[1:-1] for p in parts if p.startswith("{"))
        bucket = self._templated.setdefault(len(parts), [])
        bucket.append((segments, names, route))
        # Most literal segments first, so literal paths win over parameters.
        bucket.sort(key=lambda entry: sum(s is None for s in entry[0]))

    def match(self, method: str, path: str) -> RouteMatch:
        """The route for ``path`` (relative to the base path) and ``method``."""
        route = self._literal.get((method, path))
        if route is not None:
            return RouteMatch(route, {})
        literal_methods = self._literal_methods.get(path)
        if literal_methods:
            return RouteMatch(None, {}, tuple(literal_methods))
        parts = path.strip("/").split("/")
        allowed: list[str] = []
        for segments, names, candidate in self._templated.get(len(parts), ()):
            if not _fits(segments, parts):
                continue
            if candidate.method == method:
                values = [part for part, seg in zip(parts, segments, strict=True) if seg is None]
                return RouteMatch(candidate, dict(zip(names, values, strict=True)))
            allowed.append(candidate.method)
        return RouteMatch(None, {}, tuple(allowed))


def _fits(segments: _Segments, parts: list[str]) -> bool:
    for segment, part in zip(segments, parts, strict=True):
        if segment is None:
            if not part:
                return False
        elif segment != part:
            return False
    return True
