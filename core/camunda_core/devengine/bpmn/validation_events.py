"""Graph checks about events: boundary events, event sub-processes, event-based gateways, links.

Duplicate triggers are refused as Zeebe does: two catch events of the same activity or scope
waiting for the same message, signal, error code or escalation code could never both fire.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from camunda_core.devengine.bpmn.activities import Activity, CallActivity, ReceiveTask, SubProcess
from camunda_core.devengine.bpmn.context import ProblemSink
from camunda_core.devengine.bpmn.events import (
    BoundaryEvent,
    ErrorDefinition,
    EscalationDefinition,
    EventDefinition,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    LinkDefinition,
    MessageDefinition,
    SignalDefinition,
    StartEvent,
    TimerDefinition,
)
from camunda_core.devengine.bpmn.nodes import EventBasedGateway, FlowNode
from camunda_core.devengine.bpmn.process import ProcessModel

__all__ = ["duplicate_trigger_problems", "validate_events"]


def validate_events(model: ProcessModel, sink: ProblemSink, refused: set[str]) -> None:
    """Run the event checks of one process."""
    _check_boundary_events(model, sink, refused)
    _check_event_subprocesses(model, sink)
    _check_event_based_gateways(model, sink)
    _check_links(model, sink)


def _report(sink: ProblemSink, node: FlowNode, reason: str) -> None:
    sink.add(node.id, node.bpmn_type, reason)


def _duplicates(values: Iterable[str]) -> list[str]:
    return [value for value, count in Counter(values).items() if count > 1 and value]


def duplicate_trigger_problems(definitions: Iterable[EventDefinition | None]) -> list[str]:
    """Why these catch definitions (of one activity or one scope) cannot live together."""
    defs = [d for d in definitions if d is not None]
    errors = [d for d in defs if isinstance(d, ErrorDefinition)]
    escalations = [d for d in defs if isinstance(d, EscalationDefinition)]
    problems = [
        f"Multiple message event definitions with the same name '{name}' are not allowed"
        for name in _duplicates(str(d.name) for d in defs if isinstance(d, MessageDefinition))
    ]
    problems += [
        f"Multiple signal event definitions with the same name '{name}' are not allowed"
        for name in _duplicates(str(d.name) for d in defs if isinstance(d, SignalDefinition))
    ]
    problems += [
        f"Multiple error catch events with the same error code '{code}' are not supported on the "
        "same scope"
        for code in _duplicates(str(d.error_code) for d in errors if d.error_code is not None)
    ]
    problems += [
        f"Multiple escalation catch events with the same escalation code '{code}' are not "
        "supported on the same scope"
        for code in _duplicates(
            str(d.escalation_code) for d in escalations if d.escalation_code is not None
        )
    ]
    if sum(d.catches_all for d in errors) > 1:
        problems.append(
            "The same scope can not contain more than one error catch event without error code"
        )
    if sum(d.catches_all for d in escalations) > 1:
        problems.append(
            "The same scope can not contain more than one escalation catch event without "
            "escalation code"
        )
    return problems


def _check_boundary_events(model: ProcessModel, sink: ProblemSink, refused: set[str]) -> None:
    for node in model.elements.values():
        if isinstance(node, BoundaryEvent):
            _check_attachment(model, sink, node, refused)
        if isinstance(node, Activity):
            boundaries = model.boundary_events(node.id)
            for reason in duplicate_trigger_problems(b.definition for b in boundaries):
                _report(sink, node, reason)
            if isinstance(node, ReceiveTask):
                _check_receive_task(sink, node, boundaries)


def _check_attachment(
    model: ProcessModel, sink: ProblemSink, event: BoundaryEvent, refused: set[str]
) -> None:
    activity = model.elements.get(event.attached_to)
    if activity is None:
        if event.attached_to and event.attached_to not in refused:
            _report(
                sink,
                event,
                f"attachedToRef '{event.attached_to}' does not resolve to an activity of this "
                "process",
            )
    elif not isinstance(activity, Activity):
        _report(
            sink,
            event,
            f"Must be attached to an activity, not to the {activity.element_type} '{activity.id}'",
        )
    elif isinstance(activity, SubProcess) and activity.triggered_by_event:
        _report(sink, event, "boundary events cannot be attached to an event sub-process")
    elif activity.scope_id != event.scope_id:
        _report(sink, event, "must be defined in the same scope as the activity it is attached to")
    elif isinstance(event.definition, EscalationDefinition) and not isinstance(
        activity, SubProcess | CallActivity
    ):
        _report(
            sink,
            event,
            "An escalation boundary event can only be attached to a sub-process or a call activity",
        )


def _check_receive_task(
    sink: ProblemSink, task: ReceiveTask, boundaries: tuple[BoundaryEvent, ...]
) -> None:
    names = {
        str(b.definition.name) for b in boundaries if isinstance(b.definition, MessageDefinition)
    }
    if str(task.message.name) in names:
        _report(sink, task, "Cannot reference the same message name as a boundary event")


def _check_event_subprocesses(model: ProcessModel, sink: ProblemSink) -> None:
    scopes = [model.process_id] + [
        n.id for n in model.elements.values() if isinstance(n, SubProcess)
    ]
    for scope_id in scopes:
        starts = [
            model.elements.get(sub.start_event_id) for sub in model.event_subprocesses(scope_id)
        ]
        definitions = [start.definition for start in starts if isinstance(start, StartEvent)]
        for reason in duplicate_trigger_problems(definitions):
            if scope_id == model.process_id:
                sink.add(scope_id, "bpmn:process", f"event sub-processes: {reason}")
            else:
                _report(sink, model.element(scope_id), f"event sub-processes: {reason}")


def _check_event_based_gateways(model: ProcessModel, sink: ProblemSink) -> None:
    for gateway in model.elements.values():
        if isinstance(gateway, EventBasedGateway):
            _check_event_based_gateway(model, sink, gateway)


def _check_event_based_gateway(
    model: ProcessModel, sink: ProblemSink, gateway: EventBasedGateway
) -> None:
    outgoing = model.outgoing(gateway.id)
    if len(outgoing) < 2:
        _report(sink, gateway, "Event-based gateway must have at least 2 outgoing sequence flows")
    targets = [model.elements.get(flow.target_id) for flow in outgoing]
    for flow, target in zip(outgoing, targets, strict=True):
        valid = isinstance(target, IntermediateCatchEvent) and isinstance(
            target.definition, MessageDefinition | TimerDefinition | SignalDefinition
        )
        if target is not None and not valid:
            _report(
                sink,
                gateway,
                "Event-based gateway must not have an outgoing sequence flow to other elements "
                "than message/timer/signal intermediate catch events (flow "
                f"'{flow.id}' leads to the {target.element_type} '{target.id}')",
            )
        if target is not None and len(model.incoming(target.id)) > 1:
            _report(
                sink,
                gateway,
                f"Target elements of an event gateway must not have any additional incoming "
                f"sequence flows other than that from the event gateway ('{target.id}' has more)",
            )
    events = [t.definition for t in targets if isinstance(t, IntermediateCatchEvent)]
    for reason in duplicate_trigger_problems(events):
        _report(sink, gateway, reason)


def _check_links(model: ProcessModel, sink: ProblemSink) -> None:
    catches: dict[str, list[str]] = {}
    throws: list[IntermediateThrowEvent] = []
    for node in model.elements.values():
        if isinstance(node, IntermediateCatchEvent) and isinstance(node.definition, LinkDefinition):
            catches.setdefault(node.scope_id, []).append(node.definition.name)
        elif isinstance(node, IntermediateThrowEvent) and isinstance(
            node.definition, LinkDefinition
        ):
            throws.append(node)
    for scope_id, names in catches.items():
        for name in _duplicates(names):
            target = "bpmn:process" if scope_id == model.process_id else "bpmn:subProcess"
            sink.add(
                scope_id,
                target,
                f"Multiple intermediate catch link event definitions with the same name '{name}' "
                "are not allowed",
            )
    for throw in throws:
        assert isinstance(throw.definition, LinkDefinition)
        if throw.definition.name and throw.definition.name not in catches.get(throw.scope_id, []):
            _report(
                sink,
                throw,
                f"Can't find a catch link event for the throw link event with the name "
                f"'{throw.definition.name}' in the same scope",
            )
