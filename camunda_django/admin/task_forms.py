"""A user task's completion form in the admin: the linked Camunda Form as plain HTML fields.

``camunda_core.taskforms`` reads the form-js schema and parses submissions; this module only
turns its fields into what the template shows (input names, current values, errors) and
gathers a POST back into what ``parse_submission`` takes. Nothing here marks text safe: labels,
descriptions, values and errors all go through the template's autoescaping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from camunda_core.taskforms import (
    VARIABLES_KEY,
    FormField,
    FormSpec,
    form_spec,
    parse_submission,
    variables_field,
)

__all__ = ["RenderedField", "TaskForm", "build_task_form", "submitted_values"]

_PREFIX = "var:"
_LINES = "lines"  # a taglist without options: one value per line


@dataclass(frozen=True)
class RenderedField:
    """One field as the template draws it."""

    spec: FormField
    name: str
    widget: str
    value: str
    values: tuple[str, ...]
    checked: bool
    error: str | None

    @property
    def input_type(self) -> str:
        """The ``type`` of an ``<input>`` widget."""
        if self.spec.type == "number":
            return "number"
        if self.spec.type == "datetime":
            return {"date": "date", "time": "time"}.get(self.spec.subtype or "", "datetime-local")
        return "text"


@dataclass(frozen=True)
class TaskForm:
    """The fields, the display texts, and whether the task has a linked form at all."""

    fields: list[RenderedField]
    texts: tuple[str, ...] = ()
    unsupported: tuple[str, ...] = ()
    linked: bool = True
    errors: dict[str, str] = field(default_factory=dict)


def spec_for(schema: dict[str, Any] | None, variables: dict[str, Any]) -> FormSpec:
    """The task's form, or one JSON field when it has none."""
    return form_spec(schema, variables) if schema is not None else variables_field()


def build_task_form(
    spec: FormSpec, submitted: QueryDict | None = None, errors: dict[str, str] | None = None
) -> TaskForm:
    """The form to draw: defaults from the variables, or what was just submitted."""
    errors = errors or {}
    fields = [_render(item, submitted, errors.get(item.key)) for item in spec.fields]
    return TaskForm(
        fields, spec.texts, spec.unsupported, linked=spec.form_id is not None, errors=errors
    )


def submitted_values(spec: FormSpec, post: QueryDict) -> dict[str, Any]:
    """A POST as ``parse_submission`` takes it: strings, or lists for multi-value fields."""
    values: dict[str, Any] = {}
    for item in spec.fields:
        name = _PREFIX + item.key
        if _widget(item) == _LINES:
            values[item.key] = [line.strip() for line in post.get(name, "").splitlines()]
        elif item.multiple:
            values[item.key] = post.getlist(name)
        elif name in post:
            values[item.key] = post[name]
    return values


def parse(spec: FormSpec, post: QueryDict) -> dict[str, Any]:
    """The typed variables of a submission; raises ``SubmissionError`` naming bad fields."""
    return parse_submission(spec, submitted_values(spec, post))


def _widget(item: FormField) -> str:
    if item.type == "json":
        return "textarea"
    if item.type in ("checklist", "taglist"):
        return "checkboxes" if item.options else _LINES
    if item.type in ("radio", "select", "checkbox", "textarea"):
        return item.type
    return "input"


def _render(item: FormField, submitted: QueryDict | None, error: str | None) -> RenderedField:
    name = _PREFIX + item.key
    widget = _widget(item)
    if submitted is not None:
        values = tuple(submitted.getlist(name))
        text = submitted.get(name, "")
        checked = name in submitted
    else:
        values = tuple(str(v) for v in item.default) if isinstance(item.default, list) else ()
        text = _as_text(item)
        checked = item.default is True
    if widget == _LINES and submitted is None:
        text = "\n".join(values)
    return RenderedField(item, name, widget, text, values, checked, error)


def _as_text(item: FormField) -> str:
    value = item.default
    if item.key == VARIABLES_KEY:
        return value if isinstance(value, str) else json.dumps(value or {}, indent=2)
    if value is None or isinstance(value, (list, bool)):
        return ""
    if isinstance(value, (dict,)):
        return json.dumps(value)
    return str(value)
