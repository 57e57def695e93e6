"""Graph rules: flows, gateways, reachability, start events, scopes, boundary events, links."""

from __future__ import annotations

from collections.abc import Callable

from camunda_core.devengine.bpmn import BpmnProblem, BpmnResource

Document = Callable[..., bytes]
Refused = Callable[[bytes, str | None, str | None, str], BpmnProblem]
Around = Callable[..., str]

START_END = '<bpmn:startEvent id="Start" /><bpmn:endEvent id="End" />'
SERVICE = '<bpmn:serviceTask id="{id}"><bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements></bpmn:serviceTask>'
MESSAGE = '<bpmn:message id="Msg" name="ping"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>'


def flow(flow_id: str, source: str, target: str, condition: str | None = None) -> str:
    if condition is None:
        return f'<bpmn:sequenceFlow id="{flow_id}" sourceRef="{source}" targetRef="{target}" />'
    return (
        f'<bpmn:sequenceFlow id="{flow_id}" sourceRef="{source}" targetRef="{target}">'
        "<bpmn:conditionExpression "
        f'xsi:type="bpmn:tFormalExpression">{condition}</bpmn:conditionExpression>'
        "</bpmn:sequenceFlow>"
    )


def xor_body(
    default: str = "", default_condition: str | None = None, a_condition: str | None = "=a"
) -> str:
    attr = f' default="{default}"' if default else ""
    return (
        f'<bpmn:startEvent id="Start" />{flow("F0", "Start", "Gw")}'
        f'<bpmn:exclusiveGateway id="Gw"{attr} />'
        f"{flow('FA', 'Gw', 'EndA', a_condition)}{flow('FB', 'Gw', 'EndB', default_condition)}"
        '<bpmn:endEvent id="EndA" /><bpmn:endEvent id="EndB" />'
    )


def test_flow_to_a_missing_element(document: Document, refused: Refused) -> None:
    body = f'<bpmn:startEvent id="Start" />{flow("F", "Start", "Ghost")}'
    refused(
        document(body),
        "F",
        "bpmn:sequenceFlow",
        "targetRef 'Ghost' does not resolve to a flow node of this process",
    )


def test_flow_from_a_missing_element(document: Document, refused: Refused) -> None:
    body = f"{START_END}{flow('F1', 'Start', 'End')}{flow('F2', 'Ghost', 'End')}"
    refused(document(body), "F2", "bpmn:sequenceFlow", "sourceRef 'Ghost' does not resolve")


def test_flow_without_target(document: Document, refused: Refused) -> None:
    body = f'{START_END}{flow("F1", "Start", "End")}<bpmn:sequenceFlow id="F2" sourceRef="Start" />'
    refused(
        document(body),
        "F2",
        "bpmn:sequenceFlow",
        "attribute 'targetRef' must be present and not empty",
    )


def test_flow_crossing_a_sub_process_boundary(document: Document, refused: Refused) -> None:
    body = (
        f'<bpmn:startEvent id="Start" />{flow("F0", "Start", "Sub")}'
        '<bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart" />'
        f"{flow('Leak', 'SubStart', 'End')}</bpmn:subProcess>"
        f'{flow("F1", "Sub", "End")}<bpmn:endEvent id="End" />'
    )
    refused(
        document(body),
        "Leak",
        "bpmn:sequenceFlow",
        "sequence flows cannot cross the boundary of a sub-process",
    )


def test_default_flow_with_a_condition(document: Document, refused: Refused) -> None:
    body = xor_body(default="FB", default_condition="=b")
    refused(
        document(body),
        "Gw",
        "bpmn:exclusiveGateway",
        "the default flow 'FB' must not have a condition",
    )


def test_inclusive_default_flow_with_a_condition(document: Document, refused: Refused) -> None:
    body = xor_body(default="FB", default_condition="=b").replace(
        "exclusiveGateway", "inclusiveGateway"
    )
    refused(
        document(body),
        "Gw",
        "bpmn:inclusiveGateway",
        "the default flow 'FB' must not have a condition",
    )


def test_default_flow_must_leave_the_gateway(document: Document, refused: Refused) -> None:
    refused(
        document(xor_body(default="F0", default_condition="=b")),
        "Gw",
        "bpmn:exclusiveGateway",
        "Default flow 'F0' must start at the gateway",
    )


def test_unconditional_flow_of_a_split_gateway(document: Document, refused: Refused) -> None:
    refused(
        document(xor_body()),
        "FB",
        "bpmn:sequenceFlow",
        "Must have a condition or be the default flow",
    )


