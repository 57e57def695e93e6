"""Event definitions (what an event waits for or throws) and the event flow nodes.

Every event has ``definition``: None for a none event, else one of the definition classes below,
already resolved against the definitions-level ``bpmn:message``/``error``/``signal``/
``escalation`` elements. ``event_type`` names the kind without an isinstance check.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TypeAlias

from camunda_core.devengine.bpmn.expression import Expression
from camunda_core.devengine.bpmn.nodes import FlowNode
from camunda_core.devengine.bpmn.parts import FormLink, JobDefinition

__all__ = [
    "BoundaryEvent",
    "EndEvent",
    "ErrorDefinition",
    "EscalationDefinition",
    "Event",
    "EventDefinition",
    "EventType",
    "IntermediateCatchEvent",
    "IntermediateThrowEvent",
    "LinkDefinition",
    "MessageDefinition",
    "MessageThrowDefinition",
    "SignalDefinition",
    "StartEvent",
    "TerminateDefinition",
    "TimerDefinition",
    "TimerKind",
    "event_type_of",
]


class EventType(str, Enum):
    """The kind of an event (``NONE`` when it has no event definition)."""

    NONE = "none"
    MESSAGE = "message"
    TIMER = "timer"
    SIGNAL = "signal"
    ERROR = "error"
    ESCALATION = "escalation"
    LINK = "link"
    TERMINATE = "terminate"


class TimerKind(str, Enum):
    """``timeDuration`` (ISO 8601 duration), ``timeDate`` (date-time), ``timeCycle``.

    A cycle is an ISO 8601 repeating interval (``R3/PT10M``, ``R/P1D``) or a cron expression.
    """

    DURATION = "duration"
    DATE = "date"
    CYCLE = "cycle"


@dataclass(frozen=True, slots=True)
class TimerDefinition:
    """A timer: its kind and its value (static text or FEEL)."""

    kind: TimerKind
    expression: Expression


@dataclass(frozen=True, slots=True)
class MessageDefinition:
    """A message an event or receive task waits for.

    ``correlation_key`` (always FEEL) is None only on process-level message start events,
    which do not correlate. ``name`` may be FEEL.
    """

    message_id: str
    name: Expression
    correlation_key: Expression | None = None


@dataclass(frozen=True, slots=True)
class MessageThrowDefinition:
    """A message throw or end event: the message is sent by the event's job, like a send task.

    ``message_id`` and ``name`` are informative only (None when no message is referenced).
    """

    message_id: str | None = None
    name: Expression | None = None


@dataclass(frozen=True, slots=True)
class SignalDefinition:
    """A signal to catch or broadcast; ``name`` may be FEEL."""

    signal_id: str
    name: Expression


@dataclass(frozen=True, slots=True)
class ErrorDefinition:
    """A BPMN error to catch or throw.

    On a catch event, ``error_code`` is static, and None means "catch every error" (no
    ``errorRef``, or an error without ``errorCode``). On an end event it is always set and may
    be FEEL.
    """

    error_id: str | None = None
    error_code: Expression | None = None

    @property
    def catches_all(self) -> bool:
        """True for a catch-all error catch event."""
        return self.error_code is None


@dataclass(frozen=True, slots=True)
class EscalationDefinition:
    """An escalation to catch or throw; None ``escalation_code`` on a catch means "all"."""

    escalation_id: str | None = None
    escalation_code: Expression | None = None

    @property
    def catches_all(self) -> bool:
        """True for a catch-all escalation catch event."""
        return self.escalation_code is None


@dataclass(frozen=True, slots=True)
class LinkDefinition:
    """A link event: a throw jumps to the catch with the same name in the same scope."""

    name: str


@dataclass(frozen=True, slots=True)
class TerminateDefinition:
    """A terminate end event: ends every token of its scope."""


EventDefinition: TypeAlias = (
    MessageDefinition
    | MessageThrowDefinition
    | TimerDefinition
    | SignalDefinition
    | ErrorDefinition
    | EscalationDefinition
    | LinkDefinition
    | TerminateDefinition
)

_TYPES: dict[type, EventType] = {
    MessageDefinition: EventType.MESSAGE,
    MessageThrowDefinition: EventType.MESSAGE,
    TimerDefinition: EventType.TIMER,
    SignalDefinition: EventType.SIGNAL,
    ErrorDefinition: EventType.ERROR,
    EscalationDefinition: EventType.ESCALATION,
    LinkDefinition: EventType.LINK,
    TerminateDefinition: EventType.TERMINATE,
}


def event_type_of(definition: EventDefinition | None) -> EventType:
    """The :class:`EventType` of a definition (``NONE`` for None)."""
    return EventType.NONE if definition is None else _TYPES[type(definition)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(FlowNode):
    """Base of the events."""

    definition: EventDefinition | None = None

    @property
    def event_type(self) -> EventType:
        """The kind of this event."""
        return event_type_of(self.definition)


@dataclass(frozen=True, slots=True, kw_only=True)
class StartEvent(Event):
    """A start event of the process, of an embedded sub-process or of an event sub-process.

    Process level: none, message, timer (date or cycle) or signal. Embedded sub-process: none.
    Event sub-process: message, timer, error, signal or escalation, interrupting or not
    (``is_interrupting``). ``form`` is the start form of a none start event.
    """

    is_interrupting: bool = True
    form: FormLink | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class IntermediateCatchEvent(Event):
    """Waits for a message, a timer (duration or date) or a signal; or is a link target."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BoundaryEvent(Event):
    """Attached to the activity ``attached_to``; ``cancel_activity`` False = non-interrupting.

    Catches a timer, message, error, signal or escalation while the activity is active.
    """

    attached_to: str
    cancel_activity: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class IntermediateThrowEvent(Event):
    """None (pass-through), message (``job``), signal, link or escalation throw."""

    job: JobDefinition | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EndEvent(Event):
    """None, error, message (``job``), terminate, signal or escalation end event."""

    job: JobDefinition | None = None
