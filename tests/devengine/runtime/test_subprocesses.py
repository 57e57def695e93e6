"""Embedded sub-processes, event sub-processes (interrupting or not) and call activities."""

from __future__ import annotations

import pytest
from bpmn_builder import attr, boundary, chain, end, ext, flow, io, process, service, start
from runtime_harness import MINUTE, Harness

from camunda_core.devengine.contract import InvalidArgument


def _service_xml(element_id: str, job_type: str) -> str:
    return service(element_id, job_type)


def _embedded(element_id: str, body: str, extensions: str = "") -> str:
    return f'<bpmn:subProcess id="{element_id}">{ext(extensions)}{body}</bpmn:subProcess>'


def test_an_embedded_sub_process_completes_when_its_content_does(h: Harness) -> None:
    body = (
        '<bpmn:startEvent id="s" />' + _service_xml("inner", "inner") + '<bpmn:endEvent id="e" />'
    )
    body += chain("s", "inner", "e")
    h.deploy(process("p", start(), _embedded("sub", body), end(), chain("start", "sub", "end")))
    key = h.start("p")
    assert h.active(key) == ["sub", "inner"]
    sub = next(e for e in h.elements(key) if e.element_id == "sub")
    inner = next(e for e in h.elements(key) if e.element_id == "inner")
    assert sub.type == "SUB_PROCESS"
    assert sub.flow_scope_key == key
    assert inner.flow_scope_key == sub.element_instance_key
    h.complete("inner")
    assert h.state(key) == "COMPLETED"


def _event_sub_process(start_definition: str, interrupting: bool) -> str:
    flag = "" if interrupting else ' isInterrupting="false"'
    return (
        '<bpmn:subProcess id="esp" triggeredByEvent="true">'
        f'<bpmn:startEvent id="esp_start"{flag}>{start_definition}</bpmn:startEvent>'
        + _service_xml("handle", "handle")
        + '<bpmn:endEvent id="esp_end" />'
        + chain("esp_start", "handle", "esp_end")
        + "</bpmn:subProcess>"
    )


MESSAGE = (
    '<bpmn:message id="m" name="cancel"><bpmn:extensionElements>'
    '<zeebe:subscription correlationKey="=id" /></bpmn:extensionElements></bpmn:message>'
)


def test_an_interrupting_event_sub_process_replaces_the_running_flow(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        _service_xml("work", "work"),
        end(),
        chain("start", "work", "end"),
        _event_sub_process('<bpmn:messageEventDefinition messageRef="m" />', interrupting=True),
        extra=MESSAGE,
    )
    h.deploy(xml)
    key = h.start("p", id="1")
    h.engine.publish_message(name="cancel", correlation_key="1", variables={"reason": "x"})
    assert h.active(key) == ["esp", "handle"]
    assert next(e for e in h.elements(key) if e.element_id == "esp").type == "EVENT_SUB_PROCESS"
    assert h.activate("work") == []
    (job,) = h.activate("handle")
    assert job.variables["reason"] == "x"
    h.engine.complete_job(job.job.job_key)
    assert h.state(key) == "COMPLETED"


def test_a_non_interrupting_timer_event_sub_process_runs_beside_the_flow(h: Harness) -> None:
    timer = "<bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1M</bpmn:timeCycle></bpmn:timerEventDefinition>"
    xml = process(
        "p",
        start(),
        _service_xml("work", "work"),
        end(),
        chain("start", "work", "end"),
        _event_sub_process(timer, interrupting=False),
    )
    h.deploy(xml)
    key = h.start("p")
    h.advance(MINUTE)
    h.advance(MINUTE)
    h.advance(MINUTE)
    assert h.active(key).count("handle") == 2
    assert "work" in h.active(key)
    h.complete("work")
    assert h.state(key) == "ACTIVE"  # the event sub-processes still run
    h.complete("handle")
    assert h.state(key) == "COMPLETED"


def test_an_error_event_sub_process_catches_a_job_error(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        _service_xml("work", "work"),
        end(),
        chain("start", "work", "end"),
        _event_sub_process('<bpmn:errorEventDefinition errorRef="e" />', interrupting=True),
        extra='<bpmn:error id="e" errorCode="FAIL" />',
    )
    h.deploy(xml)
    key = h.start("p")
    (job,) = h.activate("work")
    h.engine.throw_job_error(job.job.job_key, error_code="FAIL", variables={"detail": "d"})
    assert h.active(key) == ["esp", "handle"]
    (handler,) = h.activate("handle")
    assert handler.variables["detail"] == "d"


CHILD = process(
    "child",
    start(),
    _service_xml("child_task", "child_work"),
    end(),
    chain("start", "child_task", "end"),
)


