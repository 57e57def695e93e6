"""Published messages kept for their time to live, for subscriptions that open later.

Indexed by (tenant, name, correlation key) in publish order (the oldest matching message is
correlated first, FIFO) and by message id for Zeebe's de-duplication while buffered.
"""

from __future__ import annotations

from camunda_core.devengine.records import MessageRecord

__all__ = ["MessageBuffer"]

MessageIndex = tuple[str, str, str]


class MessageBuffer:
    """The buffered messages."""

    def __init__(self) -> None:
        self.by_key: dict[str, MessageRecord] = {}
        self._by_match: dict[MessageIndex, dict[str, MessageRecord]] = {}
        self._by_id: dict[tuple[str, str, str, str], str] = {}

    def __len__(self) -> int:
        return len(self.by_key)

    @staticmethod
    def _id_key(message: MessageRecord) -> tuple[str, str, str, str] | None:
        if message.message_id is None:
            return None
        return (message.tenant_id, message.name, message.correlation_key, message.message_id)

    def is_duplicate(
        self, tenant_id: str, name: str, correlation_key: str, message_id: str
    ) -> bool:
        """True when a message with the same name, key and id is still buffered."""
        return (tenant_id, name, correlation_key, message_id) in self._by_id

    def add(self, message: MessageRecord) -> None:
        self.by_key[message.message_key] = message
        index = (message.tenant_id, message.name, message.correlation_key)
        self._by_match.setdefault(index, {})[message.message_key] = message
        id_key = self._id_key(message)
        if id_key is not None:
            self._by_id[id_key] = message.message_key

    def remove(self, message_key: str) -> MessageRecord | None:
        message = self.by_key.pop(message_key, None)
        if message is None:
            return None
        index = (message.tenant_id, message.name, message.correlation_key)
        found = self._by_match.get(index)
        if found is not None:
            found.pop(message_key, None)
            if not found:
                del self._by_match[index]
        id_key = self._id_key(message)
        if id_key is not None:
            self._by_id.pop(id_key, None)
        return message

    def matching(self, tenant_id: str, name: str, correlation_key: str) -> list[MessageRecord]:
        """Buffered messages with this name and key, oldest first."""
        found = self._by_match.get((tenant_id, name, correlation_key))
        return list(found.values()) if found else []

    def named(self, tenant_id: str, name: str) -> list[MessageRecord]:
        """Buffered messages with this name (any key), oldest first."""
        return [
            message
            for (tenant, message_name, _), found in self._by_match.items()
            if tenant == tenant_id and message_name == name
            for message in found.values()
        ]
