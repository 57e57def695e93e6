"""Filter properties of the search requests, compiled into predicates over field values.

Each search filter field takes a plain value (exact match) or an operator object; which
operators a field takes depends on its kind, as in the spec's ``*FilterProperty`` schemas:

- string: ``$eq $neq $exists $in $notIn $like`` (basic string: the same without ``$like``)
- integer and date-time: ``$eq $neq $exists $gt $gte $lt $lte $in``
- key: ``$eq $neq $exists $in $notIn``
- enum: ``$eq $neq $exists $in $like``
- exact: a plain value only.

Operators in one object must all hold. ``$like`` takes ``*`` (any run) and ``?`` (one
character); a backslash escapes them. A missing value (``null``) matches ``$neq``, ``$notIn``
and ``$exists: false`` only. Date-times compare as instants, keys as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from camunda_core.devengine.api.times import parse_rfc3339
from camunda_core.devengine.api.validation import (
    INT32,
    KEY,
    TENANT_ID,
    Boolean,
    RequestError,
    Schema,
    String,
)

__all__ = [
    "BASIC_STRING",
    "DATE",
    "EXACT_BOOL",
    "EXACT_INT",
    "EXACT_KEY",
    "EXACT_STRING",
    "EXACT_TENANT",
    "INTEGER",
    "KEY_FILTER",
    "STRING",
    "FilterKind",
    "Predicate",
    "enum_filter",
    "exact_enum",
    "like_pattern",
]

Predicate = Callable[[Any], bool]


def like_pattern(pattern: str) -> re.Pattern[str]:
    """The regular expression of a ``$like`` pattern (whole-value match)."""
    out = []
    chars = iter(pattern)
    for char in chars:
        if char == "\\":
            out.append(re.escape(next(chars, "\\")))
        elif char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        else:
            out.append(re.escape(char))
    return re.compile("".join(out), re.DOTALL)


class FilterKind:
    """How one filter field's value is read: plain value or operator object."""

    def __init__(
        self,
        plain: Schema,
        operators: tuple[str, ...],
        *,
        convert: Callable[[Any], Any] = lambda v: v,
        label: str = "a value",
    ) -> None:
        self.plain = plain
        self.operators = frozenset(operators)
        self.convert = convert
        self.label = label

    def compile(self, value: Any, path: str) -> Predicate:
        """The predicate of a filter value (raises :class:`RequestError`)."""
        if not isinstance(value, dict):
            if value is None:
                raise RequestError(path, f"must be {self.label} or an operator object, not null")
            wanted = self._operand(value, path)
            return lambda v: v == wanted
        if not self.operators:
            raise RequestError(path, f"must be {self.label} (operators are not supported here)")
        checks = [self._operator(op, operand, f"{path}.{op}") for op, operand in value.items()]
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(check(v) for check in checks)

    def _operand(self, value: Any, path: str) -> Any:
        try:
            return self.convert(self.plain.check(value, path))
        except ValueError as exc:
            if isinstance(exc, RequestError):
                raise
            raise RequestError(path, str(exc)) from None

    def _operator(self, op: str, operand: Any, path: str) -> Predicate:
        if op not in self.operators:
            allowed = ", ".join(sorted(self.operators))
            raise RequestError(path, f"is not an operator of this field; use {allowed}")
        if op == "$exists":
            wanted = Boolean().check(operand, path)
            return (lambda v: v is not None) if wanted else (lambda v: v is None)
        if op in ("$in", "$notIn"):
            if not isinstance(operand, list):
                raise RequestError(path, "must be an array")
            options = {self._operand(item, f"{path}[{i}]") for i, item in enumerate(operand)}
            if op == "$in":
                return lambda v: v in options
            return lambda v: v not in options
        if op == "$like":
            regex = like_pattern(String().check(operand, path))
            return lambda v: v is not None and regex.fullmatch(str(v)) is not None
        return _comparison(op, self._operand(operand, path))


def _comparison(op: str, wanted: Any) -> Predicate:
    if op == "$eq":
        return lambda v: v == wanted
    if op == "$neq":
        return lambda v: v != wanted
    if op == "$gt":
        return lambda v: v is not None and v > wanted
    if op == "$gte":
        return lambda v: v is not None and v >= wanted
    if op == "$lt":
        return lambda v: v is not None and v < wanted
    return lambda v: v is not None and v <= wanted  # $lte


_STRING_OPS = ("$eq", "$neq", "$exists", "$in", "$notIn")
_ORDERED_OPS = ("$eq", "$neq", "$exists", "$gt", "$gte", "$lt", "$lte", "$in")

STRING = FilterKind(String(), (*_STRING_OPS, "$like"), label="a string")
BASIC_STRING = FilterKind(String(), _STRING_OPS, label="a string")
INTEGER = FilterKind(INT32, _ORDERED_OPS, label="an integer")
DATE = FilterKind(String(), _ORDERED_OPS, convert=parse_rfc3339, label="an RFC 3339 date-time")
KEY_FILTER = FilterKind(KEY, _STRING_OPS, label="a key (a string of digits)")
EXACT_STRING = FilterKind(String(), (), label="a string")
EXACT_INT = FilterKind(INT32, (), label="an integer")
EXACT_BOOL = FilterKind(Boolean(), (), label="a boolean")
EXACT_KEY = FilterKind(KEY, (), label="a key (a string of digits)")
EXACT_TENANT = FilterKind(TENANT_ID, (), label="a tenant id")


def enum_filter(values: tuple[str, ...], *, not_in: bool = False) -> FilterKind:
    """An enum field: plain value or ``$eq $neq $exists $in $like`` (some also ``$notIn``)."""
    operators = ("$eq", "$neq", "$exists", "$in", "$like") + (("$notIn",) if not_in else ())
    return FilterKind(String(enum=values), operators, label=f"one of {', '.join(values)}")


def exact_enum(values: tuple[str, ...]) -> FilterKind:
    """An enum field that takes a plain value only."""
    return FilterKind(String(enum=values), (), label=f"one of {', '.join(values)}")
