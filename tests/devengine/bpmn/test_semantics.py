"""Zeebe semantics the engine relies on, each on a small document."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from camunda_core.devengine.bpmn import (
    BoundaryEvent,
    BpmnResource,
    CallActivity,
    ErrorDefinition,
    EscalationDefinition,
    Expression,
    IntermediateThrowEvent,
    IoMapping,
    MessageDefinition,
    ProcessModel,
    ServiceTask,
    StartEvent,
    TimerDefinition,
    TimerKind,
    UserTask,
)

Document = Callable[..., bytes]
Around = Callable[..., str]
Parse = Callable[[bytes], BpmnResource]

START_END = '<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />'


def model_of(parse: Parse, data: bytes) -> ProcessModel:
    return parse(data).processes[0]


def test_collaboration_pools_are_separate_processes(parse: Parse) -> None:
    data = f"""<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
        xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D">
      <bpmn:collaboration id="C">
        <bpmn:participant id="P1" processRef="first" /><bpmn:participant id="P2" processRef="second" />
        <bpmn:participant id="P3" processRef="docs-only" />
        <bpmn:messageFlow id="M" sourceRef="P1" targetRef="P2" />
      </bpmn:collaboration>
      <bpmn:process id="first" isExecutable="true">{START_END}</bpmn:process>
      <bpmn:process id="second" name="Second" isExecutable="true">
        <bpmn:extensionElements><zeebe:userTaskForm id="f">{{}}</zeebe:userTaskForm></bpmn:extensionElements>
        <bpmn:startEvent id="S2" /></bpmn:process>
      <bpmn:process id="docs-only" isExecutable="false"><bpmn:task id="T" /></bpmn:process>
    </bpmn:definitions>""".encode()
    resource = parse(data)
    assert [p.process_id for p in resource.processes] == ["first", "second"]
    assert resource.process("second").name == "Second"
    assert [(f.process_id, f.form_id) for f in resource.embedded_forms] == [("second", "f")]
    with pytest.raises(KeyError, match="docs-only"):
        resource.process("docs-only")


def test_job_worker_user_task_ignores_a_task_definition(
    document: Document, around: Around, parse: Parse
) -> None:
    task = (
        '<bpmn:userTask id="Task"><bpmn:extensionElements><zeebe:taskDefinition type="humanTask" />'
        '<zeebe:formDefinition formId="linked" /></bpmn:extensionElements></bpmn:userTask>'
    )
    node = model_of(parse, document(around(task, "Task"))).element("Task")
    assert isinstance(node, UserTask)
    assert node.job is not None
    assert node.job.type == Expression.static("io.camunda.zeebe:userTask")
    assert node.job.headers == ()  # a linked form (formId) is resolved by the engine, not a header
    assert node.form is not None
    assert node.form.form_id == Expression.static("linked")


def test_job_definition_variants(document: Document, around: Around, parse: Parse) -> None:
    task = (
        '<bpmn:serviceTask id="Task"><bpmn:extensionElements>'
        '<zeebe:taskDefinition type="=&quot;pay-&quot; + region" retries="=retryCount" />'
        '<zeebe:ioMapping><zeebe:input target="cleared" /></zeebe:ioMapping>'
        "</bpmn:extensionElements></bpmn:serviceTask>"
    )
    model = model_of(parse, document(around(task, "Task")))
    node = model.element("Task")
    assert isinstance(node, ServiceTask)
    assert node.job.type == Expression.feel('"pay-" + region')
    assert node.job.static_type is None
    assert node.job.retries == Expression.feel("retryCount")
    assert node.input_mappings == (IoMapping(None, "cleared"),)
    assert model.job_types() == frozenset()


def test_call_activity_propagates_everything_by_default(
    document: Document, around: Around, parse: Parse
) -> None:
    call = (
        '<bpmn:callActivity id="Call"><bpmn:extensionElements><zeebe:calledElement '
        'processId="child" />'
        "</bpmn:extensionElements></bpmn:callActivity>"
    )
    node = model_of(parse, document(around(call, "Call"))).element("Call")
    assert isinstance(node, CallActivity)
    element = node.called_element
    assert (element.propagate_all_child_variables, element.propagate_all_parent_variables) == (
        True,
        True,
    )


def boundary(event_id: str, attached: str, definition: str) -> str:
    return (
        f'<bpmn:boundaryEvent id="{event_id}" '
        f'attachedToRef="{attached}">{definition}</bpmn:boundaryEvent>'
        f'<bpmn:sequenceFlow id="To{event_id}" sourceRef="{event_id}" targetRef="End" />'
    )


def test_error_catch_all_forms(document: Document, around: Around, parse: Parse) -> None:
    task = '<bpmn:serviceTask id="Task"><bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements></bpmn:serviceTask>'
    body = around(task, "Task", boundary("NoRef", "Task", "<bpmn:errorEventDefinition />"))
    model = model_of(parse, document(body))
    event = model.element("NoRef")
    assert isinstance(event, BoundaryEvent)
    assert event.definition == ErrorDefinition(None, None)
    assert isinstance(event.definition, ErrorDefinition)
    assert event.definition.catches_all
    coded = around(
        task, "Task", boundary("NoCode", "Task", '<bpmn:errorEventDefinition errorRef="E" />')
    )
    event = model_of(parse, document(coded, '<bpmn:error id="E" name="no code" />')).element(
        "NoCode"
    )
    assert isinstance(event, BoundaryEvent)
    assert event.definition == ErrorDefinition("E", None)


def test_escalation_catch_all_on_a_sub_process(
    document: Document, around: Around, parse: Parse
) -> None:
    sub = (
        '<bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart" /><bpmn:sequenceFlow id="SF" '
        'sourceRef="SubStart" targetRef="SubEnd" />'
        '<bpmn:endEvent id="SubEnd" /></bpmn:subProcess>'
    )
    body = around(sub, "Sub", boundary("Esc", "Sub", "<bpmn:escalationEventDefinition />"))
    event = model_of(parse, document(body)).element("Esc")
    assert isinstance(event, BoundaryEvent)
    assert event.definition == EscalationDefinition(None, None)


def test_message_start_event_needs_no_correlation_key(document: Document, parse: Parse) -> None:
    body = (
        '<bpmn:startEvent id="Start"><bpmn:messageEventDefinition messageRef="Msg" '
        "/></bpmn:startEvent>"
        '<bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />'
    )
    start = model_of(
        parse, document(body, '<bpmn:message id="Msg" name="=&quot;go&quot;" />')
    ).element("Start")
    assert isinstance(start, StartEvent)
    assert start.definition == MessageDefinition("Msg", Expression.feel('"go"'), None)


def test_message_throw_event_is_a_job(document: Document, around: Around, parse: Parse) -> None:
    throw = (
        '<bpmn:intermediateThrowEvent id="Send"><bpmn:extensionElements><zeebe:taskDefinition '
        'type="publish" />'
        "</bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:intermediateThrowEvent>"
    )
    model = model_of(parse, document(around(throw, "Send")))
    node = model.element("Send")
    assert isinstance(node, IntermediateThrowEvent)
    assert node.job is not None
    assert node.job_definition() is node.job
    assert model.job_types() == {"publish"}


@pytest.mark.parametrize(
    ("kind", "tag", "value"),
    [
        (TimerKind.CYCLE, "timeCycle", "0 0 9-17 * * MON-FRI"),
        (TimerKind.CYCLE, "timeCycle", "R5/2030-01-01T00:00:00Z/PT1H"),
        (TimerKind.CYCLE, "timeCycle", "@daily"),
        (TimerKind.DATE, "timeDate", "2030-10-02T08:09:40+02:00[Europe/Berlin]"),
        (TimerKind.DATE, "timeDate", '=now() + duration("PT1M")'),
    ],
)
def test_timer_start_events(
    document: Document, parse: Parse, kind: TimerKind, tag: str, value: str
) -> None:
    body = (
        f'<bpmn:startEvent id="Start"><bpmn:timerEventDefinition><bpmn:{tag}> {value} </bpmn:{tag}>'
        "</bpmn:timerEventDefinition></bpmn:startEvent>"
        '<bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />'
    )
    start = model_of(parse, document(body)).timer_start_events[0]
    assert start.definition == TimerDefinition(kind, Expression.parse(value))


def test_lookups_of_unknown_ids_are_empty(document: Document, parse: Parse) -> None:
    model = model_of(parse, document(START_END))
    assert model.children("nowhere") == ()
    assert model.boundary_events("End") == ()
    assert model.start_event("nowhere") is None
    assert model.start_event("p") is model.element("Start")
    assert model.start_form is None
