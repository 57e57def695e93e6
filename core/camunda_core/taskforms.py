"""Camunda Forms (form-js JSON) for server-rendered task pages: fields in, variables out.

The Django admin and the Flask blueprint render a user task's linked form as plain HTML
fields and turn the submitted strings back into typed variables, with an error per field
when a value does not fit (so the page re-renders with the errors and nothing is sent). A
task without a form gets one JSON field for its variables. Framework free.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = [
    "FormField",
    "FormSpec",
    "SubmissionError",
    "form_spec",
    "parse_submission",
    "variables_field",
]

#: form-js component types that carry a value; others (text, button, spacer...) are display only.
INPUT_TYPES = frozenset(
    {
        "textfield",
        "textarea",
        "number",
        "checkbox",
        "checklist",
        "radio",
        "select",
        "taglist",
        "datetime",
    }
)
CONTAINER_TYPES = frozenset({"group", "dynamiclist", "iframe", "table"})
MULTI_VALUE = frozenset({"checklist", "taglist"})
VARIABLES_KEY = "__variables__"


@dataclass(frozen=True)
class FormField:
    """One input: the variable it sets (``key``), how to show it and what it accepts."""

    key: str
    type: str
    label: str
    required: bool = False
    readonly: bool = False
    description: str | None = None
    options: tuple[tuple[str, str], ...] = ()  # (value, label)
    default: Any = None
    min_length: int | None = None
    max_length: int | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    pattern: str | None = None
    subtype: str | None = None  # datetime: date, time, datetime

    @property
    def multiple(self) -> bool:
        """Whether the field takes several values (checklist, taglist)."""
        return self.type in MULTI_VALUE


@dataclass(frozen=True)
class FormSpec:
    """The fields of a form, plus the display-only texts in order."""

    form_id: str | None
    fields: tuple[FormField, ...]
    texts: tuple[str, ...] = ()
    unsupported: tuple[str, ...] = ()  # component types shown as a note, not rendered


@dataclass
class SubmissionError(Exception):
    """Some submitted values do not fit; ``errors`` maps field keys to messages."""

    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{key}: {message}" for key, message in self.errors.items())


def variables_field() -> FormSpec:
    """The form of a task without a linked form: one JSON object of variables."""
    return FormSpec(
        form_id=None,
        fields=(
            FormField(
                key=VARIABLES_KEY,
                type="json",
                label="Variables (JSON object)",
                description='For example {"approved": true}. Leave empty to complete without variables.',
                default="{}",
            ),
        ),
    )


def form_spec(
    schema: str | Mapping[str, Any], variables: Mapping[str, Any] | None = None
) -> FormSpec:
    """Read a form-js schema (JSON text or parsed); defaults come from ``variables``."""
    data = json.loads(schema) if isinstance(schema, str) else schema
    if not isinstance(data, Mapping):
        raise ValueError("a form schema must be a JSON object")
    fields: list[FormField] = []
    texts: list[str] = []
    unsupported: list[str] = []
    for component in _components(data.get("components", [])):
        kind = str(component.get("type", ""))
        if kind in INPUT_TYPES and component.get("key"):
            fields.append(_field(component, variables or {}))
        elif kind == "text" and component.get("text"):
            texts.append(str(component["text"]))
        elif kind not in {"button", "spacer", "separator", "text", "image", "html"}:
            unsupported.append(kind or "unknown")
    return FormSpec(data.get("id"), tuple(fields), tuple(texts), tuple(sorted(set(unsupported))))


def _components(items: Any) -> Iterator[Mapping[str, Any]]:
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        if item.get("type") == "group":
            yield from _components(item.get("components", []))
        else:
            yield item


def _field(component: Mapping[str, Any], variables: Mapping[str, Any]) -> FormField:
    raw_validate = component.get("validate")
    validate: Mapping[str, Any] = raw_validate if isinstance(raw_validate, Mapping) else {}
    key = str(component["key"])
    kind = str(component["type"])
    return FormField(
        key=key,
        type=kind,
        label=str(component.get("label") or key),
        required=bool(validate.get("required")),
        readonly=bool(component.get("readonly") or component.get("disabled")),
        description=component.get("description"),
        options=_options(component, variables),
        default=variables.get(key, component.get("defaultValue")),
        min_length=_int(validate.get("minLength")),
        max_length=_int(validate.get("maxLength")),
        minimum=_decimal(validate.get("min")),
        maximum=_decimal(validate.get("max")),
        pattern=validate.get("pattern") if isinstance(validate.get("pattern"), str) else None,
        subtype=component.get("subtype") if kind == "datetime" else None,
    )


def _options(
    component: Mapping[str, Any], variables: Mapping[str, Any]
) -> tuple[tuple[str, str], ...]:
    values = component.get("values")
    if not values and isinstance(component.get("valuesKey"), str):
        values = variables.get(component["valuesKey"])
    result = []
    for option in values if isinstance(values, list) else []:
        if isinstance(option, Mapping) and "value" in option:
            result.append((str(option["value"]), str(option.get("label", option["value"]))))
    return tuple(result)


def parse_submission(spec: FormSpec, submitted: Mapping[str, Any]) -> dict[str, Any]:
    """Typed variables from submitted form values; raises SubmissionError per bad field.

    ``submitted`` maps keys to a string, or to a list of strings for multi-value fields.
    """
    variables: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for spec_field in spec.fields:
        if spec_field.readonly:
            continue
        raw = submitted.get(spec_field.key)
        try:
            value = _convert(spec_field, raw)
        except ValueError as error:
            errors[spec_field.key] = str(error)
            continue
        if spec_field.key == VARIABLES_KEY:
            variables.update(value or {})
        elif value is not None or spec_field.type == "checkbox":
            variables[spec_field.key] = value
    if errors:
        raise SubmissionError(errors)
    return variables


def _convert(spec: FormField, raw: Any) -> Any:
    if spec.multiple:
        items = [
            str(v) for v in (raw if isinstance(raw, list) else [raw] if raw else []) if str(v) != ""
        ]
        if spec.required and not items:
            raise ValueError("choose at least one value")
        _check_options(spec, items)
        return items
    text = "" if raw is None else str(raw[-1] if isinstance(raw, list) and raw else raw).strip()
    if spec.type == "checkbox":
        return text.lower() in {"on", "true", "1", "yes"}
    if text == "":
        if spec.required:
            raise ValueError("this field is required")
        return None
    converter = _CONVERTERS.get(spec.type, _text)
    return converter(spec, text)


def _text(spec: FormField, text: str) -> str:
    if spec.min_length is not None and len(text) < spec.min_length:
        raise ValueError(f"enter at least {spec.min_length} characters")
    if spec.max_length is not None and len(text) > spec.max_length:
        raise ValueError(f"enter at most {spec.max_length} characters")
    if spec.pattern and not re.fullmatch(spec.pattern, text):
        raise ValueError("the value does not have the expected format")
    if spec.options:
        _check_options(spec, [text])
    return text


def _number(spec: FormField, text: str) -> int | float:
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{text!r} is not a number")
    if spec.minimum is not None and number < spec.minimum:
        raise ValueError(f"the value must be at least {spec.minimum}")
    if spec.maximum is not None and number > spec.maximum:
        raise ValueError(f"the value must be at most {spec.maximum}")
    return int(number) if number == number.to_integral_value() else float(number)


def _datetime(spec: FormField, text: str) -> str:
    try:
        if spec.subtype == "date":
            return date.fromisoformat(text).isoformat()
        if spec.subtype == "time":
            return time.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise ValueError(f"{text!r} is not a valid {spec.subtype or 'date and time'}") from None


def _json_object(spec: FormField, text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError as error:
        raise ValueError(f"not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise ValueError(
            f'expected a JSON object like {{"approved": true}}, got {type(value).__name__}'
        )
    return value


def _check_options(spec: FormField, values: list[str]) -> None:
    allowed = {value for value, _ in spec.options}
    if allowed:
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise ValueError(f"not one of the offered values: {', '.join(unknown)}")


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, (int, float)) else None


def _decimal(value: Any) -> Decimal | None:
    return (
        Decimal(str(value))
        if isinstance(value, (int, float)) and not isinstance(value, bool)
        else None
    )


_CONVERTERS = {
    "textfield": _text,
    "textarea": _text,
    "radio": _text,
    "select": _text,
    "number": _number,
    "datetime": _datetime,
    "json": _json_object,
}
