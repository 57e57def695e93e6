"""Jobs: activation, completion, failure with retries and back-off, timeouts, updates, BPMN
errors, and the rejections (404 gone, 409 wrong state) Zeebe gives.
"""

from __future__ import annotations

import pytest
from bpmn_builder import boundary, chain, end, flow, process, service, start
from runtime_harness import MINUTE, SECOND, Harness

from camunda_core.devengine.contract import InvalidArgument, InvalidState, NotFound

ONE_TASK = process(
    "p",
    start(),
    service(
        "task", "work", '<zeebe:taskHeaders><zeebe:header key="k" value="v" /></zeebe:taskHeaders>'
    ),
    end(),
    chain("start", "task", "end"),
)


@pytest.fixture
def one_task(h: Harness) -> Harness:
    h.deploy(ONE_TASK)
    return h


def test_an_activated_job_carries_its_element_headers_and_variables(one_task: Harness) -> None:
    h = one_task
    key = h.start("p", order={"id": 7}, amount=3.5)
    (job,) = h.activate("work", timeout_ms=30 * SECOND)
    record = job.job
    assert record.process_instance_key == key
    assert record.element_id == "task"
    assert record.custom_headers == {"k": "v"}
    assert record.retries == 3
    assert record.kind == "BPMN_ELEMENT"
    assert record.listener_event_type == "UNSPECIFIED"
    assert record.worker == "test"
    assert record.deadline == h.engine.now() + 30 * SECOND
    assert job.variables == {"order": {"id": 7}, "amount": 3.5}


def test_fetch_variables_limits_what_the_worker_receives(one_task: Harness) -> None:
    one_task.start("p", a=1, b=2, c=3)
    (job,) = one_task.activate("work", fetch_variables=["a", "c", "missing"])
    assert job.variables == {"a": 1, "c": 3}


def test_activation_hands_out_at_most_max_jobs_oldest_first(one_task: Harness) -> None:
    keys = [one_task.start("p") for _ in range(5)]
    first = one_task.activate("work", max_jobs=2)
    rest = one_task.activate("work", max_jobs=10)
    assert [job.job.process_instance_key for job in first + rest] == keys
    assert one_task.activate("work") == []


def test_the_activated_job_is_a_snapshot(one_task: Harness) -> None:
    one_task.start("p")
    (job,) = one_task.activate("work")
    one_task.engine.complete_job(job.job.job_key)
    assert job.job.state == "CREATED"


def test_completing_continues_the_process_with_the_variables(one_task: Harness) -> None:
    h = one_task
    key = h.start("p")
    h.complete("work", {"result": "ok"})
    assert h.state(key) == "COMPLETED"
    assert h.variables(key) == {"result": "ok"}


def test_a_completed_or_unknown_job_is_not_found(one_task: Harness) -> None:
    one_task.start("p")
    (job,) = one_task.activate("work")
    one_task.engine.complete_job(job.job.job_key)
    with pytest.raises(NotFound):
        one_task.engine.complete_job(job.job.job_key)
    with pytest.raises(NotFound):
        one_task.engine.complete_job("999")


def test_a_job_that_failed_without_retries_cannot_be_completed(one_task: Harness) -> None:
    one_task.start("p")
    (job,) = one_task.activate("work")
    one_task.engine.fail_job(job.job.job_key, retries=0, error_message="boom")
    with pytest.raises(InvalidState):
        one_task.engine.complete_job(job.job.job_key)


def test_failing_with_retries_makes_the_job_activatable_again(one_task: Harness) -> None:
    h = one_task
    h.start("p")
    (job,) = h.activate("work")
    h.engine.fail_job(job.job.job_key, retries=2, error_message="try again")
    (again,) = h.activate("work")
    assert again.job.job_key == job.job.job_key
    assert again.job.retries == 2
    assert again.job.error_message == "try again"


def test_retry_back_off_delays_the_next_activation(one_task: Harness) -> None:
    h = one_task
    h.start("p")
    (job,) = h.activate("work")
    h.engine.fail_job(job.job.job_key, retries=1, retry_backoff_ms=10 * SECOND)
    assert h.activate("work") == []
    h.advance(9 * SECOND)
    assert h.activate("work") == []
    h.advance(1 * SECOND)
    assert len(h.activate("work")) == 1


def test_failing_variables_are_set_locally_on_the_task(one_task: Harness) -> None:
    h = one_task
    key = h.start("p")
    (job,) = h.activate("work")
    h.engine.fail_job(job.job.job_key, retries=1, variables={"attempt": 1})
    assert h.variables(job.job.element_instance_key) == {"attempt": 1}
    assert h.variables(key) == {}


def test_no_retries_left_raises_an_incident_resolved_after_updating_retries(
    one_task: Harness,
) -> None:
    h = one_task
    key = h.start("p")
    (job,) = h.activate("work")
    h.engine.fail_job(job.job.job_key, retries=0, error_message="service down")
    (incident,) = h.incidents(key)
    assert incident.error_type == "JOB_NO_RETRIES"
    assert incident.error_message == "service down"
    assert incident.job_key == job.job.job_key
    assert h.instance(key).has_incident
    element = next(e for e in h.elements(key) if e.element_id == "task")
    assert element.has_incident
    assert element.incident_key == incident.incident_key
    with pytest.raises(InvalidState):
        h.engine.resolve_incident(incident.incident_key)
    h.engine.update_job(job.job.job_key, retries=1)
    h.engine.resolve_incident(incident.incident_key)
    assert incident.state == "RESOLVED"
    assert not h.instance(key).has_incident
    assert h.complete("work") == 1
    assert h.state(key) == "COMPLETED"


