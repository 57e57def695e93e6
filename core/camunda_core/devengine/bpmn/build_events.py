"""Builders of the event flow nodes, with the Zeebe rules about which definitions are allowed.

Each builder reports problems against the event and always returns a node, so that graph
validation can still run on the rest of the file.
"""

from __future__ import annotations

from camunda_core.devengine.bpmn.builder_common import NodeSource, ScopeKind
from camunda_core.devengine.bpmn.event_definitions import Role, read_event_definitions
from camunda_core.devengine.bpmn.events import (
    BoundaryEvent,
    EndEvent,
    EventDefinition,
    EventType,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    StartEvent,
    TimerDefinition,
    TimerKind,
    event_type_of,
)
from camunda_core.devengine.bpmn.extensions import read_job
from camunda_core.devengine.bpmn.extensions_tasks import read_form
from camunda_core.devengine.bpmn.parts import ExecutionListenerEvent, FormLink, JobDefinition

__all__ = [
    "build_boundary_event",
    "build_end_event",
    "build_intermediate_catch_event",
    "build_intermediate_throw_event",
    "build_start_event",
]

_PROCESS_START = {EventType.NONE, EventType.MESSAGE, EventType.TIMER, EventType.SIGNAL}
_EVENT_SUB_START = {
    EventType.MESSAGE,
    EventType.TIMER,
    EventType.ERROR,
    EventType.SIGNAL,
    EventType.ESCALATION,
}
_NON_INTERRUPTING = {EventType.MESSAGE, EventType.TIMER, EventType.SIGNAL, EventType.ESCALATION}
_CATCH = {EventType.MESSAGE, EventType.TIMER, EventType.SIGNAL, EventType.LINK}
_BOUNDARY = {
    EventType.TIMER,
    EventType.MESSAGE,
    EventType.ERROR,
    EventType.SIGNAL,
    EventType.ESCALATION,
}
_THROW = {EventType.NONE, EventType.MESSAGE, EventType.SIGNAL, EventType.LINK, EventType.ESCALATION}
_END = {
    EventType.NONE,
    EventType.ERROR,
    EventType.MESSAGE,
    EventType.TERMINATE,
    EventType.SIGNAL,
    EventType.ESCALATION,
}


def _definition(
    source: NodeSource, role: Role, *, problem: str, exactly_one: bool = False
) -> EventDefinition | None:
    found = read_event_definitions(source.element, source.owner, source.context.definitions, role)
    if len(found) > 1 or (exactly_one and not found):
        source.owner.report(problem)
    return found[0] if found else None


def _flag(source: NodeSource, attribute: str) -> bool:
    return (source.element.get(attribute) or "true").strip().lower() != "false"


def _check_interrupting(
    source: NodeSource, definition: EventDefinition | None, interrupting: bool
) -> None:
    kind = event_type_of(definition)
    if not interrupting and kind not in _NON_INTERRUPTING:
        source.owner.report(
            f"Non-interrupting {kind.value} events are not allowed (only message, timer, signal "
            "and escalation events can be non-interrupting)"
        )
    if (
        interrupting
        and isinstance(definition, TimerDefinition)
        and definition.kind is TimerKind.CYCLE
    ):
        source.owner.report("Interrupting timer event with time cycle is not allowed")


def _allowed(
    source: NodeSource, definition: EventDefinition | None, allowed: set[EventType], message: str
) -> None:
    if event_type_of(definition) not in allowed and definition is not None:
        source.owner.report(message)


def build_start_event(source: NodeSource) -> StartEvent:
    """A start event of the process, an embedded sub-process or an event sub-process."""
    kind = source.scope.kind
    role = Role.PROCESS_START if kind is ScopeKind.PROCESS else Role.CATCH
    definition = _definition(source, role, problem="Start event can't have more than one type")
    interrupting = _flag(source, "isInterrupting")
    if kind is ScopeKind.PROCESS:
        _check_process_start(source, definition)
    elif kind is ScopeKind.EMBEDDED and definition is not None:
        source.owner.report("Start events in subprocesses must be of type none")
    elif kind is ScopeKind.EVENT_SUBPROCESS:
        if event_type_of(definition) not in _EVENT_SUB_START:
            source.owner.report(
                "Start events in event subprocesses must be one of: message, timer, error, signal "
                "or escalation"
            )
        _check_interrupting(source, definition, interrupting)
    fields = source.common_fields()
    source.refuse_listeners(fields, ExecutionListenerEvent.START, "start events")
    return StartEvent(
        **fields,
        definition=definition,
        is_interrupting=interrupting if kind is ScopeKind.EVENT_SUBPROCESS else True,
        form=_start_form(source, definition),
    )


