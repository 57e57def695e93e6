"""Message and signal methods of the synchronous client. GENERATED from ``_async_messages.py`` by ``scripts/unasync.py``.

Do not edit: change ``_async_messages.py`` and run ``python scripts/unasync.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from camunda_core.client._sync_core import ClientCore
from camunda_core.client.operations import messages
from camunda_core.models.messages import BroadcastedSignal, CorrelatedMessage, PublishedMessage

__all__ = ["MessageOperations"]


class MessageOperations(ClientCore):
    """Publish and correlate messages; broadcast signals."""

    def publish_message(
        self,
        name: str,
        *,
        correlation_key: str | None = None,
        variables: Mapping[str, Any] | None = None,
        time_to_live_ms: int | None = None,
        message_id: str | None = None,
        tenant_id: str | None = None,
    ) -> PublishedMessage:
        """Publish a message, buffered for ``time_to_live_ms`` until a subscription takes it."""
        return self._send(
            messages.publish_message(
                self.settings,
                name,
                correlation_key=correlation_key,
                variables=variables,
                time_to_live_ms=time_to_live_ms,
                message_id=message_id,
                tenant_id=tenant_id,
            )
        )

    def correlate_message(
        self,
        name: str,
        *,
        correlation_key: str | None = None,
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> CorrelatedMessage:
        """Deliver a message to a waiting subscription now; ``NotFoundError`` if none waits."""
        return self._send(
            messages.correlate_message(
                self.settings,
                name,
                correlation_key=correlation_key,
                variables=variables,
                tenant_id=tenant_id,
            )
        )

    def broadcast_signal(
        self,
        signal_name: str,
        *,
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> BroadcastedSignal:
        """Broadcast a signal to every signal catch and start event waiting for its name."""
        return self._send(
            messages.broadcast_signal(
                self.settings, signal_name, variables=variables, tenant_id=tenant_id
            )
        )
