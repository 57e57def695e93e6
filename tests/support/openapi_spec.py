"""The official OpenAPI spec for contract tests: where it is, and its operations by id and path.

The spec is never copied into the repository. It is found through ``CAMUNDA_OPENAPI_SPEC``
(the ``rest-api.bundle.json`` file, or the ``camunda-openapi`` folder that holds ``8.9/``), or
beside the repository in ``../shared/camunda-openapi``. When it is missing, CI fails and a
local run skips, each with a message that says how to provide it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "ENV_VAR",
    "Operation",
    "Spec",
    "SpecMissingError",
    "find_spec",
    "in_ci",
    "legacy_spec_path",
]

ENV_VAR = "CAMUNDA_OPENAPI_SPEC"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FOLDER = REPO_ROOT.parent / "shared" / "camunda-openapi"
BUNDLE = Path("8.9") / "rest-api.bundle.json"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")


class SpecMissingError(LookupError):
    """The spec could not be found; the message says where it was looked for."""


def in_ci(environ: Mapping[str, str]) -> bool:
    """Whether this run is CI (``CI`` set to anything but an explicit false)."""
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def find_spec(environ: Mapping[str, str], default_folder: Path = DEFAULT_FOLDER) -> Path:
    """The 8.9 bundle to test against, or ``SpecMissingError`` naming what was tried."""
    given = environ.get(ENV_VAR, "").strip()
    if given:
        path = Path(given).expanduser()
        candidates = [path] if path.suffix == ".json" else [path / BUNDLE, path / BUNDLE.name]
        source = f"{ENV_VAR}={given}"
    else:
        candidates = [default_folder / BUNDLE]
        source = f"the default location (set {ENV_VAR} to override)"
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise SpecMissingError(
        f"the official Camunda OpenAPI spec was not found via {source}; tried {tried}. "
        f"Point {ENV_VAR} at rest-api.bundle.json or at the camunda-openapi folder."
    )


def legacy_spec_path(bundle: Path) -> Path:
    """Where the 8.8 spec sits beside an 8.9 bundle in the camunda-openapi folder."""
    return bundle.parent.parent / "8.8" / "rest-api.yaml"


@dataclass(frozen=True)
class Operation:
    """One operation of the spec: method, path template and its OpenAPI object."""

    operation_id: str
    method: str
    path: str
    definition: dict[str, Any]

    @property
    def parameters(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Declared parameters by ``(in, name)``."""
        return {(p["in"], p["name"]): p for p in self.definition.get("parameters", [])}

    @property
    def request_body(self) -> dict[str, Any] | None:
        """The ``requestBody`` object, if the operation takes a body."""
        return self.definition.get("requestBody")

    def responses(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every documented response, by status code."""
        for code, response in self.definition.get("responses", {}).items():
            if code.isdigit():
                yield int(code), response

    def success(self) -> tuple[int, str | None, dict[str, Any] | None]:
        """The first documented 2xx answer: status, content type and schema (or ``None``)."""
        for code, response in self.responses():
            if 200 <= code < 300:
                for content_type, content in (response.get("content") or {}).items():
                    return code, content_type, content.get("schema")
                return code, None, None
        raise AssertionError(f"{self.operation_id} documents no success response")


class Spec:
    """The operations of one OpenAPI document, by operationId and by request."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.schemas: dict[str, Any] = document["components"]["schemas"]
        shared_responses = document["components"].get("responses", {})
        self.operations: dict[str, Operation] = {}
        self._templates: list[tuple[re.Pattern[str], int, Operation]] = []
        for path, item in document["paths"].items():
            for method in HTTP_METHODS:
                if method in item:
                    definition = _inline_responses(item[method], shared_responses)
                    op = Operation(definition["operationId"], method.upper(), path, definition)
                    self.operations[op.operation_id] = op
                    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(path))
                    self._templates.append((re.compile(f"^{pattern}$"), path.count("{"), op))

    @classmethod
    def load(cls, path: Path) -> Spec:
        """Read a JSON bundle (or, for 8.8, the single YAML file)."""
        text = path.read_text(encoding="utf-8")
        if path.suffix in (".yaml", ".yml"):
            import yaml

            return cls(yaml.safe_load(text))
        return cls(json.loads(text))

    def match(self, method: str, path: str) -> tuple[Operation, dict[str, str]]:
        """The operation a request hits, and its path parameters (literal segments win)."""
        found = [
            (params, match.groupdict(), op)
            for pattern, params, op in self._templates
            if op.method == method and (match := pattern.match(path))
        ]
        if not found:
            raise AssertionError(f"{method} {path} matches no operation of the spec")
        _, values, op = min(found, key=lambda entry: entry[0])
        return op, values


def _inline_responses(definition: dict[str, Any], shared: dict[str, Any]) -> dict[str, Any]:
    """The operation with ``#/components/responses/...`` references replaced (8.8 uses them)."""
    responses = {
        code: shared[response["$ref"].rsplit("/", 1)[-1]] if "$ref" in response else response
        for code, response in definition.get("responses", {}).items()
    }
    return {**definition, "responses": responses}