def test_conditional_flow_from_a_task(document: Document, refused: Refused) -> None:
    body = f'<bpmn:startEvent id="Start" />{flow("F0", "Start", "End", "=x")}<bpmn:endEvent id="End" />'
    refused(
        document(body),
        "Start",
        "bpmn:startEvent",
        "Conditional sequence flows are only supported at exclusive or inclusive gateways",
    )


def test_element_without_incoming_flow(
    document: Document, around: Around, refused: Refused
) -> None:
    body = around('<bpmn:manualTask id="Task" />', "Task", '<bpmn:manualTask id="Orphan" />')
    refused(
        document(body),
        "Orphan",
        "bpmn:manualTask",
        "has no incoming sequence flow, so it can never be reached",
    )


def test_end_event_with_outgoing_flow(document: Document, refused: Refused) -> None:
    body = f'{START_END}<bpmn:endEvent id="End2" />{flow("F1", "Start", "End")}{flow("F2", "End", "End2")}'
    refused(
        document(body), "End", "bpmn:endEvent", "End events must not have outgoing sequence flows"
    )


def test_start_event_with_incoming_flow(document: Document, refused: Refused) -> None:
    body = f'{START_END}<bpmn:manualTask id="Back" />{flow("F1", "Start", "Back")}{flow("F2", "Back", "Start")}'
    refused(
        document(body),
        "Start",
        "bpmn:startEvent",
        "Start events must not have incoming sequence flows",
    )


def test_process_without_start_event(document: Document, refused: Refused) -> None:
    refused(
        document('<bpmn:manualTask id="Task" />'),
        "p",
        "bpmn:process",
        "Must have at least one none, message, timer or signal start event",
    )


def test_process_with_only_an_error_start_event(document: Document, refused: Refused) -> None:
    body = f'<bpmn:startEvent id="Start"><bpmn:errorEventDefinition /></bpmn:startEvent>{flow("F", "Start", "End")}<bpmn:endEvent id="End" />'
    data = document(body)
    refused(
        data,
        "Start",
        "bpmn:startEvent",
        "error start events are only allowed in event sub-processes",
    )
    refused(
        data,
        "p",
        "bpmn:process",
        "Must have at least one none, message, timer or signal start event",
    )


def test_two_none_start_events(document: Document, refused: Refused) -> None:
    body = f'{START_END}<bpmn:startEvent id="Start2" />{flow("F1", "Start", "End")}{flow("F2", "Start2", "End")}'
    refused(document(body), "p", "bpmn:process", "Multiple none start events are not allowed")


def test_one_message_for_two_start_events(document: Document, refused: Refused) -> None:
    starts = "".join(
        f'<bpmn:startEvent id="{i}"><bpmn:messageEventDefinition messageRef="Msg" '
        f"/></bpmn:startEvent>{flow('F' + i, i, 'End')}"
        for i in ("S1", "S2")
    )
    refused(
        document(f'{starts}<bpmn:endEvent id="End" />', MESSAGE),
        "p",
        "bpmn:process",
        "A message cannot be referred by more than one start event",
    )


def test_two_signal_start_events_with_the_same_name(document: Document, refused: Refused) -> None:
    signals = '<bpmn:signal id="Sig1" name="go" /><bpmn:signal id="Sig2" name="go" />'
    starts = "".join(
        f'<bpmn:startEvent id="S{n}"><bpmn:signalEventDefinition signalRef="Sig{n}" '
        f"/></bpmn:startEvent>{flow(f'F{n}', f'S{n}', 'End')}"
        for n in (1, 2)
    )
    refused(
        document(f'{starts}<bpmn:endEvent id="End" />', signals),
        "p",
        "bpmn:process",
        "Multiple signal event definitions with the same name 'go'",
    )


def test_sub_process_needs_exactly_one_start_event(
    document: Document, around: Around, refused: Refused
) -> None:
    sub = '<bpmn:subProcess id="Sub"><bpmn:manualTask id="Inside" /></bpmn:subProcess>'
    data = document(around(sub, "Sub"))
    refused(data, "Sub", "bpmn:subProcess", "Must have exactly one start event (found 0)")


