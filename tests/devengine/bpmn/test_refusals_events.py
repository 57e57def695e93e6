"""Event definition rules: messages, timers, signals, errors, escalations, links, throws."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from camunda_core.devengine.bpmn import BpmnProblem

Document = Callable[..., bytes]
Refused = Callable[[bytes, str | None, str | None, str], BpmnProblem]
Around = Callable[..., str]


def catch(definition: str) -> str:
    return f'<bpmn:intermediateCatchEvent id="Event">{definition}</bpmn:intermediateCatchEvent>'


def throw(definition: str, extensions: str = "") -> str:
    ext = f"<bpmn:extensionElements>{extensions}</bpmn:extensionElements>" if extensions else ""
    return (
        f'<bpmn:intermediateThrowEvent id="Event">{ext}{definition}</bpmn:intermediateThrowEvent>'
    )


def message(
    name: str | None = "ping",
    subscription: str | None = '<zeebe:subscription correlationKey="=key" />',
) -> str:
    name_attr = f' name="{name}"' if name is not None else ""
    ext = f"<bpmn:extensionElements>{subscription}</bpmn:extensionElements>" if subscription else ""
    return f'<bpmn:message id="Msg"{name_attr}>{ext}</bpmn:message>'


MESSAGE_REF = '<bpmn:messageEventDefinition messageRef="Msg" />'


def timer(kind: str, value: str) -> str:
    return (
        f"<bpmn:timerEventDefinition><bpmn:{kind}>{value}</bpmn:{kind}></bpmn:timerEventDefinition>"
    )


@pytest.mark.parametrize(
    ("element", "definitions", "reason"),
    [
        pytest.param(
            catch(MESSAGE_REF),
            message(name=None),
            "message 'Msg' must have a name",
            id="message-without-name",
        ),
        pytest.param(
            catch(MESSAGE_REF),
            message(subscription=None),
            "message 'Msg' must have exactly one zeebe:subscription",
            id="message-without-subscription",
        ),
        pytest.param(
            catch("<bpmn:messageEventDefinition />"),
            "",
            "Must reference a message",
            id="message-without-ref",
        ),
        pytest.param(
            catch(MESSAGE_REF),
            "",
            "messageRef 'Msg' does not resolve to a bpmn:message",
            id="message-unresolved",
        ),
        pytest.param(
            catch(MESSAGE_REF),
            message(subscription='<zeebe:subscription correlationKey="order-1" />'),
            "attribute 'correlationKey' must be a FEEL expression",
            id="static-correlation-key",
        ),
        pytest.param(
            catch(MESSAGE_REF),
            message(subscription="<zeebe:subscription />"),
            "attribute 'correlationKey' must be present and not empty",
            id="empty-correlation-key",
        ),
        pytest.param(
            catch(""), "", "Must have exactly one event definition", id="catch-without-definition"
        ),
        pytest.param(
            catch(MESSAGE_REF + timer("timeDuration", "PT1M")),
            message(),
            "Must have exactly one event definition",
            id="catch-with-two-definitions",
        ),
        pytest.param(
            catch("<bpmn:errorEventDefinition />"),
            "",
            "Intermediate catch events must be one of: message, timer, signal or link",
            id="error-catch",
        ),
        pytest.param(
            catch(timer("timeCycle", "R/PT1M")),
            "",
            "must have either a time duration or a time date",
            id="cycle-catch",
        ),
        pytest.param(
            catch(timer("timeDuration", "5 minutes")),
            "",
            "invalid timer duration '5 minutes'",
            id="bad-duration",
        ),
        pytest.param(
            catch(timer("timeDate", "tomorrow")), "", "invalid timer date 'tomorrow'", id="bad-date"
        ),
        pytest.param(
            catch(timer("timeDuration", "")),
            "",
            "the timer duration must not be empty",
            id="empty-timer",
        ),
        pytest.param(
            catch(timer("timeDuration", "= ")),
            "",
            "invalid timer duration '='",
            id="lone-equals-timer",
        ),
        pytest.param(
            catch(
                "<bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration><bpmn:timeDate>2030-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>"
            ),
            "",
            "Must be exactly one type of timer: timeDuration, timeDate or timeCycle",
            id="two-timer-kinds",
        ),
        pytest.param(
            catch("<bpmn:signalEventDefinition />"),
            "",
            "Must reference a signal",
            id="signal-without-ref",
        ),
        pytest.param(
            catch('<bpmn:signalEventDefinition signalRef="Sig" />'),
            '<bpmn:signal id="Sig" />',
            "signal 'Sig' must have a name",
            id="signal-without-name",
        ),
        pytest.param(
            catch("<bpmn:linkEventDefinition />"),
            "",
            "attribute 'name' must be present and not empty",
            id="link-without-name",
        ),
        pytest.param(
            throw("<bpmn:errorEventDefinition />"),
            "",
            "Intermediate throw events must be one of: none, message, signal, link or escalation",
            id="error-throw",
        ),
        pytest.param(
            throw(MESSAGE_REF),
            message(),
            "Must have exactly one 'zeebe:taskDefinition' extension element",
            id="message-throw-without-job",
        ),
        pytest.param(
            throw(MESSAGE_REF, '<zeebe:publishMessage correlationKey="=k" />'),
            message(),
            "zeebe:publishMessage is not supported by the dev engine",
            id="publish-message",
        ),
        pytest.param(
            throw("<bpmn:escalationEventDefinition />"),
            "",
            "Must reference an escalation",
            id="escalation-throw-without-ref",
        ),
        pytest.param(
            throw('<bpmn:escalationEventDefinition escalationRef="Esc" />'),
            '<bpmn:escalation id="Esc" />',
            "escalation 'Esc': attribute 'escalationCode' must be present and not empty",
            id="escalation-throw-without-code",
        ),
    ],
)
def test_event_definition_refusals(
    document: Document,
    around: Around,
    refused: Refused,
    element: str,
    definitions: str,
    reason: str,
) -> None:
    element_type = (
        "bpmn:intermediateCatchEvent" if "CatchEvent" in element else "bpmn:intermediateThrowEvent"
    )
    refused(document(around(element, "Event"), definitions), "Event", element_type, reason)


def end_event(definition: str, extensions: str = "") -> str:
    ext = f"<bpmn:extensionElements>{extensions}</bpmn:extensionElements>" if extensions else ""
    return (
        '<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="F" sourceRef="Start" '
        'targetRef="End" />'
        f'<bpmn:endEvent id="End">{ext}{definition}</bpmn:endEvent>'
    )


@pytest.mark.parametrize(
    ("definition", "definitions", "reason"),
    [
        pytest.param(
            "<bpmn:errorEventDefinition />",
            "",
            "Must reference an error",
            id="error-end-without-ref",
        ),
        pytest.param(
            '<bpmn:errorEventDefinition errorRef="Err" />',
            '<bpmn:error id="Err" />',
            "error 'Err': attribute 'errorCode' must be present and not empty",
            id="error-end-without-code",
        ),
        pytest.param(
            MESSAGE_REF,
            message(),
            "Must have exactly one 'zeebe:taskDefinition' extension element",
            id="message-end-without-job",
        ),
        pytest.param(
            timer("timeDuration", "PT1M"),
            "",
            "End events must be one of: none, error, message, terminate, signal or escalation",
            id="timer-end",
        ),
        pytest.param(
            "<bpmn:terminateEventDefinition /><bpmn:errorEventDefinition />",
            "",
            "Must have at most one event definition",
            id="two-definitions",
        ),
    ],
)
def test_end_event_refusals(
    document: Document, refused: Refused, definition: str, definitions: str, reason: str
) -> None:
    refused(document(end_event(definition), definitions), "End", "bpmn:endEvent", reason)


def test_error_catch_code_cannot_be_feel(
    document: Document, around: Around, refused: Refused
) -> None:
    task = '<bpmn:serviceTask id="Task"><bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements></bpmn:serviceTask>'
    extra = (
        '<bpmn:boundaryEvent id="B" attachedToRef="Task"><bpmn:errorEventDefinition '
        'errorRef="Err" /></bpmn:boundaryEvent>'
        '<bpmn:sequenceFlow id="BF" sourceRef="B" targetRef="End" />'
    )
    data = document(around(task, "Task", extra), '<bpmn:error id="Err" errorCode="=code" />')
    refused(
        data,
        "B",
        "bpmn:boundaryEvent",
        "the errorCode of a catch event is not allowed to be an expression",
    )


def test_timer_start_event_of_a_process_cannot_use_a_duration(
    document: Document, refused: Refused
) -> None:
    body = (
        f'<bpmn:startEvent id="Start">{timer("timeDuration", "PT1M")}</bpmn:startEvent>'
        '<bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />'
    )
    refused(
        document(body),
        "Start",
        "bpmn:startEvent",
        "timer start events of a process must use timeDate or timeCycle",
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        pytest.param("every hour", "invalid timer cycle 'every hour'", id="words"),
        pytest.param("R/soon", "invalid timer cycle 'R/soon'", id="bad-interval"),
        pytest.param("0 0 * * *", "invalid timer cycle '0 0 * * *'", id="five-field-cron"),
    ],
)
def test_invalid_static_cycles(
    document: Document, refused: Refused, value: str, reason: str
) -> None:
    body = (
        f'<bpmn:startEvent id="Start">{timer("timeCycle", value)}</bpmn:startEvent>'
        '<bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />'
    )
    refused(document(body), "Start", "bpmn:startEvent", reason)


def test_start_event_with_two_definitions(document: Document, refused: Refused) -> None:
    body = (
        f'<bpmn:startEvent id="Start">{MESSAGE_REF}{timer("timeCycle", "R/PT1M")}</bpmn:startEvent>'
        '<bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />'
    )
    refused(
        document(body, message()),
        "Start",
        "bpmn:startEvent",
        "Start event can't have more than one type",
    )


def test_start_form_needs_a_none_start_event(document: Document, refused: Refused) -> None:
    body = (
        '<bpmn:startEvent id="Start"><bpmn:extensionElements><zeebe:formDefinition formId="f" '
        "/></bpmn:extensionElements>"
        f"{MESSAGE_REF}</bpmn:startEvent>"
        '<bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />'
    )
    refused(
        document(body, message()),
        "Start",
        "bpmn:startEvent",
        "a start form (zeebe:formDefinition) is only supported on the none start event",
    )


def test_public_start_forms_are_refused(document: Document, refused: Refused) -> None:
    body = (
        '<bpmn:startEvent id="Start"><bpmn:extensionElements><zeebe:formDefinition formId="f" />'
        '<zeebe:properties><zeebe:property name="publicAccess" value="true" /></zeebe:properties>'
        "</bpmn:extensionElements></bpmn:startEvent>"
        '<bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />'
    )
    refused(
        document(body),
        "Start",
        "bpmn:startEvent",
        "Start event forms with public access enabled are not supported",
    )


def test_unresolved_error_ref(document: Document, refused: Refused) -> None:
    data = document(end_event('<bpmn:errorEventDefinition errorRef="Missing" />'))
    refused(
        data,
        "End",
        "bpmn:endEvent",
        "errorRef 'Missing' does not resolve to a bpmn:error of this file",
    )


def test_unresolved_signal_ref(document: Document, around: Around, refused: Refused) -> None:
    data = document(around(catch('<bpmn:signalEventDefinition signalRef="Nope" />'), "Event"))
    refused(
        data,
        "Event",
        "bpmn:intermediateCatchEvent",
        "signalRef 'Nope' does not resolve to a bpmn:signal",
    )


def test_unknown_event_definition(document: Document, around: Around, refused: Refused) -> None:
    data = document(around(catch("<bpmn:magicEventDefinition />"), "Event"))
    refused(
        data,
        "Event",
        "bpmn:intermediateCatchEvent",
        "unsupported event definition bpmn:magicEventDefinition",
    )


def test_escalation_catch_code_cannot_be_feel(
    document: Document, around: Around, refused: Refused
) -> None:
    sub = (
        '<bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart" /></bpmn:subProcess>'
        '<bpmn:boundaryEvent id="B" attachedToRef="Sub"><bpmn:escalationEventDefinition escalationRef="Esc" /></bpmn:boundaryEvent>'
    )
    extra = '<bpmn:sequenceFlow id="BF" sourceRef="B" targetRef="End" />'
    data = document(
        around(sub, "Sub", extra), '<bpmn:escalation id="Esc" escalationCode="=code" />'
    )
    refused(
        data,
        "B",
        "bpmn:boundaryEvent",
        "the escalationCode of a catch event is not allowed to be an expression",
    )


def test_publish_message_on_a_send_task(
    document: Document, around: Around, refused: Refused
) -> None:
    task = (
        '<bpmn:sendTask id="Task"><bpmn:extensionElements><zeebe:taskDefinition type="t" />'
        '<zeebe:publishMessage correlationKey="=k" /></bpmn:extensionElements></bpmn:sendTask>'
    )
    refused(
        document(around(task, "Task")),
        "Task",
        "bpmn:sendTask",
        "zeebe:publishMessage is not supported by the dev engine",
    )


def test_embedded_form_without_id(document: Document, refused: Refused) -> None:
    body = (
        "<bpmn:extensionElements><zeebe:userTaskForm>{}</zeebe:userTaskForm></bpmn:extensionElements>"
        '<bpmn:startEvent id="Start" />'
    )
    refused(
        document(body),
        "p",
        "bpmn:process",
        "zeebe:userTaskForm: attribute 'id' must be present and not empty",
    )
