"""Signals: catch subscriptions (events, boundaries, event sub-process starts), signal start
events, and broadcasting (from the API or from signal throw and end events).

A broadcast reaches every open subscription and every signal start event of the latest
process versions with the same name in the same tenant; nothing is buffered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.devengine.bpmn import BoundaryEvent, SignalDefinition, StartEvent
from camunda_core.devengine.runtime import events, instances, lifecycle
from camunda_core.devengine.runtime.events_index import SignalSubscription
from camunda_core.devengine.runtime.expressions import evaluate_string
from camunda_core.devengine.runtime.names import EXTRACT_VALUE_ERROR

if TYPE_CHECKING:
    from camunda_core.devengine.bpmn import FlowNode
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["broadcast", "subscribe"]


def subscribe(rt: Runtime, owner: Run, catch: FlowNode, definition: SignalDefinition) -> None:
    """Open a signal subscription of ``owner`` for the catching element ``catch``."""
    name = evaluate_string(rt, definition.name, owner, EXTRACT_VALUE_ERROR)
    key = rt.keys.next()
    pi = owner.inst.record
    rt.events.add_signal(
        SignalSubscription(key, pi.tenant_id, name, owner.key, catch.id, pi.process_instance_key)
    )
    owner.add_handle("sig", key)


def _stays_open(catch: FlowNode) -> bool:
    if isinstance(catch, BoundaryEvent):
        return not catch.cancel_activity
    return isinstance(catch, StartEvent) and not catch.is_interrupting


def broadcast(rt: Runtime, tenant_id: str, name: str, values: dict[str, str]) -> None:
    """Trigger every catch and start event waiting for this signal."""
    index = rt.events
    for subscription in index.matching_signals(tenant_id, name):
        if subscription.key not in index.signal_by_key:
            continue  # closed by an earlier trigger of this broadcast
        owner = rt.runs.get(subscription.owner_key)
        if owner is None or not lifecycle.is_active(owner):
            continue
        catch = owner.inst.definition.model.elements[subscription.element_id]
        if not _stays_open(catch):
            index.remove_signal(subscription.key)
            if owner.handles:
                owner.handles.remove(("sig", subscription.key))
        events.trigger(rt, owner, catch, dict(values))
    for start in list(index.signal_starts.get((tenant_id, name), ())):
        definition = rt.store.process_definitions[start.process_definition_key]
        instances.create(
            rt, definition, {}, start_element=start.element_id, start_values=dict(values)
        )
