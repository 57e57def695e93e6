"""Event sub-process and message start cases beyond the basics."""

from __future__ import annotations

from bpmn_builder import chain, end, process, service, start
from runtime_harness import Harness

ORDER = '<bpmn:message id="order" name="order" />'
DUPLICATE = (
    '<bpmn:message id="duplicate" name="order"><bpmn:extensionElements>'
    '<zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>'
)


def test_a_message_started_instance_correlates_its_event_sub_process_by_the_payload(
    h: Harness,
) -> None:
    esp = (
        '<bpmn:subProcess id="esp" triggeredByEvent="true">'
        '<bpmn:startEvent id="dup" isInterrupting="false">'
        '<bpmn:messageEventDefinition messageRef="duplicate" /></bpmn:startEvent>'
        + service("note", "note")
        + '<bpmn:endEvent id="esp_end" />'
        + chain("dup", "note", "esp_end")
        + "</bpmn:subProcess>"
    )
    xml = process(
        "p",
        '<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="order" />'
        "</bpmn:startEvent>",
        service("work", "work"),
        end(),
        chain("start", "work", "end"),
        esp,
        extra=ORDER.replace('id="order" name="order"', 'id="order" name="placed"') + DUPLICATE,
    )
    h.deploy(xml)
    h.engine.publish_message(name="placed", variables={"orderId": "o-7"})
    (instance,) = h.engine.store.process_instances.values()
    key = instance.process_instance_key
    assert h.incidents(key) == []
    h.engine.publish_message(name="order", correlation_key="o-7")
    h.engine.publish_message(name="order", correlation_key="o-7")
    assert h.active(key).count("note") == 2
    assert "work" in h.active(key)


def test_an_escalation_event_sub_process_catches_an_escalation_of_its_scope(h: Harness) -> None:
    esp = (
        '<bpmn:subProcess id="esp" triggeredByEvent="true">'
        '<bpmn:startEvent id="esc" isInterrupting="false">'
        '<bpmn:escalationEventDefinition escalationRef="x" /></bpmn:startEvent>'
        + service("handle", "handle")
        + '<bpmn:endEvent id="esp_end" />'
        + chain("esc", "handle", "esp_end")
        + "</bpmn:subProcess>"
    )
    xml = process(
        "p",
        start(),
        '<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="x" />'
        "</bpmn:intermediateThrowEvent>",
        service("work", "work"),
        end(),
        chain("start", "raise", "work", "end"),
        esp,
        extra='<bpmn:escalation id="x" escalationCode="LATE" />',
    )
    h.deploy(xml)
    key = h.start("p")
    assert sorted(h.active(key)) == ["esp", "handle", "work"]
    (job,) = h.activate("handle")
    assert h.variables(job.job.element_instance_key) == {}
    h.engine.complete_job(job.job.job_key)
    h.complete("work")
    assert h.state(key) == "COMPLETED"


def test_visible_variables_still_answer_for_a_finished_element(h: Harness) -> None:
    h.deploy(process("p", start(), service("task", "work"), end(), chain("start", "task", "end")))
    key = h.start("p", a=1)
    (job,) = h.activate("work")
    h.engine.complete_job(job.job.job_key, variables={"b": 2})
    names = [v.name for v in h.engine.visible_variables(job.job.element_instance_key)]
    assert names == ["a", "b"]
    assert h.state(key) == "COMPLETED"
