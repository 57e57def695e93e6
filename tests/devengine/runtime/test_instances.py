"""Process instances: records, awaited completion, business ids, cancellation, tags."""

from __future__ import annotations

import pytest
from bpmn_builder import chain, end, process, service, start
from runtime_harness import T0, Harness

from camunda_core.devengine.contract import InvalidArgument, InvalidState, NotFound, Timeout

ONE_TASK = process("p", start(), service("task", "work"), end(), chain("start", "task", "end"))


def test_instance_and_element_records_follow_the_rest_shapes(h: Harness) -> None:
    definition = h.deploy(ONE_TASK).processes[0]
    created = h.engine.create_process_instance(
        process_definition_id="p", tags=["a:1"], variables={"x": 1}
    )
    record = created.instance
    key = record.process_instance_key
    assert created.completion is None
    assert (record.state, record.start_date, record.end_date) == ("ACTIVE", T0, None)
    assert record.process_definition_key == definition.process_definition_key
    assert record.process_definition_version == 1
    assert record.root_process_instance_key == key
    assert record.parent_process_instance_key is None
    assert record.tags == ["a:1"]
    start_event, task = h.elements(key)
    assert (start_event.type, start_event.state) == ("START_EVENT", "COMPLETED")
    assert (task.type, task.state, task.flow_scope_key) == ("SERVICE_TASK", "ACTIVE", key)
    (job,) = h.activate("work")
    assert job.job.tags == ["a:1"]


def test_await_completion_resolves_with_the_fetched_variables(h: Harness) -> None:
    h.deploy(ONE_TASK)
    created = h.engine.create_process_instance(
        process_definition_id="p",
        variables={"a": 1, "b": 2},
        await_completion=True,
        fetch_variables=["b", "c"],
    )
    assert created.completion is not None
    assert not created.completion.done()
    h.complete("work", {"c": 3})
    assert created.completion.result(timeout=5) == {"b": 2, "c": 3}


def test_await_completion_times_out_while_the_instance_keeps_running(h: Harness) -> None:
    h.deploy(ONE_TASK)
    created = h.engine.create_process_instance(
        process_definition_id="p", await_completion=True, request_timeout_ms=30
    )
    assert created.completion is not None
    with pytest.raises(Timeout):
        created.completion.result(timeout=5)
    assert created.instance.state == "ACTIVE"


def test_a_business_id_is_unique_among_active_instances(h: Harness) -> None:
    h.deploy(ONE_TASK)
    created = h.engine.create_process_instance(process_definition_id="p", business_id="order-1")
    assert created.instance.business_id == "order-1"
    with pytest.raises(InvalidState):
        h.engine.create_process_instance(process_definition_id="p", business_id="order-1")
    h.complete("work")
    h.engine.create_process_instance(process_definition_id="p", business_id="order-1")


def test_cancel_terminates_everything_and_resolves_incidents(h: Harness) -> None:
    h.deploy(ONE_TASK)
    key = h.start("p")
    (job,) = h.activate("work")
    h.engine.fail_job(job.job.job_key, retries=0)
    (incident,) = h.incidents(key)
    h.engine.cancel_process_instance(key)
    record = h.instance(key)
    assert (record.state, record.end_date) == ("TERMINATED", T0)
    assert [e.state for e in h.elements(key)] == ["COMPLETED", "TERMINATED"]
    assert h.job_state(job.job.job_key) == "CANCELED"
    assert incident.state == "RESOLVED"
    with pytest.raises(NotFound):
        h.engine.cancel_process_instance(key)
    with pytest.raises(NotFound):
        h.engine.complete_job(job.job.job_key)


def test_a_process_without_a_none_start_event_cannot_be_created_directly(h: Harness) -> None:
    message_start = '<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>'
    h.deploy(
        process(
            "p",
            message_start,
            end(),
            chain("start", "end"),
            extra='<bpmn:message id="m" name="go" />',
        )
    )
    with pytest.raises(InvalidArgument, match="none start event"):
        h.start("p")
    created = h.engine.create_process_instance(
        process_definition_id="p", start_before_elements=["end"]
    )
    assert created.instance.state == "COMPLETED"