def test_embedded_sub_process_with_a_message_start(
    document: Document, around: Around, refused: Refused
) -> None:
    sub = (
        '<bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart"><bpmn:messageEventDefinition '
        'messageRef="Msg" />'
        "</bpmn:startEvent></bpmn:subProcess>"
    )
    refused(
        document(around(sub, "Sub"), MESSAGE),
        "SubStart",
        "bpmn:startEvent",
        "Start events in subprocesses must be of type none",
    )


def event_sub(start: str, extra: str = "") -> str:
    return f'<bpmn:subProcess id="Events" triggeredByEvent="true">{start}{flow("EF", "EvStart", "EvEnd")}<bpmn:endEvent id="EvEnd" /></bpmn:subProcess>{extra}'


def test_event_sub_process_with_a_none_start(
    document: Document, around: Around, refused: Refused
) -> None:
    body = around(
        '<bpmn:manualTask id="Task" />', "Task", event_sub('<bpmn:startEvent id="EvStart" />')
    )
    refused(
        document(body),
        "EvStart",
        "bpmn:startEvent",
        "Start events in event subprocesses must be one of: message, timer, error, signal or "
        "escalation",
    )


def test_event_sub_process_with_incoming_flow(
    document: Document, around: Around, refused: Refused
) -> None:
    start = '<bpmn:startEvent id="EvStart"><bpmn:errorEventDefinition /></bpmn:startEvent>'
    body = around(
        '<bpmn:manualTask id="Task" />', "Task", event_sub(start, flow("Into", "Task", "Events"))
    )
    refused(
        document(body),
        "Events",
        "bpmn:subProcess",
        "Event subprocesses cannot have incoming or outgoing sequence flows",
    )


def test_non_interrupting_error_start(document: Document, around: Around, refused: Refused) -> None:
    start = '<bpmn:startEvent id="EvStart" isInterrupting="false"><bpmn:errorEventDefinition /></bpmn:startEvent>'
    body = around('<bpmn:manualTask id="Task" />', "Task", event_sub(start))
    refused(
        document(body),
        "EvStart",
        "bpmn:startEvent",
        "Non-interrupting error events are not allowed",
    )


def test_two_catch_all_error_event_sub_processes(
    document: Document, around: Around, refused: Refused
) -> None:
    subs = "".join(
        f'<bpmn:subProcess id="E{n}" triggeredByEvent="true"><bpmn:startEvent '
        f'id="S{n}"><bpmn:errorEventDefinition />'
        f'</bpmn:startEvent>{flow(f"EF{n}", f"S{n}", f"X{n}")}<bpmn:endEvent id="X{n}" '
        "/></bpmn:subProcess>"
        for n in (1, 2)
    )
    body = around('<bpmn:manualTask id="Task" />', "Task", subs)
    refused(
        document(body), "p", "bpmn:process", "more than one error catch event without error code"
    )


def boundary(event_id: str, attached: str, definition: str, cancel: str = "") -> str:
    attr = f' cancelActivity="{cancel}"' if cancel else ""
    return (
        f'<bpmn:boundaryEvent id="{event_id}" '
        f'attachedToRef="{attached}"{attr}>{definition}</bpmn:boundaryEvent>'
        f'{flow("BF" + event_id, event_id, "BEnd" + event_id)}<bpmn:endEvent id="BEnd{event_id}" />'
    )


def test_boundary_event_not_attached(document: Document, around: Around, refused: Refused) -> None:
    body = around(
        SERVICE.format(id="Task"),
        "Task",
        '<bpmn:boundaryEvent id="B"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>',
    )
    refused(document(body), "B", "bpmn:boundaryEvent", "Must be attached to an activity")


def test_boundary_event_attached_to_a_missing_activity(
    document: Document, around: Around, refused: Refused
) -> None:
    body = around(
        SERVICE.format(id="Task"), "Task", boundary("B", "Ghost", "<bpmn:errorEventDefinition />")
    )
    refused(
        document(body),
        "B",
        "bpmn:boundaryEvent",
        "attachedToRef 'Ghost' does not resolve to an activity",
    )


def test_boundary_event_attached_to_a_gateway(
    document: Document, around: Around, refused: Refused
) -> None:
    body = around(
        '<bpmn:parallelGateway id="Gw" />',
        "Gw",
        boundary("B", "Gw", "<bpmn:errorEventDefinition />"),
    )
    refused(
        document(body),
        "B",
        "bpmn:boundaryEvent",
        "Must be attached to an activity, not to the parallelGateway 'Gw'",
    )


