"""Linked forms (form-js): a user task's form and a process's start form."""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from camunda_core.models._base import CamundaModel
from camunda_core.models.keys import FormKey

__all__ = ["Form"]


class Form(CamundaModel):
    """A deployed form; ``form_schema`` is its form-js JSON document, sent as a string."""

    form_key: FormKey
    form_id: str
    version: int
    tenant_id: str = "<default>"
    # "schema" would shadow a pydantic attribute, hence the Python name.
    form_schema: str = Field(alias="schema")

    def parse_schema(self) -> dict[str, Any]:
        """The form-js schema as a dict, ready for a form renderer."""
        parsed = json.loads(self.form_schema)
        if not isinstance(parsed, dict):
            raise ValueError(f"form {self.form_id!r} has a schema that is not a JSON object")
        return parsed
