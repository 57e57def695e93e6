"""Catching events: start, intermediate catch and boundary events, and what triggers them.

A waiting catch is a subscription (message, signal) or a timer *owned* by a run and naming
the *catching element*: an intermediate catch event or receive task (owner = itself), a
boundary event (owner = the activity), an event sub-process start event (owner = the scope),
or a target of an event-based gateway (owner = the gateway). :func:`trigger` does what the
catching element means; the payload is merged by the catching event like a job result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import (
    BoundaryEvent,
    EventBasedGateway,
    FlowNode,
    LinkDefinition,
    MessageDefinition,
    SignalDefinition,
    StartEvent,
    SubProcess,
    TimerDefinition,
)
from camunda_core.devengine.runtime import (
    handles,
    lifecycle,
    mappings,
    messages,
    signals,
    timers,
    variables,
)
from camunda_core.devengine.runtime.behaviour_base import Behaviour

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = [
    "BOUNDARY",
    "CATCH",
    "START",
    "continue_after",
    "open_boundaries",
    "open_catch",
    "open_event_subprocesses",
    "trigger",
    "triggered",
]

Values = dict[str, str]


def triggered(values: Values | None = None, local: Values | None = None) -> tuple[Any, ...]:
    """The ``run.data`` of an event element entered because its event happened."""
    return ("trigger", values or {}, local or {})


def apply_trigger(rt: Runtime, run: Run) -> bool:
    """Merge the payload an event element was triggered with; False if it was not."""
    data = run.data
    if not (isinstance(data, tuple) and data and data[0] == "trigger"):
        return False
    _, values, local = data
    run.data = None
    if local:
        variables.set_all_local(rt, run, local)
    mappings.deliver_result(rt, run, values)
    return True


class _Start(Behaviour):
    """A start event: merge the triggering payload (message/signal/...), then go on."""

    def activate(self, rt: Runtime, run: Run) -> None:
        apply_trigger(rt, run)
        lifecycle.complete(rt, run)


class _Catch(Behaviour):
    """An intermediate catch event: wait for its message, timer or signal (links pass)."""

    def activate(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert node is not None
        definition = getattr(node, "definition", None)
        if apply_trigger(rt, run) or isinstance(definition, LinkDefinition):
            lifecycle.complete(rt, run)
            return
        open_catch(rt, run, node)


class _Boundary(Behaviour):
    """A boundary event only runs once triggered: merge the payload and go on."""

    def activate(self, rt: Runtime, run: Run) -> None:
        apply_trigger(rt, run)
        lifecycle.complete(rt, run)


START = _Start()
CATCH = _Catch()
BOUNDARY = _Boundary()


def open_catch(rt: Runtime, owner: Run, catch: FlowNode) -> None:
    """Subscribe ``owner`` to the event ``catch`` waits for (message, timer or signal)."""
    definition = getattr(catch, "definition", None)
    if definition is None:
        definition = getattr(catch, "message", None)  # receive task
    if isinstance(definition, MessageDefinition):
        messages.subscribe(rt, owner, catch, definition)
    elif isinstance(definition, TimerDefinition):
        timers.schedule(rt, owner, catch, definition)
    elif isinstance(definition, SignalDefinition):
        signals.subscribe(rt, owner, catch, definition)


def _is_inner_instance(run: Run) -> bool:
    parent = run.parent
    return (
        parent is not None
        and parent.record is not None
        and (parent.record.type == "MULTI_INSTANCE_BODY" and parent.node is run.node)
    )


def open_boundaries(rt: Runtime, run: Run) -> None:
    """Open the message, timer and signal boundary events of an activity."""
    node = run.node
    if node is None or not getattr(node, "boundary_event_ids", ()) or _is_inner_instance(run):
        return
    for boundary in run.inst.definition.model.boundary_events(node.id):
        open_catch(rt, run, boundary)


def open_event_subprocesses(rt: Runtime, scope: Run, scope_id: str) -> None:
    """Open the message, timer and signal starts of the event sub-processes of a scope."""
    model = scope.inst.definition.model
    for sub_process in model.event_subprocesses(scope_id):
        open_catch(rt, scope, model.elements[sub_process.start_event_id])


def _sub_process_of(rt: Runtime, owner: Run, start: StartEvent) -> SubProcess | None:
    node = owner.inst.definition.model.elements.get(start.scope_id)
    return node if isinstance(node, SubProcess) and node.triggered_by_event else None


def trigger(
    rt: Runtime, owner: Run, catch: FlowNode, values: Values, local: Values | None = None
) -> bool:
    """The event of ``catch`` happened for ``owner``; False when the owner cannot take it."""
    if not lifecycle.is_active(owner):
        return False
    data = triggered(values, local)
    if catch is owner.node:  # intermediate catch event or receive task
        owner.data = data
        if owner.handles:
            handles.close_all(rt, owner)
        apply_trigger(rt, owner)
        lifecycle.complete(rt, owner)
    elif isinstance(catch, BoundaryEvent):
        _trigger_boundary(rt, owner, catch, data)
    elif isinstance(owner.node, EventBasedGateway):
        if owner.handles:
            handles.close_all(rt, owner)
        owner.data = (catch.id, data)
        lifecycle.complete(rt, owner)
    elif isinstance(catch, StartEvent):
        _trigger_event_subprocess(rt, owner, catch, data)
    return True


def _trigger_boundary(rt: Runtime, activity: Run, boundary: BoundaryEvent, data: Any) -> None:
    if boundary.cancel_activity:
        lifecycle.terminate(rt, activity, after=("enter", boundary.id, data))
    elif activity.parent is not None:
        lifecycle.enter(rt, activity.parent, boundary, data)


def _trigger_event_subprocess(rt: Runtime, scope: Run, start: StartEvent, data: Any) -> None:
    sub_process = _sub_process_of(rt, scope, start)
    if sub_process is None:
        return
    if not start.is_interrupting:
        lifecycle.enter(rt, scope, sub_process, ("esp", start.id, data))
        return
    model = scope.inst.definition.model
    starts = {esp.start_event_id for esp in model.event_subprocesses(sub_process.scope_id)}
    handles.close_where(rt, scope, lambda element_id: element_id in starts)
    lifecycle.interrupt_children(rt, scope, ("enter", sub_process.id, ("esp", start.id, data)))


def continue_after(rt: Runtime, scope: Run, after: tuple[Any, ...]) -> None:
    """Enter the element an interruption was for (boundary event, event sub-process)."""
    kind, element_id, data = after
    if kind == "enter":
        node = scope.inst.definition.model.elements[element_id]
        lifecycle.enter(rt, scope, node, data)