def test_boundary_event_with_an_incoming_flow(
    document: Document, around: Around, refused: Refused
) -> None:
    extra = boundary("B", "Task", "<bpmn:errorEventDefinition />") + flow("Back", "Start", "B")
    refused(
        document(around(SERVICE.format(id="Task"), "Task", extra)),
        "B",
        "bpmn:boundaryEvent",
        "Cannot have incoming sequence flows",
    )


def test_escalation_boundary_on_a_task(
    document: Document, around: Around, refused: Refused
) -> None:
    body = around(
        SERVICE.format(id="Task"),
        "Task",
        boundary("B", "Task", "<bpmn:escalationEventDefinition />"),
    )
    refused(
        document(body),
        "B",
        "bpmn:boundaryEvent",
        "An escalation boundary event can only be attached to a sub-process or a call activity",
    )


def test_non_interrupting_error_boundary(
    document: Document, around: Around, refused: Refused
) -> None:
    body = around(
        SERVICE.format(id="Task"),
        "Task",
        boundary("B", "Task", "<bpmn:errorEventDefinition />", "false"),
    )
    refused(
        document(body), "B", "bpmn:boundaryEvent", "Non-interrupting error events are not allowed"
    )


def test_interrupting_cycle_timer_boundary(
    document: Document, around: Around, refused: Refused
) -> None:
    timer = "<bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1M</bpmn:timeCycle></bpmn:timerEventDefinition>"
    body = around(SERVICE.format(id="Task"), "Task", boundary("B", "Task", timer))
    refused(
        document(body),
        "B",
        "bpmn:boundaryEvent",
        "Interrupting timer event with time cycle is not allowed",
    )


def test_two_boundaries_for_the_same_error_code(
    document: Document, around: Around, refused: Refused
) -> None:
    error = '<bpmn:error id="Err" errorCode="E1" />'
    definition = '<bpmn:errorEventDefinition errorRef="Err" />'
    extra = boundary("B1", "Task", definition) + boundary("B2", "Task", definition)
    refused(
        document(around(SERVICE.format(id="Task"), "Task", extra), error),
        "Task",
        "bpmn:serviceTask",
        "Multiple error catch events with the same error code 'E1'",
    )


def test_two_boundaries_for_the_same_message(
    document: Document, around: Around, refused: Refused
) -> None:
    definition = '<bpmn:messageEventDefinition messageRef="Msg" />'
    extra = boundary("B1", "Task", definition) + boundary("B2", "Task", definition, "false")
    refused(
        document(around(SERVICE.format(id="Task"), "Task", extra), MESSAGE),
        "Task",
        "bpmn:serviceTask",
        "Multiple message event definitions with the same name 'ping'",
    )


def test_receive_task_and_boundary_waiting_for_the_same_message(
    document: Document, around: Around, refused: Refused
) -> None:
    extra = boundary("B", "Task", '<bpmn:messageEventDefinition messageRef="Msg" />')
    body = around('<bpmn:receiveTask id="Task" messageRef="Msg" />', "Task", extra)
    refused(
        document(body, MESSAGE),
        "Task",
        "bpmn:receiveTask",
        "Cannot reference the same message name as a boundary event",
    )


def test_boundary_event_in_another_scope(
    document: Document, around: Around, refused: Refused
) -> None:
    sub = (
        '<bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart" />'
        f"{boundary('B', 'Sub', '<bpmn:errorEventDefinition />')}</bpmn:subProcess>"
    )
    refused(
        document(around(sub, "Sub")),
        "B",
        "bpmn:boundaryEvent",
        "must be defined in the same scope as the activity",
    )


def gateway_body(targets: str, flows: str) -> str:
    return f'<bpmn:startEvent id="Start" />{flow("F0", "Start", "Gw")}<bpmn:eventBasedGateway id="Gw" />{flows}{targets}'


CATCH_MESSAGE = '<bpmn:intermediateCatchEvent id="Wait"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:intermediateCatchEvent>'
CATCH_TIMER = '<bpmn:intermediateCatchEvent id="Timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>'


def test_event_based_gateway_with_one_outgoing_flow(document: Document, refused: Refused) -> None:
    body = gateway_body(
        CATCH_MESSAGE + flow("F9", "Wait", "End") + '<bpmn:endEvent id="End" />',
        flow("F1", "Gw", "Wait"),
    )
    refused(
        document(body, MESSAGE),
        "Gw",
        "bpmn:eventBasedGateway",
        "Event-based gateway must have at least 2 outgoing sequence flows",
    )


