"""Graph checks on a built process: flows, gateways, reachability and start events.

They run on the :class:`ProcessModel` lookups after every node is built, report each problem
against the element Zeebe would name, and never stop at the first one. Event-specific checks
(boundary events, event sub-processes, event-based gateways, links) are in
``validation_events.py``.
"""

from __future__ import annotations

from collections import Counter

from camunda_core.devengine.bpmn.activities import SubProcess, UserTask
from camunda_core.devengine.bpmn.context import ProblemSink
from camunda_core.devengine.bpmn.events import (
    BoundaryEvent,
    EndEvent,
    EventType,
    IntermediateCatchEvent,
    MessageDefinition,
    SignalDefinition,
    StartEvent,
)
from camunda_core.devengine.bpmn.nodes import ExclusiveGateway, FlowNode, InclusiveGateway
from camunda_core.devengine.bpmn.process import ProcessModel
from camunda_core.devengine.bpmn.validation_events import (
    duplicate_trigger_problems,
    validate_events,
)

__all__ = ["validate_process"]

_FLOW = "bpmn:sequenceFlow"
_PROCESS_START_TYPES = {EventType.NONE, EventType.MESSAGE, EventType.TIMER, EventType.SIGNAL}


def validate_process(model: ProcessModel, sink: ProblemSink, refused: set[str]) -> None:
    """Run every graph check; ``refused`` holds ids already refused (no follow-up problems)."""
    _check_flows(model, sink, refused)
    _check_gateways(model, sink)
    _check_flow_counts(model, sink, refused)
    _check_process_start_events(model, sink)
    _check_form_keys(model, sink)
    validate_events(model, sink, refused)


def _report(sink: ProblemSink, node: FlowNode, reason: str) -> None:
    sink.add(node.id, node.bpmn_type, reason)


def _check_flows(model: ProcessModel, sink: ProblemSink, refused: set[str]) -> None:
    for flow in model.sequence_flows.values():
        for role, ref in (("sourceRef", flow.source_id), ("targetRef", flow.target_id)):
            node = model.elements.get(ref)
            if ref and node is None and ref not in refused:
                sink.add(
                    flow.id,
                    _FLOW,
                    f"{role} '{ref}' does not resolve to a flow node of this process",
                )
            elif node is not None and node.scope_id != flow.scope_id:
                sink.add(
                    flow.id,
                    _FLOW,
                    f"{role} '{ref}' is in another scope: sequence flows cannot cross the "
                    "boundary of a sub-process",
                )
        source = model.elements.get(flow.source_id)
        if flow.condition is None or source is None:
            continue
        if not isinstance(source, ExclusiveGateway | InclusiveGateway):
            _report(
                sink,
                source,
                "Conditional sequence flows are only supported at exclusive or inclusive "
                f"gateways (flow '{flow.id}' has a condition)",
            )


def _check_gateways(model: ProcessModel, sink: ProblemSink) -> None:
    for gateway in model.elements.values():
        if not isinstance(gateway, ExclusiveGateway | InclusiveGateway):
            continue
        default_id = gateway.default_flow_id
        if default_id:
            default = model.sequence_flows.get(default_id)
            if default is None or default.source_id != gateway.id:
                _report(sink, gateway, f"Default flow '{default_id}' must start at the gateway")
            elif default.condition is not None:
                _report(sink, gateway, f"the default flow '{default_id}' must not have a condition")
        outgoing = model.outgoing(gateway.id)
        if len(outgoing) < 2:
            continue
        for flow in outgoing:
            if flow.condition is None and flow.id != default_id:
                sink.add(
                    flow.id,
                    _FLOW,
                    f"Must have a condition or be the default flow (it leaves the "
                    f"{gateway.element_type} '{gateway.id}', which has several outgoing flows)",
                )


def _exempt_from_incoming(node: FlowNode) -> bool:
    if isinstance(node, StartEvent | BoundaryEvent):
        return True
    if isinstance(node, SubProcess) and node.triggered_by_event:
        return True
    return isinstance(node, IntermediateCatchEvent) and node.event_type is EventType.LINK


def _check_flow_counts(model: ProcessModel, sink: ProblemSink, refused: set[str]) -> None:
    for node in model.elements.values():
        incoming, outgoing = model.incoming(node.id), model.outgoing(node.id)
        if isinstance(node, StartEvent) and incoming:
            _report(sink, node, "Start events must not have incoming sequence flows")
        elif isinstance(node, BoundaryEvent) and incoming:
            _report(sink, node, "Cannot have incoming sequence flows")
        elif isinstance(node, SubProcess) and node.triggered_by_event and (incoming or outgoing):
            _report(
                sink, node, "Event subprocesses cannot have incoming or outgoing sequence flows"
            )
        elif not incoming and not _exempt_from_incoming(node) and node.id not in refused:
            _report(
                sink,
                node,
                "has no incoming sequence flow, so it can never be reached (only start events, "
                "boundary events, event sub-processes and link catch events may have none)",
            )
        if isinstance(node, EndEvent) and outgoing:
            _report(
                sink, node, "End events must not have outgoing sequence flows to other elements"
            )


def _check_process_start_events(model: ProcessModel, sink: ProblemSink) -> None:
    starts = model.start_events
    if not any(start.event_type in _PROCESS_START_TYPES for start in starts):
        sink.add(
            model.process_id,
            "bpmn:process",
            "Must have at least one none, message, timer or signal start event at process level",
        )
    if sum(start.event_type is EventType.NONE for start in starts) > 1:
        sink.add(model.process_id, "bpmn:process", "Multiple none start events are not allowed")
    messages = [s.definition for s in starts if isinstance(s.definition, MessageDefinition)]
    for message_id, count in Counter(m.message_id for m in messages).items():
        if count > 1:
            sink.add(
                model.process_id,
                "bpmn:process",
                "A message cannot be referred by more than one start event (message "
                f"'{message_id}')",
            )
    unique = list({m.message_id: m for m in messages}.values())
    signals = [s.definition for s in starts if isinstance(s.definition, SignalDefinition)]
    for reason in duplicate_trigger_problems([*unique, *signals]):
        sink.add(model.process_id, "bpmn:process", f"start events: {reason}")


def _check_form_keys(model: ProcessModel, sink: ProblemSink) -> None:
    for node in model.elements.values():
        if isinstance(node, UserTask) and node.form is not None:
            embedded = node.form.embedded_form_id
            if embedded is not None and embedded not in model.embedded_forms:
                _report(
                    sink,
                    node,
                    f"formKey '{node.form.form_key}' points at an embedded form '{embedded}', "
                    "but the process has no zeebe:userTaskForm with that id",
                )
