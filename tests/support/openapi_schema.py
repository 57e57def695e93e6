"""OpenAPI 3.0 schemas as JSON Schema: validation of requests and samples of responses.

``jsonschema`` speaks JSON Schema, not OpenAPI 3.0, and the Camunda spec leans on OpenAPI
habits that plain JSON Schema reads differently. Each rule below is such a spec quirk, named
so a report can say which ones were needed:

- ``nullable``: ``nullable: true`` becomes "null, or the schema".
- ``inherited-properties``: a closed object (``additionalProperties: false``) that gets
  properties through ``allOf`` (every search request inherits ``page``) declares those
  names, as OpenAPI's composition intends; plain JSON Schema would refuse them.
- ``discriminator``: a ``oneOf`` with a discriminator picks its branch by the discriminator
  value (``JobResult.type``).
- ``closed-branches``: the object branches of a ``oneOf`` (filter operator objects,
  pagination shapes) are closed, so an unknown operator or a mixed page shape fails.
- ``indistinct-oneOf``: a ``oneOf`` whose branches cannot be told apart (semantic key
  unions such as ``ResourceKey`` share the ``LongKey`` pattern; ``LimitPagination`` and
  ``OffsetPagination`` require nothing) is checked as ``anyOf``: one match is enough.
- ``unicode-pattern``: patterns use the ``regex`` module, which knows ``\\p{L}``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import regex
from jsonschema import Draft4Validator, FormatChecker, ValidationError, validators
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

__all__ = ["SchemaTools"]

URI = "urn:camunda-openapi"
_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)
_DROPPED = {"nullable", "discriminator", "example", "examples", "xml", "externalDocs"}
_DROPPED |= {"deprecated", "readOnly", "writeOnly", "description", "title"}

#: A sample for each string pattern the spec uses in responses.
PATTERN_SAMPLES = {
    r"^-?[0-9]+$": "2251799813685249",
    r"^[\p{L}_][\p{L}\p{N}_\-\.]*$": "order_process",
    r"^(<default>|[A-Za-z0-9_@.+-]+)$": "<default>",
    r"^[A-Za-z][A-Za-z0-9_\-:.]{0,99}$": "priority:high",
    r"^[0-9]+-[0-9]+$": "2251799813685249-1",
}
DATE_TIME_SAMPLE = "2025-09-07T21:36:14.277Z"

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    return True


@FORMATS.checks("int32")
def _int32(value: object) -> bool:
    return not isinstance(value, int) or -(2**31) <= value < 2**31


@FORMATS.checks("int64")
def _int64(value: object) -> bool:
    return not isinstance(value, int) or -(2**63) <= value < 2**63


def _unicode_pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not regex.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


SpecValidator = validators.extend(Draft4Validator, {"pattern": _unicode_pattern})


class SchemaTools:
    """Convert, validate and sample the schemas of one spec document."""

    def __init__(self, schemas: dict[str, Any]) -> None:
        self.schemas = schemas
        self.quirks: Counter[str] = Counter()
        converted = {name: self.convert(schema) for name, schema in schemas.items()}
        resource = Resource.from_contents(
            {"components": {"schemas": converted}}, default_specification=DRAFT4
        )
        self.registry: Registry[Any] = Registry().with_resource(URI, resource)

    # --- resolving ------------------------------------------------------------------------
    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """Follow ``$ref`` chains to the schema itself."""
        while "$ref" in node:
            node = self.schemas[node["$ref"].rsplit("/", 1)[-1]]
        return node

    def property_names(self, node: dict[str, Any]) -> set[str]:
        """Properties of an object schema, including those inherited through ``allOf``."""
        node = self.resolve(node)
        names = set(node.get("properties", {}))
        for member in node.get("allOf", []):
            names |= self.property_names(member)
        return names

    def required_names(self, node: dict[str, Any]) -> set[str]:
        """Required properties, including those inherited through ``allOf``."""
        node = self.resolve(node)
        names = set(node.get("required", []))
        for member in node.get("allOf", []):
            names |= self.required_names(member)
        return names

    def _property(self, node: dict[str, Any], name: str) -> dict[str, Any]:
        """The schema of property ``name``, own or inherited through ``allOf``."""
        node = self.resolve(node)
        if name in node.get("properties", {}):
            return dict(node["properties"][name])
        for member in node.get("allOf", []):
            if name in self.property_names(member):
                return self._property(member, name)
        raise KeyError(f"required property {name!r} is not defined")

    def is_nullable(self, node: dict[str, Any]) -> bool:
        """Whether ``null`` is a documented value (on the node or the schema it refers to)."""
        return bool(node.get("nullable") or self.resolve(node).get("nullable"))

    def _json_type(self, node: dict[str, Any]) -> str | None:
        node = self.resolve(node)
        if "type" in node:
            return str(node["type"])
        if "properties" in node:
            return "object"
        for member in node.get("allOf", []):
            found = self._json_type(member)
            if found:
                return found
        return None

    # --- converting -----------------------------------------------------------------------
    def convert(self, node: Any) -> Any:
        """The JSON Schema (Draft 4, registry refs) for an OpenAPI 3.0 schema."""
        if isinstance(node, list):
            return [self.convert(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            return {"$ref": URI + node["$ref"]}
        out: dict[str, Any] = {}
        for word, value in node.items():
            if word in _DROPPED or word.startswith("x-"):
                continue
            if word == "properties":
                out[word] = {name: self.convert(sub) for name, sub in value.items()}
            elif word in ("items", "not") or (
                word == "additionalProperties" and value is not False
            ):
                out[word] = self.convert(value) if isinstance(value, dict) else value
            elif word in ("allOf", "anyOf"):
                out[word] = self.convert(value)
            elif word == "oneOf":
                out.update(self._one_of(node))
            else:
                out[word] = value
        if "\\p{" in node.get("pattern", ""):
            self.quirks["unicode-pattern"] += 1
        if node.get("additionalProperties") is False and node.get("allOf"):
            self.quirks["inherited-properties"] += 1
            inherited = self.property_names(node) - set(node.get("properties", {}))
            out.setdefault("properties", {}).update({name: {} for name in inherited})
        if node.get("nullable"):
            self.quirks["nullable"] += 1
            return {"anyOf": [{"type": "null"}, out]}
        return out

    def _closed(self, branch: dict[str, Any]) -> dict[str, Any]:
        if self._json_type(branch) != "object":
            return self.convert(branch)
        self.quirks["closed-branches"] += 1
        names = self.property_names(branch)
        return {
            "allOf": [self.convert(branch)],
            "properties": {name: {} for name in names},
            "additionalProperties": False,
        }

    def _one_of(self, node: dict[str, Any]) -> dict[str, Any]:
        branches: list[dict[str, Any]] = node["oneOf"]
        discriminator = node.get("discriminator")
        if discriminator:
            self.quirks["discriminator"] += 1
            by_ref = {ref: value for value, ref in discriminator.get("mapping", {}).items()}
            prop = discriminator["propertyName"]
            return {
                "oneOf": [
                    {
                        "allOf": [
                            self._closed(branch),
                            {"properties": {prop: {"enum": [by_ref[branch["$ref"]]]}}},
                        ],
                        "required": [prop],
                    }
                    for branch in branches
                ]
            }
        converted = [self._closed(branch) for branch in branches]
        if self._indistinct(branches):
            self.quirks["indistinct-oneOf"] += 1
            return {"anyOf": converted}
        return {"oneOf": converted}

    def _indistinct(self, branches: list[dict[str, Any]]) -> bool:
        """Whether two branches accept the same values by construction."""
        seen: Counter[str] = Counter()
        for branch in branches:
            kind = self._json_type(branch)
            resolved = self.resolve(branch)
            if kind == "string" and "enum" not in resolved:
                seen["string"] += 1
            elif kind == "object" and not self.required_names(branch):
                seen["object"] += 1
        return any(count > 1 for count in seen.values())

    def validator(self, schema: dict[str, Any]) -> Any:
        """A validator for an OpenAPI schema of this document."""
        return SpecValidator(self.convert(schema), registry=self.registry, format_checker=FORMATS)

    def problems(self, schema: dict[str, Any], instance: Any) -> list[str]:
        """Readable validation errors: where, what, and for a failed union the closest branch."""
        found = []
        errors = self.validator(schema).iter_errors(instance)
        for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
            where = "/".join(str(part) for part in error.absolute_path) or "(body)"
            closest = best_match(error.context) if error.context else None
            because = f" (closest: {closest.message})" if closest else ""
            found.append(f"{where}: {error.message}{because}")
        return found

    # --- sampling -------------------------------------------------------------------------
    def sample(self, node: dict[str, Any], mode: str) -> Any:
        """A value of ``node``: ``minimal`` (required only, nulls where allowed), ``full``
        (every property, no nulls) or ``legacy`` (minimal without the required-but-nullable
        properties, as 8.8 answered). Arrays always get one item."""
        if mode != "full" and self.is_nullable(node):
            return None
        node = self.resolve(node)
        if "allOf" in node or "properties" in node or node.get("type") == "object":
            return self._sample_object(node, mode)
        for word in ("oneOf", "anyOf"):
            if word in node:
                return self.sample(node[word][0], mode)
        kind = node.get("type")
        if kind == "array":  # one item even when minimal, so the item's shape is exercised
            count = max(1, node.get("minItems", 0))
            return [self.sample(node.get("items", {}), mode) for _ in range(count)]
        if kind == "string":
            return self._sample_string(node)
        if kind == "integer":
            return int(node.get("minimum", 1))
        if kind == "number":
            return 1.5
        if kind == "boolean":
            return mode == "full"
        return {"answer": 42} if mode == "full" else {}

    def _sample_object(self, node: dict[str, Any], mode: str) -> Any:
        value: dict[str, Any] = {}
        for member in node.get("allOf", []):
            part = self.sample(member, mode)
            if not isinstance(part, dict):
                return part
            value.update(part)
        required = set(node.get("required", []))
        wanted = self.property_names(node) if mode == "full" else required
        for name in sorted(wanted - set(value)):
            prop = self._property(node, name)
            if mode == "legacy" and self.is_nullable(prop):
                continue
            value[name] = self.sample(prop, mode)
        extra = node.get("additionalProperties")
        if mode == "full" and not self.property_names(node) and extra is not False:
            value["answer"] = self.sample(extra, mode) if isinstance(extra, dict) else 42
        return value

    def _sample_string(self, node: dict[str, Any]) -> str:
        if "enum" in node:
            return str(node["enum"][0])
        if node.get("format") == "date-time":
            return DATE_TIME_SAMPLE
        pattern = node.get("pattern")
        if pattern in PATTERN_SAMPLES:
            return PATTERN_SAMPLES[pattern]
        example = node.get("example")
        if pattern:
            if isinstance(example, str) and regex.search(pattern, example):
                return example
            raise LookupError(f"no sample for the pattern {pattern!r}: add one to PATTERN_SAMPLES")
        return example if isinstance(example, str) else "text"
