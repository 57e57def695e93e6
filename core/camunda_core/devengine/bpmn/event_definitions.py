"""Readers for the ``bpmn:*EventDefinition`` children of events and for message references.

References to definitions-level messages, errors, signals and escalations are resolved here,
and the Zeebe rules that depend on the event's role (catch or throw) are applied.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from enum import Enum

from camunda_core.devengine.bpmn.context import Definitions, Extensions, Owner
from camunda_core.devengine.bpmn.events import (
    ErrorDefinition,
    EscalationDefinition,
    EventDefinition,
    LinkDefinition,
    MessageDefinition,
    MessageThrowDefinition,
    SignalDefinition,
    TerminateDefinition,
    TimerDefinition,
    TimerKind,
)
from camunda_core.devengine.bpmn.expression import Expression
from camunda_core.devengine.bpmn.timers import static_timer_problem
from camunda_core.devengine.bpmn.xmlload import BPMN_NS, bpmn, local_name, namespace

__all__ = ["Role", "read_event_definitions", "read_message"]

_PLACEHOLDER = Expression.static("")


class Role(Enum):
    """What the event does with its definition; decides which references are required."""

    PROCESS_START = "process start"  # a process-level start event: messages need no correlation
    CATCH = "catch"  # intermediate catch, boundary, event sub-process start, receive task
    THROW = "throw"  # intermediate throw and end events

    @property
    def throws(self) -> bool:
        """True for throw and end events."""
        return self is Role.THROW


_REFUSED = {
    "compensateEventDefinition": "compensation events are not supported by the dev engine",
    "conditionalEventDefinition": "conditional events are not supported by the dev engine",
    "cancelEventDefinition": (
        "cancel events are not supported by the dev engine (they belong to transaction "
        "sub-processes)"
    ),
}


def read_event_definitions(
    event: ET.Element, owner: Owner, definitions: Definitions, role: Role
) -> list[EventDefinition | None]:
    """The event's definitions in file order; None stands for a refused one (already reported)."""
    found: list[EventDefinition | None] = []
    for child in event:
        name = local_name(child.tag)
        if namespace(child.tag) != BPMN_NS:
            continue
        if name == "eventDefinitionRef":
            owner.report(
                "eventDefinitionRef is not supported: define the event definition inside the event"
            )
            found.append(None)
        elif name in _REFUSED:
            owner.report(_REFUSED[name])
            found.append(None)
        elif name.endswith("EventDefinition"):
            reader = _READERS.get(name)
            if reader is None:
                owner.report(f"unsupported event definition bpmn:{name}")
            found.append(reader(child, owner, definitions, role) if reader else None)
    return found


def read_message(
    message_ref: str | None, owner: Owner, definitions: Definitions, role: Role
) -> MessageDefinition:
    """Resolve a ``messageRef`` for a catching element (Zeebe: name and subscription needed)."""
    message = _resolve(message_ref, definitions.messages, "message", owner, required=True)
    if message is None:
        return MessageDefinition(message_id=message_ref or "", name=_PLACEHOLDER)
    label = f"message '{message_ref}'"
    raw_name = message.get("name")
    if raw_name is None or not raw_name.strip():
        owner.report(f"{label} must have a name")
        name = _PLACEHOLDER
    else:
        name = owner.check_expression(raw_name, f"{label}: name")
    correlation_key = None
    if role is Role.CATCH:
        correlation_key = _correlation_key(message, label, owner)
    return MessageDefinition(
        message_id=message_ref or "", name=name, correlation_key=correlation_key
    )


def _correlation_key(message: ET.Element, label: str, owner: Owner) -> Expression:
    subscriptions = Extensions(message).all("subscription")
    if len(subscriptions) != 1:
        owner.report(
            f"{label} must have exactly one zeebe:subscription extension element with a "
            "correlationKey"
        )
        return _PLACEHOLDER
    key = owner.expression(subscriptions[0], "correlationKey", required=True, feel_only=True)
    return key or _PLACEHOLDER


def _resolve(
    ref: str | None, table: dict[str, ET.Element], kind: str, owner: Owner, *, required: bool
) -> ET.Element | None:
    if not ref:
        if required:
            article = "an" if kind[0] in "aeiou" else "a"
            owner.report(f"Must reference {article} {kind}")
        return None
    element = table.get(ref)
    if element is None:
        owner.report(f"{kind}Ref '{ref}' does not resolve to a bpmn:{kind} of this file")
    return element


