"""Message and signal shapes: publish, correlate, broadcast."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from camunda_core.models._base import CamundaModel, RequestModel
from camunda_core.models.keys import MessageKey, ProcessInstanceKey, SignalKey

__all__ = [
    "BroadcastSignalRequest",
    "BroadcastedSignal",
    "CorrelateMessageRequest",
    "CorrelatedMessage",
    "PublishMessageRequest",
    "PublishedMessage",
]


class PublishMessageRequest(RequestModel):
    """Body of ``POST /messages/publication``."""

    name: str = Field(min_length=1)
    correlation_key: str | None = None
    time_to_live: int | None = Field(None, ge=0)
    message_id: str | None = None
    variables: dict[str, Any] | None = None
    tenant_id: str | None = None


class PublishedMessage(CamundaModel):
    """A message buffered for correlation (publishing does not wait for a match)."""

    message_key: MessageKey
    tenant_id: str = "<default>"


class CorrelateMessageRequest(RequestModel):
    """Body of ``POST /messages/correlation``."""

    name: str = Field(min_length=1)
    correlation_key: str | None = None
    variables: dict[str, Any] | None = None
    tenant_id: str | None = None


class CorrelatedMessage(CamundaModel):
    """A message that matched a subscription, and the first instance it reached."""

    message_key: MessageKey
    tenant_id: str = "<default>"
    process_instance_key: ProcessInstanceKey


class BroadcastSignalRequest(RequestModel):
    """Body of ``POST /signals/broadcast``."""

    signal_name: str = Field(min_length=1)
    variables: dict[str, Any] | None = None
    tenant_id: str | None = None


class BroadcastedSignal(CamundaModel):
    """A signal delivered to every waiting catch event and signal start event."""

    signal_key: SignalKey
    tenant_id: str = "<default>"