def test_resolving_twice_is_not_found(one_task: Harness) -> None:
    h = one_task
    h.start("p")
    (job,) = h.activate("work")
    h.engine.fail_job(job.job.job_key, retries=0)
    (incident,) = h.incidents()
    h.engine.update_job(job.job.job_key, retries=2)
    h.engine.resolve_incident(incident.incident_key)
    with pytest.raises(NotFound):
        h.engine.resolve_incident(incident.incident_key)


def test_a_job_whose_deadline_passes_times_out_and_can_be_activated_again(
    one_task: Harness,
) -> None:
    h = one_task
    h.start("p")
    (job,) = h.activate("work", timeout_ms=MINUTE)
    h.advance(MINUTE - 1)
    assert h.activate("work") == []
    h.advance(1)
    assert h.job("work").state == "TIMED_OUT"
    (again,) = h.activate("work")
    assert again.job.job_key == job.job.job_key


def test_updating_the_timeout_extends_the_deadline_from_now(one_task: Harness) -> None:
    h = one_task
    h.start("p")
    (job,) = h.activate("work", timeout_ms=MINUTE)
    h.advance(30 * SECOND)
    h.engine.update_job(job.job.job_key, timeout_ms=MINUTE)
    assert h.job("work").deadline == h.engine.now() + MINUTE
    h.advance(45 * SECOND)
    assert h.activate("work") == []
    h.advance(15 * SECOND)
    assert len(h.activate("work")) == 1


def test_updating_retries_below_one_is_refused(one_task: Harness) -> None:
    one_task.start("p")
    (job,) = one_task.activate("work")
    with pytest.raises(InvalidArgument):
        one_task.engine.update_job(job.job.job_key, retries=0)


def test_a_job_can_be_completed_without_being_activated_as_in_zeebe(one_task: Harness) -> None:
    key = one_task.start("p")
    one_task.engine.complete_job(one_task.job("work").job_key)
    assert one_task.state(key) == "COMPLETED"


def test_retries_may_be_feel_and_empty_retries_mean_three(h: Harness) -> None:
    h.deploy(
        process(
            "p",
            start(),
            service("a", "a", retries="=count"),
            service("b", "b", retries=""),
            end(),
            chain("start", "a", "b", "end"),
        )
    )
    h.start("p", count=7)
    (job,) = h.activate("a")
    assert job.job.retries == 7
    h.engine.complete_job(job.job.job_key)
    (job,) = h.activate("b")
    assert job.job.retries == 3


def test_a_failing_job_type_expression_is_an_incident_retried_on_resolve(h: Harness) -> None:
    h.deploy(process("p", start(), service("task", "=kind"), end(), chain("start", "task", "end")))
    key = h.start("p")
    (incident,) = h.incidents(key)
    assert incident.error_type == "EXTRACT_VALUE_ERROR"
    assert "'STRING'" in incident.error_message
    h.engine.set_variables(key, {"kind": "dynamic"})
    h.engine.resolve_incident(incident.incident_key)
    assert len(h.activate("dynamic")) == 1


ERROR_CATCH = process(
    "p",
    start(),
    service("task", "work"),
    boundary(
        "caught",
        "task",
        '<bpmn:errorEventDefinition errorRef="err" />',
        inner='<bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=errorMessage" '
        'target="why" /></zeebe:ioMapping></bpmn:extensionElements>',
    ),
    end(),
    end("handled"),
    chain("start", "task", "end"),
    flow("caught", "handled"),
    extra='<bpmn:error id="err" errorCode="NOT_PAID" />',
)


def test_a_thrown_error_is_caught_by_the_boundary_event(h: Harness) -> None:
    h.deploy(ERROR_CATCH)
    key = h.start("p")
    (job,) = h.activate("work")
    h.engine.throw_job_error(
        job.job.job_key, error_code="NOT_PAID", error_message="card declined", variables={"x": 1}
    )
    assert h.state(key) == "COMPLETED"
    assert h.completed(key) == ["start", "caught", "handled"]
    assert h.variables(key) == {"why": "card declined"}
    with pytest.raises(NotFound):
        h.engine.complete_job(job.job.job_key)


def test_an_uncaught_error_is_an_incident_and_resolving_reopens_the_job(h: Harness) -> None:
    h.deploy(ERROR_CATCH)
    key = h.start("p")
    (job,) = h.activate("work")
    h.engine.throw_job_error(job.job.job_key, error_code="OTHER", error_message="nope")
    (incident,) = h.incidents(key)
    assert incident.error_type == "UNHANDLED_ERROR_EVENT"
    assert "'OTHER'" in incident.error_message
    assert incident.job_key == job.job.job_key
    with pytest.raises(InvalidState):
        h.engine.complete_job(job.job.job_key)
    h.engine.resolve_incident(incident.incident_key)
    assert h.complete("work") == 1
    assert h.state(key) == "COMPLETED"