def test_event_based_gateway_leading_to_a_task(document: Document, refused: Refused) -> None:
    targets = (
        CATCH_MESSAGE
        + SERVICE.format(id="Task")
        + '<bpmn:endEvent id="End" />'
        + flow("F8", "Wait", "End")
        + flow("F9", "Task", "End")
    )
    body = gateway_body(targets, flow("F1", "Gw", "Wait") + flow("F2", "Gw", "Task"))
    refused(
        document(body, MESSAGE),
        "Gw",
        "bpmn:eventBasedGateway",
        "(flow 'F2' leads to the serviceTask 'Task')",
    )


def test_event_based_gateway_leading_to_a_receive_task_as_zeebe(
    document: Document, refused: Refused
) -> None:
    targets = (
        CATCH_TIMER
        + '<bpmn:receiveTask id="Recv" messageRef="Msg" /><bpmn:endEvent id="End" />'
        + flow("F8", "Timeout", "End")
        + flow("F9", "Recv", "End")
    )
    body = gateway_body(targets, flow("F1", "Gw", "Timeout") + flow("F2", "Gw", "Recv"))
    refused(
        document(body, MESSAGE),
        "Gw",
        "bpmn:eventBasedGateway",
        "other elements than message/timer/signal intermediate catch events",
    )


def test_event_based_gateway_target_with_another_incoming_flow(
    document: Document, refused: Refused
) -> None:
    targets = (
        CATCH_MESSAGE
        + CATCH_TIMER
        + '<bpmn:endEvent id="End" />'
        + flow("F8", "Wait", "End")
        + flow("F9", "Timeout", "End")
    )
    flows = flow("F1", "Gw", "Wait") + flow("F2", "Gw", "Timeout") + flow("F3", "Start", "Wait")
    refused(
        document(gateway_body(targets, flows), MESSAGE),
        "Gw",
        "bpmn:eventBasedGateway",
        "must not have any additional incoming sequence flows",
    )


def test_valid_event_based_gateway(
    document: Document, parse: Callable[[bytes], BpmnResource]
) -> None:
    targets = (
        CATCH_MESSAGE
        + CATCH_TIMER
        + '<bpmn:endEvent id="End" />'
        + flow("F8", "Wait", "End")
        + flow("F9", "Timeout", "End")
    )
    model = parse(
        document(
            gateway_body(targets, flow("F1", "Gw", "Wait") + flow("F2", "Gw", "Timeout")), MESSAGE
        )
    ).processes[0]
    assert [f.target_id for f in model.outgoing("Gw")] == ["Wait", "Timeout"]


def link_throw(event_id: str, name: str) -> str:
    return f'<bpmn:intermediateThrowEvent id="{event_id}"><bpmn:linkEventDefinition name="{name}" /></bpmn:intermediateThrowEvent>'


def link_catch(event_id: str, name: str) -> str:
    return f'<bpmn:intermediateCatchEvent id="{event_id}"><bpmn:linkEventDefinition name="{name}" /></bpmn:intermediateCatchEvent>'


def test_link_throw_without_catch(document: Document, refused: Refused) -> None:
    body = (
        f'<bpmn:startEvent id="Start" />{flow("F", "Start", "Jump")}{link_throw("Jump", "there")}'
    )
    refused(
        document(body),
        "Jump",
        "bpmn:intermediateThrowEvent",
        "Can't find a catch link event for the throw link event with the name 'there'",
    )


def test_link_catch_in_another_scope_does_not_count(
    document: Document, around: Around, refused: Refused
) -> None:
    sub = f'<bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart" />{link_catch("Land", "there")}{flow("L", "Land", "SubEnd")}<bpmn:endEvent id="SubEnd" /></bpmn:subProcess>'
    body = f'<bpmn:startEvent id="Start" />{flow("F", "Start", "Jump")}{link_throw("Jump", "there")}{sub}'
    refused(
        document(body),
        "Jump",
        "bpmn:intermediateThrowEvent",
        "with the name 'there' in the same scope",
    )


def test_two_link_catches_with_the_same_name(document: Document, refused: Refused) -> None:
    body = (
        f'<bpmn:startEvent id="Start" />{flow("F", "Start", "Jump")}{link_throw("Jump", "x")}'
        f'{link_catch("C1", "x")}{link_catch("C2", "x")}{flow("F1", "C1", "End")}{flow("F2", "C2", "End")}<bpmn:endEvent id="End" />'
    )
    refused(
        document(body),
        "p",
        "bpmn:process",
        "Multiple intermediate catch link event definitions with the same name 'x'",
    )