def _parent(called: str = "child", extra_attributes: str = "", mappings: str = "") -> bytes:
    return process(
        "parent",
        start(),
        f'<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement '
        f'processId="{attr(called)}"{extra_attributes} />{mappings}</bpmn:extensionElements>'
        "</bpmn:callActivity>",
        end(),
        chain("start", "call", "end"),
    )


def test_a_call_activity_runs_the_child_with_the_parent_variables(h: Harness) -> None:
    h.deploy(("child.bpmn", CHILD), ("parent.bpmn", _parent()))
    key = h.start("parent", a=1)
    (job,) = h.activate("child_work")
    assert job.variables == {"a": 1}
    child_key = job.job.process_instance_key
    child = h.instance(child_key)
    assert child.parent_process_instance_key == key
    assert child.parent_element_instance_key == h.element_key(key, "call")
    assert child.root_process_instance_key == key
    assert job.job.root_process_instance_key == key
    h.engine.complete_job(job.job.job_key, variables={"b": 2})
    assert h.state(child_key) == "COMPLETED"
    assert h.state(key) == "COMPLETED"
    assert h.variables(key) == {"a": 1, "b": 2}


def test_propagation_flags_off_pass_only_mapped_variables(h: Harness) -> None:
    flags = ' propagateAllChildVariables="false" propagateAllParentVariables="false"'
    mappings = io(inputs={"x": "=a"}, outputs={"y": "=b"})
    h.deploy(
        ("child.bpmn", CHILD), ("parent.bpmn", _parent(extra_attributes=flags, mappings=mappings))
    )
    key = h.start("parent", a=1, other=2)
    (job,) = h.activate("child_work")
    assert job.variables == {"x": 1}
    h.engine.complete_job(job.job.job_key, variables={"b": 5, "noise": 0})
    assert h.variables(key) == {"a": 1, "other": 2, "y": 5}


def test_a_missing_called_process_is_an_incident_resolved_once_deployed(h: Harness) -> None:
    h.deploy(("parent.bpmn", _parent(called="=target")))
    key = h.start("parent", target="child")
    (incident,) = h.incidents(key)
    assert incident.error_type == "CALLED_ELEMENT_ERROR"
    assert "'child'" in incident.error_message
    h.deploy(("child.bpmn", CHILD))
    h.engine.resolve_incident(incident.incident_key)
    assert len(h.activate("child_work")) == 1


def test_cancelling_the_parent_terminates_the_child(h: Harness) -> None:
    h.deploy(("child.bpmn", CHILD), ("parent.bpmn", _parent()))
    key = h.start("parent")
    (job,) = h.activate("child_work")
    child_key = job.job.process_instance_key
    with pytest.raises(InvalidArgument):
        h.engine.cancel_process_instance(child_key)
    h.engine.cancel_process_instance(key)
    assert h.state(key) == "TERMINATED"
    assert h.state(child_key) == "TERMINATED"
    assert h.job_state(job.job.job_key) == "CANCELED"


def test_an_error_in_the_child_is_caught_by_the_call_activity_boundary(h: Harness) -> None:
    parent = process(
        "parent",
        start(),
        '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" />'
        "</bpmn:extensionElements></bpmn:callActivity>",
        boundary("failed", "call", "<bpmn:errorEventDefinition />"),
        end(),
        end("failed_end"),
        chain("start", "call", "end"),
        flow("failed", "failed_end"),
    )
    h.deploy(("child.bpmn", CHILD), ("parent.bpmn", parent))
    key = h.start("parent")
    (job,) = h.activate("child_work")
    h.engine.throw_job_error(job.job.job_key, error_code="ANY")
    assert h.state(key) == "COMPLETED"
    assert "failed_end" in h.completed(key)
    assert h.state(job.job.process_instance_key) == "TERMINATED"


def test_start_instructions_start_inside_a_sub_process(h: Harness) -> None:
    body = (
        '<bpmn:startEvent id="s" />'
        + _service_xml("first", "first")
        + _service_xml("second", "second")
        + '<bpmn:endEvent id="e" />'
        + chain("s", "first", "second", "e")
    )
    h.deploy(process("p", start(), _embedded("sub", body), end(), chain("start", "sub", "end")))
    created = h.engine.create_process_instance(
        process_definition_id="p", start_before_elements=["second"]
    )
    key = created.instance.process_instance_key
    assert h.active(key) == ["sub", "second"]
    h.complete("second")
    assert h.state(key) == "COMPLETED"
    with pytest.raises(InvalidArgument):
        h.engine.create_process_instance(process_definition_id="p", start_before_elements=["nope"])
