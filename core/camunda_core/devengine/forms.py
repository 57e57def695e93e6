"""Camunda Forms (``.form`` files): read the id a BPMN ``formId`` links to, keep the schema.

The schema is kept as the text of the file: the dev engine hands it to a form renderer as is and
never interprets the components. A file is refused when it is not a JSON object with a
non-empty string ``id``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from camunda_core.errors import CamundaError

__all__ = ["FormDefinition", "FormDeployError", "parse_form"]


class FormDeployError(CamundaError, ValueError):
    """A ``.form`` file cannot be deployed; the message names the file and the reason."""

    def __init__(self, resource_name: str, reason: str) -> None:
        self.resource_name = resource_name
        self.reason = reason
        super().__init__(f"{resource_name}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.resource_name, self.reason))


@dataclass(frozen=True, slots=True)
class FormDefinition:
    """A deployed form.

    ``form_id`` is what ``zeebe:formDefinition formId=`` references; ``schema_text`` is the
    file decoded as UTF-8 (the engine hands it to a form renderer). ``schema_version`` is None for
    very old forms that have none; ``component_count`` counts the top-level components.
    """

    form_id: str
    schema_text: str
    resource_name: str
    schema_version: int | None = None
    form_type: str | None = None
    component_count: int = 0


def parse_form(data: bytes, resource_name: str) -> FormDefinition:
    """Parse a ``.form`` file; raise FormDeployError when it is not a form the engine can link."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormDeployError(
            resource_name, f"not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormDeployError(
            resource_name, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    if not isinstance(document, dict):
        raise FormDeployError(resource_name, "a form must be a JSON object")
    form_id = document.get("id")
    if not isinstance(form_id, str) or not form_id.strip():
        raise FormDeployError(resource_name, "a form must have a non-empty string 'id'")
    components = document.get("components")
    version = document.get("schemaVersion")
    form_type = document.get("type")
    return FormDefinition(
        form_id=form_id,
        schema_text=text,
        resource_name=resource_name,
        schema_version=version
        if isinstance(version, int) and not isinstance(version, bool)
        else None,
        form_type=form_type if isinstance(form_type, str) else None,
        component_count=len(components) if isinstance(components, list) else 0,
    )
