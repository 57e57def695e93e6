"""Checking request bodies: small schema objects that refuse with the field's path.

The spec closes nearly every request schema (``additionalProperties: false``) and a real
cluster refuses unknown fields and wrong types with 400; the dev engine must too, or code
that works against it fails against Camunda. The schemas here are written from the spec's
request schemas (a test compares their field names with the spec's), kept small so the hot
path (job activation and completion) costs microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "INT32",
    "INT64",
    "KEY",
    "OPERATION_REFERENCE",
    "TAGS",
    "TENANT_ID",
    "VARIABLES",
    "AnyObject",
    "AnyValue",
    "Array",
    "Boolean",
    "Integer",
    "Object",
    "RequestError",
    "Schema",
    "String",
    "check_key",
]


class RequestError(ValueError):
    """A request the spec does not allow; ``field`` is the path of the offending value."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


def _where(path: str) -> str:
    return path or "the body"


class Schema:
    """A value check; ``nullable`` admits ``null`` as OpenAPI 3.0 says."""

    __slots__ = ("nullable",)
    label = "a value"

    def __init__(self, *, nullable: bool = False) -> None:
        self.nullable = nullable

    def check(self, value: Any, path: str) -> Any:
        """The value, checked (raises :class:`RequestError`)."""
        if value is None:
            if self.nullable:
                return None
            raise RequestError(_where(path), f"must be {self.label}, not null")
        return self._check(value, path)

    def _check(self, value: Any, path: str) -> Any:
        return value

    def _wrong(self, value: Any, path: str) -> RequestError:
        return RequestError(_where(path), f"must be {self.label}, not {_json_type(value)}")


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null"


class AnyValue(Schema):
    """Any JSON value."""

    __slots__ = ()


class String(Schema):
    """A string, optionally bounded, patterned or from an enum."""

    __slots__ = ("enum", "max_length", "min_length", "pattern")
    label = "a string"

    def __init__(
        self,
        *,
        min_length: int = 0,
        max_length: int | None = None,
        pattern: str | None = None,
        enum: tuple[str, ...] | None = None,
        nullable: bool = False,
    ) -> None:
        super().__init__(nullable=nullable)
        self.min_length = min_length
        self.max_length = max_length
        self.pattern = re.compile(pattern) if pattern else None
        self.enum = frozenset(enum) if enum else None

    def _check(self, value: Any, path: str) -> Any:
        if not isinstance(value, str):
            raise self._wrong(value, path)
        if len(value) < self.min_length:
            raise RequestError(_where(path), f"must have at least {self.min_length} characters")
        if self.max_length is not None and len(value) > self.max_length:
            raise RequestError(_where(path), f"must have at most {self.max_length} characters")
        if self.enum is not None and value not in self.enum:
            raise RequestError(_where(path), f"must be one of {', '.join(sorted(self.enum))}")
        if self.pattern is not None and not self.pattern.match(value):
            raise RequestError(_where(path), f"{value!r} does not match {self.pattern.pattern}")
        return value


class Integer(Schema):
    """An integer (never a boolean or a float) within ``bits`` and the given bounds."""

    __slots__ = ("maximum", "minimum")
    label = "an integer"

    def __init__(
        self,
        *,
        bits: int = 32,
        minimum: int | None = None,
        maximum: int | None = None,
        nullable: bool = False,
    ) -> None:
        super().__init__(nullable=nullable)
        limit = 2 ** (bits - 1)
        self.minimum = -limit if minimum is None else minimum
        self.maximum = limit - 1 if maximum is None else maximum

    def _check(self, value: Any, path: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise self._wrong(value, path)
        if value < self.minimum:
            raise RequestError(_where(path), f"must be at least {self.minimum}")
        if value > self.maximum:
            raise RequestError(_where(path), f"must be at most {self.maximum}")
        return value


class Boolean(Schema):
    """``true`` or ``false``."""

    __slots__ = ()
    label = "a boolean"

    def _check(self, value: Any, path: str) -> Any:
        if not isinstance(value, bool):
            raise self._wrong(value, path)
        return value


class Array(Schema):
    """A list whose items all pass ``items``."""

    __slots__ = ("items", "max_items", "unique")
    label = "an array"

    def __init__(
        self,
        items: Schema,
        *,
        max_items: int | None = None,
        unique: bool = False,
        nullable: bool = False,
    ) -> None:
        super().__init__(nullable=nullable)
        self.items = items
        self.max_items = max_items
        self.unique = unique

    def _check(self, value: Any, path: str) -> Any:
        if not isinstance(value, list):
            raise self._wrong(value, path)
        if self.max_items is not None and len(value) > self.max_items:
            raise RequestError(_where(path), f"must have at most {self.max_items} items")
        checked = [self.items.check(item, f"{path}[{i}]") for i, item in enumerate(value)]
        if self.unique and len({repr(v) for v in checked}) != len(checked):
            raise RequestError(_where(path), "must not repeat items")
        return checked


class AnyObject(Schema):
    """A JSON object with any members (variables, custom headers)."""

    __slots__ = ()
    label = "an object"

    def _check(self, value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            raise self._wrong(value, path)
        return value


class Object(Schema):
    """A JSON object with known members; ``closed`` refuses any other member."""

    __slots__ = ("closed", "fields", "required")
    label = "an object"

    def __init__(
        self,
        fields: Mapping[str, Schema],
        *,
        required: tuple[str, ...] = (),
        closed: bool = True,
        nullable: bool = False,
    ) -> None:
        super().__init__(nullable=nullable)
        self.fields = dict(fields)
        self.required = required
        self.closed = closed

    def _check(self, value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            raise self._wrong(value, path)
        prefix = f"{path}." if path else ""
        for name in self.required:
            if name not in value:
                raise RequestError(prefix + name, "is required")
        fields = self.fields
        for name, item in value.items():
            schema = fields.get(name)
            if schema is None:
                if self.closed:
                    raise RequestError(prefix + name, "is not a known field here")
                continue
            value[name] = schema.check(item, prefix + name)
        return value


LONG_KEY_PATTERN = r"^-?[0-9]+$"
INT32 = Integer(bits=32)
INT64 = Integer(bits=64)
KEY = String(min_length=1, max_length=25, pattern=LONG_KEY_PATTERN)
TENANT_ID = String(min_length=1, max_length=256, pattern=r"^(<default>|[A-Za-z0-9_@.+-]+)$")
TAG = String(min_length=1, max_length=100, pattern=r"^[A-Za-z][A-Za-z0-9_\-:.]{0,99}$")
TAGS = Array(TAG, max_items=10, unique=True)
OPERATION_REFERENCE = Integer(bits=64, minimum=1)
VARIABLES = AnyObject()


def check_key(value: str, name: str) -> str:
    """A key from the path (``/jobs/{jobKey}``): a string of digits, as the spec's LongKey."""
    return str(KEY.check(value, name))