def _message(
    child: ET.Element, owner: Owner, definitions: Definitions, role: Role
) -> EventDefinition:
    ref = child.get("messageRef")
    if not role.throws:
        return read_message(ref, owner, definitions, role)
    message = _resolve(ref, definitions.messages, "message", owner, required=False)
    name = message.get("name") if message is not None else None
    return MessageThrowDefinition(message_id=ref, name=Expression.parse(name) if name else None)


def _timer(child: ET.Element, owner: Owner, _d: Definitions, _r: Role) -> EventDefinition:
    values = [
        (kind, element)
        for kind, tag in (
            (TimerKind.DURATION, "timeDuration"),
            (TimerKind.DATE, "timeDate"),
            (TimerKind.CYCLE, "timeCycle"),
        )
        if (element := child.find(bpmn(tag))) is not None
    ]
    if len(values) != 1:
        owner.report("Must be exactly one type of timer: timeDuration, timeDate or timeCycle")
        if not values:
            return TimerDefinition(TimerKind.DURATION, _PLACEHOLDER)
    kind, element = values[0]
    text = (element.text or "").strip()
    if not text:
        owner.report(f"the timer {kind.value} must not be empty")
    expression = owner.check_expression(text, f"timer {kind.value}")
    problem = static_timer_problem(kind, text) if text and expression.is_static else None
    if problem:
        owner.report(problem)
    return TimerDefinition(kind, expression)


def _signal(child: ET.Element, owner: Owner, definitions: Definitions, _r: Role) -> EventDefinition:
    ref = child.get("signalRef")
    signal = _resolve(ref, definitions.signals, "signal", owner, required=True)
    raw_name = signal.get("name") if signal is not None else None
    if signal is not None and (raw_name is None or not raw_name.strip()):
        owner.report(f"signal '{ref}' must have a name")
    name = owner.check_expression(raw_name, f"signal '{ref}': name") if raw_name else _PLACEHOLDER
    return SignalDefinition(signal_id=ref or "", name=name)


def _error(
    child: ET.Element, owner: Owner, definitions: Definitions, role: Role
) -> EventDefinition:
    ref = child.get("errorRef")
    error = _resolve(ref, definitions.errors, "error", owner, required=role.throws)
    code = _code(error, "errorCode", f"error '{ref}'", owner, role)
    return ErrorDefinition(error_id=ref or None, error_code=code)


def _escalation(
    child: ET.Element, owner: Owner, definitions: Definitions, role: Role
) -> EventDefinition:
    ref = child.get("escalationRef")
    escalation = _resolve(ref, definitions.escalations, "escalation", owner, required=role.throws)
    code = _code(escalation, "escalationCode", f"escalation '{ref}'", owner, role)
    return EscalationDefinition(escalation_id=ref or None, escalation_code=code)


def _code(
    element: ET.Element | None, attribute: str, label: str, owner: Owner, role: Role
) -> Expression | None:
    """The error/escalation code: required when thrown (may be FEEL), static when caught."""
    raw = element.get(attribute) if element is not None else None
    if raw is None or not raw.strip():
        if role.throws and element is not None:
            owner.report(f"{label}: attribute '{attribute}' must be present and not empty")
        return _PLACEHOLDER if role.throws else None
    code = owner.check_expression(raw, f"{label}: {attribute}")
    if code.is_feel and not role.throws:
        owner.report(
            f"{label}: the {attribute} of a catch event is not allowed to be an expression"
        )
    return code


def _link(child: ET.Element, owner: Owner, _d: Definitions, _r: Role) -> EventDefinition:
    name = owner.text(child, "name", required=True)
    return LinkDefinition(name or "")


def _terminate(_c: ET.Element, _o: Owner, _d: Definitions, _r: Role) -> EventDefinition:
    return TerminateDefinition()


_Reader = Callable[[ET.Element, Owner, Definitions, Role], EventDefinition]
_READERS: dict[str, _Reader] = {
    "messageEventDefinition": _message,
    "timerEventDefinition": _timer,
    "signalEventDefinition": _signal,
    "errorEventDefinition": _error,
    "escalationEventDefinition": _escalation,
    "linkEventDefinition": _link,
    "terminateEventDefinition": _terminate,
}
