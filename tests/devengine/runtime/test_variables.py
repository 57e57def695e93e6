"""Variables and scopes: Zeebe's propagation, input and output mappings, local variables."""

from __future__ import annotations

import pytest
from bpmn_builder import chain, end, ext, io, process, service, start
from runtime_harness import Harness

from camunda_core.devengine.contract import InvalidArgument, NotFound


def _sub_process(inner: str, mappings: str = "") -> str:
    return (
        f'<bpmn:subProcess id="sub">{ext(mappings)}'
        f'<bpmn:startEvent id="sub_start" />{inner}<bpmn:endEvent id="sub_end" />'
        f"{chain('sub_start', 'task', 'sub_end')}</bpmn:subProcess>"
    )


def test_job_variables_without_output_mappings_are_propagated_to_the_root(h: Harness) -> None:
    h.deploy(
        process(
            "p", start(), _sub_process(service("task", "work")), end(), chain("start", "sub", "end")
        )
    )
    key = h.start("p")
    h.complete("work", {"result": 1})
    assert h.variables(key) == {"result": 1}


def test_propagation_updates_the_nearest_scope_that_has_the_variable(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        _sub_process(service("task", "work"), io(inputs={"counter": "=0"})),
        end(),
        chain("start", "sub", "end"),
    )
    h.deploy(xml)
    key = h.start("p", counter=100)
    sub_key = h.element_key(key, "sub")
    h.complete("work", {"counter": 1, "fresh": True})
    assert h.variables(sub_key) == {"counter": 1}
    assert h.variables(key) == {"counter": 100, "fresh": True}


def test_input_mappings_create_local_variables(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        service(
            "task",
            "work",
            io(inputs={"sender.name": "=customer", "sender.iban": "=iban", "label": "static"}),
        ),
        end(),
        chain("start", "task", "end"),
    )
    h.deploy(xml)
    key = h.start("p", customer="John", iban="DE1")
    (job,) = h.activate("work")
    assert h.variables(job.job.element_instance_key) == {
        "sender": {"name": "John", "iban": "DE1"},
        "label": "static",
    }
    assert job.variables["sender"] == {"name": "John", "iban": "DE1"}
    h.engine.complete_job(job.job.job_key)
    assert "sender" not in h.variables(key)


def test_with_output_mappings_only_the_mapped_variables_leave_the_task(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        service("task", "work", io(outputs={"paymentStatus": "=status", "order.paid": "=true"})),
        end(),
        chain("start", "task", "end"),
    )
    h.deploy(xml)
    key = h.start("p", order={"id": 1})
    h.complete("work", {"status": "ok", "noise": 1})
    assert h.variables(key) == {"order": {"id": 1, "paid": True}, "paymentStatus": "ok"}


def test_a_failing_mapping_is_an_io_mapping_incident_retried_on_resolve(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        service("task", "work", io(inputs={"x": '=number("abc") + missing()'})),
        end(),
        chain("start", "task", "end"),
    )
    h.deploy(xml)
    key = h.start("p")
    (incident,) = h.incidents(key)
    assert incident.error_type == "IO_MAPPING_ERROR"
    assert incident.element_id == "task"
    h.engine.resolve_incident(incident.incident_key)
    assert len(h.incidents(key)) == 1  # failed again: a new incident
    assert h.incidents(key)[0].incident_key != incident.incident_key


def test_set_variables_local_or_propagated(h: Harness) -> None:
    h.deploy(process("p", start(), service("task", "work"), end(), chain("start", "task", "end")))
    key = h.start("p", a=1)
    task_key = h.element_key(key, "task")
    h.engine.set_variables(task_key, {"local": True}, local=True)
    h.engine.set_variables(task_key, {"a": 2, "b": 3})
    assert h.variables(task_key) == {"local": True}
    assert h.variables(key) == {"a": 2, "b": 3}
    (job,) = h.activate("work")
    assert job.variables == {"a": 2, "b": 3, "local": True}


def test_set_variables_on_a_finished_scope_is_not_found(h: Harness) -> None:
    with pytest.raises(NotFound):
        h.engine.set_variables("42", {"a": 1})


def test_variables_that_are_not_json_are_refused(h: Harness) -> None:
    h.deploy(process("p", start(), end(), chain("start", "end")))
    with pytest.raises(InvalidArgument):
        h.engine.create_process_instance(process_definition_id="p", variables={"x": object()})
    with pytest.raises(InvalidArgument):
        h.engine.create_process_instance(process_definition_id="p", variables={"x": float("nan")})


def test_visible_variables_list_inner_scopes_first(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        service("task", "work", io(inputs={"a": "=10"})),
        end(),
        chain("start", "task", "end"),
    )
    h.deploy(xml)
    key = h.start("p", a=1, b=2)
    task_key = h.element_key(key, "task")
    visible = [(v.name, v.value, v.scope_key) for v in h.engine.visible_variables(task_key)]
    assert visible == [("a", "10", task_key), ("a", "1", key), ("b", "2", key)]


def test_variable_records_keep_their_key_when_updated(h: Harness) -> None:
    h.deploy(process("p", start(), service("task", "work"), end(), chain("start", "task", "end")))
    key = h.start("p", a=1)
    with h.engine.reading():
        before = h.engine.store.scope_vars[key]["a"]
    h.complete("work", {"a": "two"})
    with h.engine.reading():
        after = h.engine.store.scope_vars[key]["a"]
    assert after is before
    assert after.value == '"two"'
    assert after.process_instance_key == key
    assert after.tenant_id == "<default>"
