"""Every response of the dev engine, checked against the official 8.9 spec.

:class:`SpecCheck` says what is wrong with one response: a status the operation does not
document (401, 403 and 500 may come from any operation, as the digest notes; fault-injected
answers may use any status), a content type the operation does not document, or a body that
does not fit the response schema (OpenAPI 3.0 ``nullable``, ``$ref``s and ``\\p{L}`` patterns
handled by ``openapi_schema.SchemaTools``).

Two ways to use it:

- :class:`SpecObserver` collects violations; the suite's ``conftest.py`` registers one for the
  whole session and fails the test during which a violation happened.
- :func:`strict_observer` is for engines in another process
  (``--observer spec_check:strict_observer``): a violation becomes a 500 to the client that
  caused it, and a line in the file named by ``CAMUNDA_SPEC_REPORT`` if set.

The spec is loaded on first use (converting the schemas takes a moment).
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any

from openapi_schema import SchemaTools
from openapi_spec import Spec, SpecMissingError, find_spec, in_ci

from camunda_core.devengine.http.messages import Delivery, Request, Response

__all__ = ["REPORT_ENV", "SpecCheck", "SpecObserver", "strict_observer"]

REPORT_ENV = "CAMUNDA_SPEC_REPORT"
API_BASE = "/v2"
#: Statuses any operation may answer though few document them (auth, permissions, bugs).
GENERIC_STATUSES = frozenset({401, 403, 500})


def _media_type(content_type: str | None) -> str | None:
    return content_type.split(";", 1)[0].strip().lower() if content_type else None


class SpecCheck:
    """Checks responses against one spec document."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.tools = SchemaTools(spec.schemas)
        self._validators: dict[tuple[str, int, str], Any] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_environment(cls) -> SpecCheck:
        """The check for the spec ``CAMUNDA_OPENAPI_SPEC`` or the default location names
        (``SpecMissingError`` when there is none)."""
        return cls(Spec.load(find_spec(os.environ)))

    def problems(self, request: Request, response: Response, operation_id: str | None) -> list[str]:
        """What is wrong with ``response`` (empty when it fits the spec)."""
        if response.injected and response.action is not Delivery.SEND:
            return []  # a drop or hang on purpose: no answer to check
        if operation_id is None:
            return self._unrouted(request, response)
        operation = self.spec.operations.get(operation_id)
        if operation is None:
            return [f"{operation_id} is not an operation of the spec"]
        documented = dict(operation.responses())
        definition = documented.get(response.status)
        if definition is None:
            if response.status not in GENERIC_STATUSES and not response.injected:
                codes = ", ".join(str(c) for c in sorted(documented))
                return [f"status {response.status} is not documented (documented: {codes})"]
            return self._problem_detail(response)
        return self._documented(operation_id, response, definition)

    def _unrouted(self, request: Request, response: Response) -> list[str]:
        """404/405 of the API: problem details; the token and admin endpoints are ours."""
        if not request.path.startswith(API_BASE) or response.status < 400:
            return []
        return self._problem_detail(response)

    def _problem_detail(self, response: Response) -> list[str]:
        if _media_type(response.content_type) != "application/problem+json":
            return [
                f"a {response.status} must be application/problem+json, not {response.content_type}"
            ]
        return self._body_problems(
            ("ProblemDetail", 0, ""), {"$ref": "#/components/schemas/ProblemDetail"}, response
        )

    def _documented(
        self, operation_id: str, response: Response, definition: dict[str, Any]
    ) -> list[str]:
        content: dict[str, Any] = definition.get("content") or {}
        media = _media_type(response.content_type)
        if not response.body:
            if response.status == 204 or not content:
                return []
            return [f"status {response.status} must have a body ({', '.join(content)})"]
        if not content:
            return [f"status {response.status} documents no body, got {response.content_type}"]
        if media not in content:
            return [
                f"content type {response.content_type} is not documented ({', '.join(content)})"
            ]
        schema = content[media].get("schema")
        if schema is None or "json" not in (media or ""):
            return []
        return self._body_problems((operation_id, response.status, media or ""), schema, response)

    def _body_problems(
        self, cache_key: tuple[str, int, str], schema: dict[str, Any], response: Response
    ) -> list[str]:
        try:
            body = json.loads(response.body)
        except ValueError as exc:
            return [f"the body is not JSON: {exc}"]
        validator = self._validator(cache_key, schema)
        return [_describe(error) for error in validator.iter_errors(body)]

    def _validator(self, cache_key: tuple[str, int, str], schema: dict[str, Any]) -> Any:
        with self._lock:
            found = self._validators.get(cache_key)
            if found is None:
                found = self._validators[cache_key] = self.tools.validator(schema)
            return found


def _describe(error: Any) -> str:
    where = "/".join(str(part) for part in error.absolute_path) or "(body)"
    return f"{where}: {error.message}"[:500]


class SpecObserver:
    """A response observer that collects violations until :meth:`take` hands them over.

    Without the spec it records nothing, except in CI, where every response is a violation
    (CI must check the responses, so a missing spec must not pass silently).
    """

    def __init__(self) -> None:
        self._check: SpecCheck | None = None
        self._missing: str | None = None
        self._loaded = False
        self._lock = threading.Lock()
        self._violations: list[str] = []

    @property
    def active(self) -> bool:
        """Whether responses are checked (False locally when the spec is absent)."""
        self._load()
        return self._check is not None or self._missing is not None

    def _load(self) -> SpecCheck | None:
        with self._lock:
            if not self._loaded:
                self._loaded = True
                try:
                    self._check = SpecCheck.from_environment()
                except SpecMissingError as missing:
                    if in_ci(os.environ):
                        self._missing = f"CI must check every response against the spec: {missing}"
            return self._check

    def __call__(self, request: Request, response: Response, operation_id: str | None) -> None:
        check = self._load()
        if check is None:
            found = [self._missing] if self._missing else []
        else:
            found = check.problems(request, response, operation_id)
        if found:
            where = f"{request.method} {request.path} -> {response.status} ({operation_id})"
            with self._lock:
                self._violations.extend(f"{where}: {problem}" for problem in found)

    def take(self) -> list[str]:
        """The violations seen since the last call."""
        with self._lock:
            taken, self._violations = self._violations, []
        return taken


_STRICT = SpecObserver()


def strict_observer(request: Request, response: Response, operation_id: str | None) -> None:
    """For ``--observer``: a violation becomes a 500 for the client (and a report line)."""
    _STRICT(request, response, operation_id)
    violations = _STRICT.take()
    if not violations:
        return
    report = os.environ.get(REPORT_ENV)
    if report:
        with open(report, "a", encoding="utf-8") as out:
            out.writelines(line + "\n" for line in violations)
    raise AssertionError("response does not fit the 8.9 spec: " + "; ".join(violations))