def _check_process_start(source: NodeSource, definition: EventDefinition | None) -> None:
    kind = event_type_of(definition)
    if kind not in _PROCESS_START:
        source.owner.report(
            f"{kind.value} start events are only allowed in event sub-processes; a process starts "
            "with a none, message, timer or signal start event"
        )
    if isinstance(definition, TimerDefinition) and definition.kind is TimerKind.DURATION:
        source.owner.report(
            "timer start events of a process must use timeDate or timeCycle, not timeDuration"
        )


def _start_form(source: NodeSource, definition: EventDefinition | None) -> FormLink | None:
    if not source.extensions.has("formDefinition"):
        return None
    if source.scope.kind is not ScopeKind.PROCESS or definition is not None:
        source.owner.report(
            "a start form (zeebe:formDefinition) is only supported on the none start event of a "
            "process"
        )
        return None
    public = source.extensions.all("properties")
    if any(
        prop.get("name") == "publicAccess" and (prop.get("value") or "").lower() == "true"
        for container in public
        for prop in container
    ):
        source.owner.report("Start event forms with public access enabled are not supported")
    return read_form(source.extensions, source.owner, camunda_user_task=False)


def build_intermediate_catch_event(source: NodeSource) -> IntermediateCatchEvent:
    """A message, timer (duration or date), signal or link catch event."""
    definition = _definition(
        source, Role.CATCH, problem="Must have exactly one event definition", exactly_one=True
    )
    _allowed(
        source,
        definition,
        _CATCH,
        "Intermediate catch events must be one of: message, timer, signal or link",
    )
    if isinstance(definition, TimerDefinition) and definition.kind is TimerKind.CYCLE:
        source.owner.report(
            "Intermediate timer catch event must have either a time duration or a time date"
        )
    return IntermediateCatchEvent(**source.common_fields(), definition=definition)


def build_boundary_event(source: NodeSource) -> BoundaryEvent:
    """A timer, message, error, signal or escalation boundary event."""
    definition = _definition(
        source, Role.CATCH, problem="Must have exactly one event definition", exactly_one=True
    )
    _allowed(
        source,
        definition,
        _BOUNDARY,
        "Boundary events must be one of: timer, message, error, signal or escalation",
    )
    interrupting = _flag(source, "cancelActivity")
    if definition is not None:
        _check_interrupting(source, definition, interrupting)
    attached_to = source.owner.text(source.element, "attachedToRef")
    if attached_to is None:
        source.owner.report(
            "Must be attached to an activity (attribute 'attachedToRef' is missing)"
        )
    fields = source.common_fields()
    source.refuse_listeners(fields, ExecutionListenerEvent.START, "boundary events")
    return BoundaryEvent(
        **fields, definition=definition, attached_to=attached_to or "", cancel_activity=interrupting
    )


def _throw_job(source: NodeSource, definition: EventDefinition | None) -> JobDefinition | None:
    if source.extensions.has("publishMessage"):
        source.owner.report(
            "zeebe:publishMessage is not supported by the dev engine: send the message from a job "
            "(zeebe:taskDefinition)"
        )
    if event_type_of(definition) is not EventType.MESSAGE:
        return None
    return read_job(source.extensions, source.owner, required=True)


def build_intermediate_throw_event(source: NodeSource) -> IntermediateThrowEvent:
    """A none, message (job), signal, link or escalation throw event."""
    definition = _definition(source, Role.THROW, problem="Must have at most one event definition")
    _allowed(
        source,
        definition,
        _THROW,
        "Intermediate throw events must be one of: none, message, signal, link or escalation",
    )
    job = _throw_job(source, definition)
    return IntermediateThrowEvent(**source.common_fields(), definition=definition, job=job)


def build_end_event(source: NodeSource) -> EndEvent:
    """A none, error, message (job), terminate, signal or escalation end event."""
    definition = _definition(source, Role.THROW, problem="Must have at most one event definition")
    _allowed(
        source,
        definition,
        _END,
        "End events must be one of: none, error, message, terminate, signal or escalation",
    )
    job = _throw_job(source, definition)
    fields = source.common_fields()
    if event_type_of(definition) in (EventType.ERROR, EventType.ESCALATION):
        source.refuse_listeners(
            fields, ExecutionListenerEvent.END, "error and escalation end events"
        )
    return EndEvent(**fields, definition=definition, job=job)
