"""Message subscriptions, publishing, correlation, buffering and message start events.

Zeebe's rules, as documented: a message correlates to open subscriptions with the same name,
correlation key and tenant, but only once per BPMN process id (across versions and
instances); it starts an instance of each process whose latest version has a message start
event for it, unless an instance of that process created by a message with the same
correlation key is still active (the message may start one once that instance ended, while it
is buffered). With a time to live it is buffered for subscriptions opened later (oldest
first); a message id is unique while its message is buffered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.devengine.bpmn import BoundaryEvent, MessageDefinition, StartEvent
from camunda_core.devengine.contract import InvalidArgument, InvalidState
from camunda_core.devengine.records import MessageRecord, MessageSubscriptionRecord
from camunda_core.devengine.runtime import events, instances, lifecycle
from camunda_core.devengine.runtime.expressions import evaluate_key, evaluate_string
from camunda_core.devengine.runtime.names import DEFAULT_TENANT, EXTRACT_VALUE_ERROR

if TYPE_CHECKING:
    from camunda_core.devengine.bpmn import FlowNode
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = [
    "close_subscription",
    "correlate_buffered",
    "expire",
    "new_message",
    "publish",
    "release_start",
    "subscribe",
]

CREATED = "CREATED"
CORRELATED = "CORRELATED"
DELETED = "DELETED"


def _stays_open(catch: FlowNode) -> bool:
    """Non-interrupting boundaries and event sub-process starts can correlate again."""
    if isinstance(catch, BoundaryEvent):
        return not catch.cancel_activity
    return isinstance(catch, StartEvent) and not catch.is_interrupting


def subscribe(rt: Runtime, owner: Run, catch: FlowNode, definition: MessageDefinition) -> None:
    """Open a subscription of ``owner`` for the message ``catch`` waits for."""
    name = evaluate_string(rt, definition.name, owner, EXTRACT_VALUE_ERROR)
    correlation_key = ""
    if definition.correlation_key is not None:
        correlation_key = evaluate_key(rt, definition.correlation_key, owner, EXTRACT_VALUE_ERROR)
    key = rt.keys.next()
    pi = owner.inst.record
    record = MessageSubscriptionRecord(
        key,
        name,
        correlation_key,
        pi.process_instance_key,
        pi.process_definition_key,
        pi.process_definition_id,
        catch.id,
        owner.key,
        pi.tenant_id,
        CREATED,
        rt.clock.now(),
        interrupting=not _stays_open(catch),
    )
    store = rt.store
    store.message_subscriptions[key] = record
    owner.inst.owned.append((store.message_subscriptions, key))
    rt.events.add_message(record)
    owner.add_handle("msg", key)
    if rt.messages.matching(pi.tenant_id, name, correlation_key):
        rt.push(correlate_buffered, owner)


def close_subscription(rt: Runtime, key: str) -> None:
    """The owner ended: the subscription is deleted."""
    record = rt.store.message_subscriptions.get(key)
    if record is None or record.state != CREATED:
        return
    record.state = DELETED
    record.last_updated_date = rt.clock.now()
    rt.events.remove_message(record)


def _correlate(rt: Runtime, record: MessageSubscriptionRecord, message: MessageRecord) -> bool:
    owner = rt.runs.get(record.element_instance_key)
    if owner is None or not lifecycle.is_active(owner) or record.state != CREATED:
        return False
    catch = owner.inst.definition.model.elements[record.element_id]
    record.last_updated_date = rt.clock.now()
    if record.interrupting:
        record.state = CORRELATED
        rt.events.remove_message(record)
        if owner.handles:
            owner.handles.remove(("msg", record.message_subscription_key))
    message.correlated_scopes.add(record.process_definition_id)
    return events.trigger(rt, owner, catch, dict(message.variables))


def correlate_buffered(rt: Runtime, owner: Run) -> None:
    """Agenda step: correlate buffered messages to the owner's new subscriptions."""
    for kind, key in list(owner.handles or ()):
        record = rt.store.message_subscriptions.get(key)
        if kind != "msg" or record is None or record.state != CREATED:
            continue
        for message in rt.messages.matching(
            record.tenant_id, record.message_name, record.correlation_key
        ):
            taken = message.correlated_scopes | message.started_process_ids
            if record.process_definition_id not in taken and _correlate(rt, record, message):
                break
        if not lifecycle.is_active(owner):
            return


def _correlate_open(rt: Runtime, message: MessageRecord) -> list[str]:
    correlated: list[str] = []
    for record in rt.events.matching_messages(
        message.tenant_id, message.name, message.correlation_key
    ):
        if record.process_definition_id in message.correlated_scopes:
            continue
        if _correlate(rt, record, message):
            correlated.append(record.process_instance_key)
    return correlated


def _start_instances(rt: Runtime, message: MessageRecord) -> list[str]:
    started: list[str] = []
    for start in list(rt.events.message_starts.get((message.tenant_id, message.name), ())):
        definition = rt.store.process_definitions[start.process_definition_key]
        process_id = definition.process_definition_id
        if process_id in message.correlated_scopes or process_id in message.started_process_ids:
            continue
        lock = (message.tenant_id, process_id, message.correlation_key)
        if message.correlation_key and lock in rt.events.message_started:
            continue
        inst = instances.create(
            rt,
            definition,
            {},
            start_element=start.element_id,
            start_values=dict(message.variables),
        )
        message.started_process_ids.add(process_id)
        if message.correlation_key:
            inst.start_message = (message.name, message.correlation_key)
            rt.events.message_started[lock] = inst.key
        started.append(inst.key)
    return started


def publish(rt: Runtime, message: MessageRecord, buffer: bool) -> list[str]:
    """Correlate a message to open subscriptions and start events; buffer it if asked.

    Returns the process instance keys it correlated to or started, in order.
    """
    if message.message_id is not None and rt.messages.is_duplicate(
        message.tenant_id, message.name, message.correlation_key, message.message_id
    ):
        raise InvalidState(
            f"Expected to publish a new message with id '{message.message_id}', but a message "
            "with that id was already published"
        )
    keys = _correlate_open(rt, message) + _start_instances(rt, message)
    if buffer and message.expires_at > message.publish_date:
        rt.messages.add(message)
        rt.timeline.add(message.expires_at, "message_ttl", message.message_key)
    return keys


def expire(rt: Runtime, message_key: str) -> None:
    """A buffered message's time to live ended."""
    rt.messages.remove(message_key)


def release_start(rt: Runtime, tenant_id: str, process_id: str, correlation_key: str) -> None:
    """An instance created by a message ended: a buffered message with its key may start one."""
    rt.events.message_started.pop((tenant_id, process_id, correlation_key), None)
    for start in list(rt.events.message_starts_of_process(tenant_id, process_id)):
        name = start[0]
        for message in rt.messages.matching(tenant_id, name, correlation_key):
            if process_id not in message.started_process_ids | message.correlated_scopes:
                _start_instances(rt, message)
                return


def new_message(
    rt: Runtime,
    name: str,
    correlation_key: str,
    ttl_ms: int,
    message_id: str | None,
    values: dict[str, str],
) -> MessageRecord:
    """A message record for publish/correlate (the tenant is set by the caller)."""
    if not name:
        raise InvalidArgument("the message name must not be empty")
    now = rt.clock.now()
    return MessageRecord(
        rt.keys.next(),
        name,
        correlation_key or "",
        values,
        DEFAULT_TENANT,
        now,
        now + max(0, ttl_ms),
        message_id or None,
    )
