"""Message and signal operations: publish, correlate, broadcast."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from camunda_core.client._call import Call, parse_model
from camunda_core.client.operations._common import as_dict, default_tenant, wire
from camunda_core.models.messages import (
    BroadcastedSignal,
    BroadcastSignalRequest,
    CorrelatedMessage,
    CorrelateMessageRequest,
    PublishedMessage,
    PublishMessageRequest,
)
from camunda_core.settings import CamundaSettings

__all__ = ["broadcast_signal", "correlate_message", "publish_message"]


def publish_message(
    settings: CamundaSettings,
    name: str,
    *,
    correlation_key: str | None = None,
    variables: Mapping[str, Any] | None = None,
    time_to_live_ms: int | None = None,
    message_id: str | None = None,
    tenant_id: str | None = None,
) -> Call[PublishedMessage]:
    """``POST /messages/publication``: buffered for ``time_to_live_ms``, no wait for a match."""
    body = PublishMessageRequest(
        name=name,
        correlation_key=correlation_key,
        time_to_live=time_to_live_ms,
        message_id=message_id,
        variables=as_dict(variables),
        tenant_id=default_tenant(settings, tenant_id),
    )
    return Call(
        "publishMessage",
        "POST",
        "/messages/publication",
        parse=parse_model(PublishedMessage),
        json=wire(body),
        resend_safe=False,
    )


def correlate_message(
    settings: CamundaSettings,
    name: str,
    *,
    correlation_key: str | None = None,
    variables: Mapping[str, Any] | None = None,
    tenant_id: str | None = None,
) -> Call[CorrelatedMessage]:
    """``POST /messages/correlation``: must match a waiting subscription now (else 404)."""
    body = CorrelateMessageRequest(
        name=name,
        correlation_key=correlation_key,
        variables=as_dict(variables),
        tenant_id=default_tenant(settings, tenant_id),
    )
    return Call(
        "correlateMessage",
        "POST",
        "/messages/correlation",
        parse=parse_model(CorrelatedMessage),
        json=wire(body),
        resend_safe=False,
    )


def broadcast_signal(
    settings: CamundaSettings,
    signal_name: str,
    *,
    variables: Mapping[str, Any] | None = None,
    tenant_id: str | None = None,
) -> Call[BroadcastedSignal]:
    """``POST /signals/broadcast``: trigger every catch event waiting for ``signal_name``."""
    body = BroadcastSignalRequest(
        signal_name=signal_name,
        variables=as_dict(variables),
        tenant_id=default_tenant(settings, tenant_id),
    )
    return Call(
        "broadcastSignal",
        "POST",
        "/signals/broadcast",
        parse=parse_model(BroadcastedSignal),
        json=wire(body),
        resend_safe=False,
    )
