"""Base classes for the REST v2 shapes: camelCase on the wire, snake_case in Python.

Responses are tolerant: unknown fields are kept out of the way (8.10 adds fields), and fields
that 8.9 made required-but-nullable default to ``None`` so 8.8 answers still parse. Requests
are closed (``extra="forbid"``), as the spec's request bodies are, so a typo fails here with a
clear message instead of a 400 from the cluster.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

__all__ = ["CamundaModel", "RequestModel"]


class CamundaModel(BaseModel):
    """A shape Camunda returns."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        frozen=True,
        ser_json_timedelta="float",
    )

    def to_wire(self) -> dict[str, Any]:
        """The JSON object as Camunda sends it (camelCase keys)."""
        return self.model_dump(mode="json", by_alias=True)


class RequestModel(BaseModel):
    """A shape this client sends. ``None`` means "not sent"."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
    )

    def to_wire(self) -> dict[str, Any]:
        """The JSON body: camelCase keys, unset fields left out."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)
