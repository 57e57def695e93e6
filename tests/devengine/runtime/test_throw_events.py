"""Throw and end events: terminate, error (caught or an incident), escalation, link, none."""

from __future__ import annotations

from bpmn_builder import boundary, chain, end, flow, gateway, process, service, start
from runtime_harness import Harness


def _sub(element_id: str, *inner: str) -> str:
    return f'<bpmn:subProcess id="{element_id}">{"".join(inner)}</bpmn:subProcess>'


def test_a_terminate_end_event_ends_every_other_token_of_its_scope(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        gateway("parallel", "fork"),
        service("slow", "slow"),
        '<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
        end(),
        chain("start", "fork"),
        flow("fork", "slow"),
        flow("fork", "kill"),
        chain("slow", "end"),
    )
    h.deploy(xml)
    key = h.start("p")
    assert h.state(key) == "COMPLETED"
    slow = next(e for e in h.elements(key) if e.element_id == "slow")
    assert slow.state == "TERMINATED"
    assert h.activate("slow") == []


def test_a_terminate_end_event_in_a_sub_process_completes_the_sub_process(h: Harness) -> None:
    inner = (
        '<bpmn:startEvent id="s" />'
        '<bpmn:parallelGateway id="fork" />'
        '<bpmn:serviceTask id="slow"><bpmn:extensionElements><zeebe:taskDefinition type="slow" />'
        "</bpmn:extensionElements></bpmn:serviceTask>"
        '<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>'
        '<bpmn:endEvent id="e" />'
        + chain("s", "fork")
        + flow("fork", "slow")
        + flow("fork", "kill")
        + chain("slow", "e")
    )
    h.deploy(
        process(
            "p",
            start(),
            _sub("sub", inner),
            service("after", "after"),
            end(),
            chain("start", "sub", "after", "end"),
        )
    )
    key = h.start("p")
    assert h.active(key) == ["after"]
    assert next(e for e in h.elements(key) if e.element_id == "sub").state == "COMPLETED"


def test_an_error_end_event_is_caught_by_the_sub_process_boundary(h: Harness) -> None:
    inner = (
        '<bpmn:startEvent id="s" /><bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="e1" />'
        "</bpmn:endEvent>" + chain("s", "fail")
    )
    xml = process(
        "p",
        start(),
        _sub("sub", inner),
        boundary("caught", "sub", "<bpmn:errorEventDefinition />"),
        end(),
        end("handled"),
        chain("start", "sub", "end"),
        flow("caught", "handled"),
        extra='<bpmn:error id="e1" errorCode="E1" />',
    )
    h.deploy(xml)
    key = h.start("p")
    assert h.completed(key) == ["start", "s", "caught", "handled"]
    assert next(e for e in h.elements(key) if e.element_id == "sub").state == "TERMINATED"


def test_an_uncaught_error_end_event_is_an_incident(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        '<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="e1" /></bpmn:endEvent>',
        chain("start", "fail"),
        extra='<bpmn:error id="e1" errorCode="=code" />',
    )
    h.deploy(xml)
    key = h.start("p", code="BAD")
    (incident,) = h.incidents(key)
    assert incident.error_type == "UNHANDLED_ERROR_EVENT"
    assert incident.element_id == "fail"
    assert "'BAD'" in incident.error_message


def test_a_specific_error_catch_wins_over_a_catch_all_at_the_same_level(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        service("task", "work"),
        boundary("any", "task", "<bpmn:errorEventDefinition />"),
        boundary("specific", "task", '<bpmn:errorEventDefinition errorRef="e1" />'),
        end(),
        end("any_end"),
        end("specific_end"),
        chain("start", "task", "end"),
        flow("any", "any_end"),
        flow("specific", "specific_end"),
        extra='<bpmn:error id="e1" errorCode="E1" />',
    )
    h.deploy(xml)
    key = h.start("p")
    (job,) = h.activate("work")
    h.engine.throw_job_error(job.job.job_key, error_code="E1")
    assert "specific_end" in h.completed(key)
    other = h.start("p")
    (job,) = h.activate("work")
    h.engine.throw_job_error(job.job.job_key, error_code="OTHER")
    assert "any_end" in h.completed(other)


def _escalation_process(interrupting: bool) -> bytes:
    inner = (
        '<bpmn:startEvent id="s" />'
        '<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="x" />'
        "</bpmn:intermediateThrowEvent>"
        '<bpmn:serviceTask id="inner"><bpmn:extensionElements><zeebe:taskDefinition type="inner" />'
        "</bpmn:extensionElements></bpmn:serviceTask>"
        '<bpmn:endEvent id="e" />' + chain("s", "raise", "inner", "e")
    )
    return process(
        "p",
        start(),
        _sub("sub", inner),
        boundary(
            "esc",
            "sub",
            '<bpmn:escalationEventDefinition escalationRef="x" />',
            interrupting=interrupting,
        ),
        service("handle", "handle"),
        end(),
        end("handled"),
        chain("start", "sub", "end"),
        chain("esc", "handle", "handled"),
        extra='<bpmn:escalation id="x" escalationCode="LATE" />',
    )


def test_a_non_interrupting_escalation_lets_the_thrower_continue(h: Harness) -> None:
    h.deploy(_escalation_process(interrupting=False))
    key = h.start("p")
    assert sorted(h.active(key)) == ["handle", "inner", "sub"]


def test_an_interrupting_escalation_terminates_the_sub_process(h: Harness) -> None:
    h.deploy(_escalation_process(interrupting=True))
    key = h.start("p")
    assert h.active(key) == ["handle"]
    assert h.activate("inner") == []


def test_an_uncaught_escalation_is_ignored(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        '<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="x" />'
        "</bpmn:intermediateThrowEvent>",
        end(),
        chain("start", "raise", "end"),
        extra='<bpmn:escalation id="x" escalationCode="LATE" />',
    )
    h.deploy(xml)
    assert h.state(h.start("p")) == "COMPLETED"


def test_a_link_throw_continues_at_its_link_catch(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        '<bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="L" />'
        "</bpmn:intermediateThrowEvent>",
        '<bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="L" />'
        "</bpmn:intermediateCatchEvent>",
        service("task", "work"),
        end(),
        chain("start", "jump"),
        chain("land", "task", "end"),
    )
    h.deploy(xml)
    key = h.start("p")
    assert h.active(key) == ["task"]
    assert h.completed(key) == ["start", "jump", "land"]


def test_none_throw_events_and_manual_tasks_pass_through(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        '<bpmn:intermediateThrowEvent id="milestone" />',
        '<bpmn:manualTask id="manual" />',
        '<bpmn:task id="plain" />',
        end(),
        chain("start", "milestone", "manual", "plain", "end"),
    )
    h.deploy(xml)
    key = h.start("p")
    assert h.state(key) == "COMPLETED"
    types = [e.type for e in h.elements(key)]
    assert types == [
        "START_EVENT",
        "INTERMEDIATE_THROW_EVENT",
        "MANUAL_TASK",
        "TASK",
        "END_EVENT",
    ]


def test_a_message_end_event_is_a_job(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        '<bpmn:endEvent id="notify"><bpmn:extensionElements><zeebe:taskDefinition type="send" />'
        "</bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:endEvent>",
        chain("start", "notify"),
    )
    h.deploy(xml)
    key = h.start("p")
    assert h.active(key) == ["notify"]
    h.complete("send")
    assert h.state(key) == "COMPLETED"
