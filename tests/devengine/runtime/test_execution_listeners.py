"""Execution listeners: blocking START/END jobs around an element (and the process)."""

from __future__ import annotations

from bpmn_builder import chain, end, io, process, service, start
from runtime_harness import Harness


def _listeners(*events: tuple[str, str]) -> str:
    body = "".join(
        f'<zeebe:executionListener eventType="{event}" type="{kind}" />' for event, kind in events
    )
    return f"<zeebe:executionListeners>{body}</zeebe:executionListeners>"


def test_start_and_end_listeners_wrap_the_element(h: Harness) -> None:
    task = service(
        "task",
        "work",
        io(inputs={"x": "=1"}, outputs={"y": "=x + 1"}),
        _listeners(("start", "before"), ("end", "after")),
    )
    h.deploy(process("p", start(), task, end(), chain("start", "task", "end")))
    key = h.start("p")
    assert h.activate("work") == []
    (before,) = h.activate("before")
    assert before.job.kind == "EXECUTION_LISTENER"
    assert before.job.listener_event_type == "START"
    assert before.variables == {"x": 1}
    h.engine.complete_job(before.job.job_key, variables={"fromStart": True})
    (job,) = h.activate("work")
    assert job.variables["fromStart"] is True
    assert h.variables(job.job.element_instance_key)["fromStart"] is True
    h.engine.complete_job(job.job.job_key)
    assert h.state(key) == "ACTIVE"
    (after,) = h.activate("after")
    assert after.job.listener_event_type == "END"
    assert after.variables["y"] == 2
    h.engine.complete_job(after.job.job_key, variables={"fromEnd": 3})
    assert h.state(key) == "COMPLETED"
    assert h.variables(key) == {"y": 2, "fromEnd": 3}


def test_listeners_of_one_event_run_in_order(h: Harness) -> None:
    task = service("task", "work", _listeners(("start", "one"), ("start", "two")))
    h.deploy(process("p", start(), task, end(), chain("start", "task", "end")))
    h.start("p")
    assert h.activate("two") == []
    assert h.complete("one") == 1
    assert h.complete("two") == 1
    assert h.complete("work") == 1


def test_process_listeners_run_before_the_start_and_after_the_end(h: Harness) -> None:
    h.deploy(
        process(
            "p",
            start(),
            end(),
            chain("start", "end"),
            listeners=_listeners(("start", "p-start"), ("end", "p-end")),
        )
    )
    key = h.start("p")
    assert h.elements(key) == []
    (job,) = h.activate("p-start")
    assert job.job.element_id == "p"
    assert job.job.element_instance_key == key
    h.engine.complete_job(job.job.job_key)
    assert h.completed(key) == ["start", "end"]
    assert h.state(key) == "ACTIVE"
    h.complete("p-end")
    assert h.state(key) == "COMPLETED"


def test_a_listener_without_retries_is_an_execution_listener_incident(h: Harness) -> None:
    task = service("task", "work", _listeners(("start", "before")))
    h.deploy(process("p", start(), task, end(), chain("start", "task", "end")))
    key = h.start("p")
    (job,) = h.activate("before")
    h.engine.fail_job(job.job.job_key, retries=0)
    (incident,) = h.incidents(key)
    assert incident.error_type == "EXECUTION_LISTENER_NO_RETRIES"