def test_link_catch_needs_no_incoming_flow(
    document: Document, parse: Callable[[bytes], BpmnResource]
) -> None:
    body = f'<bpmn:startEvent id="Start" />{flow("F", "Start", "Jump")}{link_throw("Jump", "x")}{link_catch("Land", "x")}{flow("F1", "Land", "End")}<bpmn:endEvent id="End" />'
    assert parse(document(body)).processes[0].link_target("Jump").id == "Land"


def test_all_problems_of_a_file_are_reported_together(
    document: Document, problems_of: Callable[[bytes], list[BpmnProblem]]
) -> None:
    body = (
        f'<bpmn:startEvent id="Start" />{flow("F", "Start", "Task")}'
        '<bpmn:serviceTask id="Task" /><bpmn:complexGateway id="Complex" />'
        f"{flow('G', 'Task', 'Ghost')}"
    )
    named = {(p.element_id, p.element_type) for p in problems_of(document(body))}
    assert named == {
        ("Task", "bpmn:serviceTask"),
        ("Complex", "bpmn:complexGateway"),
        ("G", "bpmn:sequenceFlow"),
    }


def test_boundary_event_on_an_event_sub_process(
    document: Document, around: Around, refused: Refused
) -> None:
    sub = (
        '<bpmn:subProcess id="Events" triggeredByEvent="true">'
        '<bpmn:startEvent id="EvStart"><bpmn:errorEventDefinition /></bpmn:startEvent>'
        f'{flow("EF", "EvStart", "EvEnd")}<bpmn:endEvent id="EvEnd" /></bpmn:subProcess>'
    )
    extra = sub + boundary("B", "Events", "<bpmn:errorEventDefinition />")
    body = around('<bpmn:manualTask id="Task" />', "Task", extra)
    refused(
        document(body),
        "B",
        "bpmn:boundaryEvent",
        "boundary events cannot be attached to an event sub-process",
    )


def test_duplicate_event_sub_process_triggers_inside_a_sub_process(
    document: Document, around: Around, refused: Refused
) -> None:
    events = "".join(
        f'<bpmn:subProcess id="E{n}" triggeredByEvent="true"><bpmn:startEvent id="S{n}">'
        '<bpmn:escalationEventDefinition escalationRef="Esc" /></bpmn:startEvent>'
        f'{flow(f"EF{n}", f"S{n}", f"X{n}")}<bpmn:endEvent id="X{n}" /></bpmn:subProcess>'
        for n in (1, 2)
    )
    sub = (
        f'<bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart" />{flow("SF", "SubStart", "SubEnd")}'
        f'<bpmn:endEvent id="SubEnd" />{events}</bpmn:subProcess>'
    )
    data = document(around(sub, "Sub"), '<bpmn:escalation id="Esc" escalationCode="LATE" />')
    refused(
        data,
        "Sub",
        "bpmn:subProcess",
        "Multiple escalation catch events with the same escalation code 'LATE'",
    )


def test_event_based_gateway_waiting_twice_for_one_message(
    document: Document, refused: Refused
) -> None:
    second = CATCH_MESSAGE.replace('id="Wait"', 'id="Wait2"')
    targets = (
        CATCH_MESSAGE
        + second
        + '<bpmn:endEvent id="End" />'
        + flow("F8", "Wait", "End")
        + flow("F9", "Wait2", "End")
    )
    body = gateway_body(targets, flow("F1", "Gw", "Wait") + flow("F2", "Gw", "Wait2"))
    refused(
        document(body, MESSAGE),
        "Gw",
        "bpmn:eventBasedGateway",
        "Multiple message event definitions with the same name 'ping'",
    )


def test_sequence_flow_without_id(document: Document, refused: Refused) -> None:
    body = f'{START_END}<bpmn:sequenceFlow sourceRef="Start" targetRef="End" />'
    refused(document(body), None, "bpmn:sequenceFlow", "a bpmn:sequenceFlow must have an id")


def test_process_without_id(refused: Refused) -> None:
    data = (
        b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">'
        b'<bpmn:process isExecutable="true"><bpmn:startEvent id="S" /></bpmn:process></bpmn:definitions>'
    )
    refused(
        data, None, "bpmn:process", "bpmn:process: attribute 'id' must be present and not empty"
    )
