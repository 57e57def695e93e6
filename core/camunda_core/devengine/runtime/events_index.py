"""Open event subscriptions, indexed the way triggers look them up.

* message catch subscriptions by (tenant, message name, correlation key), in opening order;
* signal catch subscriptions by (tenant, signal name);
* message and signal start events of the latest process versions by (tenant, name);
* timers by key (their due time lives in the runtime's timeline).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from camunda_core.devengine.records import MessageSubscriptionRecord

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.schedule import Task

__all__ = ["EventIndex", "SignalSubscription", "StartSubscription", "Timer"]

MessageKey = tuple[str, str, str]
NameKey = tuple[str, str]


@dataclass(eq=False)
class SignalSubscription:
    """A signal catch: the run that owns it and the element that catches it."""

    key: str
    tenant_id: str
    name: str
    owner_key: str
    element_id: str
    process_instance_key: str


@dataclass(frozen=True)
class StartSubscription:
    """A message or signal start event of the latest version of a process."""

    process_definition_key: str
    element_id: str
    process_id: str = ""


@dataclass(eq=False)
class Timer:
    """A scheduled timer: of a run (catch, boundary, event sub-process) or a start event.

    ``owner_key`` is the run key, or the process definition key for a timer start event.
    ``cycle`` is the remaining cycle (``feel.Cycle``) for repeating timers.
    """

    key: str
    owner_key: str
    element_id: str
    is_start: bool
    task: Task | None = None
    cycle: Any = None
    due: int = 0


class EventIndex:
    """All open subscriptions and timers."""

    def __init__(self) -> None:
        self.messages: dict[MessageKey, dict[str, MessageSubscriptionRecord]] = {}
        self.signals: dict[NameKey, dict[str, SignalSubscription]] = {}
        self.signal_by_key: dict[str, SignalSubscription] = {}
        self.message_starts: dict[NameKey, list[StartSubscription]] = {}
        self.signal_starts: dict[NameKey, list[StartSubscription]] = {}
        self.timers: dict[str, Timer] = {}
        #: Timer keys of the timer start events of each process definition.
        self.start_timers: dict[str, list[str]] = {}
        #: Active instances created by a message start: (tenant, process id, correlation key).
        self.message_started: dict[tuple[str, str, str], str] = {}

    # ------------------------------------------------------------------ messages
    def add_message(self, record: MessageSubscriptionRecord) -> None:
        index = (record.tenant_id, record.message_name, record.correlation_key)
        self.messages.setdefault(index, {})[record.message_subscription_key] = record

    def remove_message(self, record: MessageSubscriptionRecord) -> None:
        index = (record.tenant_id, record.message_name, record.correlation_key)
        found = self.messages.get(index)
        if found is not None:
            found.pop(record.message_subscription_key, None)
            if not found:
                del self.messages[index]

    def matching_messages(
        self, tenant_id: str, name: str, correlation_key: str
    ) -> list[MessageSubscriptionRecord]:
        """Open message subscriptions for this message, oldest first."""
        found = self.messages.get((tenant_id, name, correlation_key))
        return list(found.values()) if found else []

    def message_starts_of_process(
        self, tenant_id: str, process_id: str
    ) -> list[tuple[str, StartSubscription]]:
        """(message name, subscription) of the message start events of a process."""
        return [
            (name, start)
            for (tenant, name), starts in self.message_starts.items()
            if tenant == tenant_id
            for start in starts
            if start.process_id == process_id
        ]

    # ------------------------------------------------------------------ signals
    def add_signal(self, subscription: SignalSubscription) -> None:
        index = (subscription.tenant_id, subscription.name)
        self.signals.setdefault(index, {})[subscription.key] = subscription
        self.signal_by_key[subscription.key] = subscription

    def remove_signal(self, key: str) -> None:
        subscription = self.signal_by_key.pop(key, None)
        if subscription is None:
            return
        index = (subscription.tenant_id, subscription.name)
        found = self.signals.get(index)
        if found is not None:
            found.pop(key, None)
            if not found:
                del self.signals[index]

    def matching_signals(self, tenant_id: str, name: str) -> list[SignalSubscription]:
        found = self.signals.get((tenant_id, name))
        return list(found.values()) if found else []
