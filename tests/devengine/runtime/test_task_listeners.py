"""Task listeners of Camunda user tasks: blocking jobs per lifecycle event that can correct
the task or deny the transition; canceling listeners when the task's element is terminated.
"""

from __future__ import annotations

from typing import Any

import pytest
from bpmn_builder import chain, end, process, start
from runtime_harness import Harness

from camunda_core.devengine.contract import InvalidArgument, InvalidState


def _listeners(*events: tuple[str, str]) -> str:
    body = "".join(
        f'<zeebe:taskListener eventType="{event}" type="{kind}" />' for event, kind in events
    )
    return f"<zeebe:taskListeners>{body}</zeebe:taskListeners>"


def _deploy(h: Harness, *events: tuple[str, str], assignee: str | None = None) -> None:
    assignment = f'<zeebe:assignmentDefinition assignee="{assignee}" />' if assignee else ""
    task = (
        '<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask />'
        f"{assignment}{_listeners(*events)}</bpmn:extensionElements></bpmn:userTask>"
    )
    h.deploy(process("p", start(), task, end(), chain("start", "review", "end")))


def _finish_listener(h: Harness, job_type: str, result: dict[str, Any] | None = None) -> Any:
    (job,) = h.activate(job_type)
    h.engine.complete_job(job.job.job_key, result=result)
    return job


def test_creating_listeners_run_before_the_task_is_created(h: Harness) -> None:
    _deploy(h, ("creating", "on-create"))
    key = h.start("p")
    assert h.task(key).state == "CREATING"
    job = _finish_listener(h, "on-create", {"type": "userTask", "corrections": {"priority": 80}})
    assert job.job.kind == "TASK_LISTENER"
    assert job.job.listener_event_type == "CREATING"
    assert job.user_task is not None
    assert h.task(key).state == "CREATED"
    assert h.task(key).priority == 80


def test_a_model_assignee_goes_through_the_assigning_listeners(h: Harness) -> None:
    _deploy(h, ("assigning", "on-assign"), assignee="alice")
    key = h.start("p")
    assert h.task(key).state == "ASSIGNING"
    assert h.task(key).assignee is None
    job = _finish_listener(h, "on-assign")
    assert job.user_task_action == "assign"
    assert job.user_task is not None
    assert job.user_task.assignee == "alice"
    assert job.job.custom_headers["io.camunda.zeebe:assignee"] == "alice"
    assert h.task(key).assignee == "alice"
    assert h.task(key).state == "CREATED"


def test_an_assignment_waits_for_its_listeners_and_can_be_corrected(h: Harness) -> None:
    _deploy(h, ("assigning", "first"), ("assigning", "second"))
    key = h.start("p")
    task_key = h.task(key).user_task_key
    future = h.engine.assign_user_task(task_key, assignee="bob", action="claim")
    assert not future.done()
    assert h.task(key).state == "ASSIGNING"
    first = _finish_listener(
        h, "first", {"type": "userTask", "corrections": {"assignee": "carol", "priority": 10}}
    )
    assert first.user_task_action == "claim"
    assert first.changed_attributes == ("assignee",)
    assert not future.done()
    second = _finish_listener(h, "second")
    assert second.user_task is not None
    assert second.user_task.assignee == "carol"
    assert set(second.changed_attributes) == {"assignee", "priority"}
    future.result(timeout=5)
    task = h.task(key)
    assert (task.assignee, task.priority, task.state) == ("carol", 10, "CREATED")


def test_a_denied_completion_rolls_back_and_fails_the_command(h: Harness) -> None:
    _deploy(h, ("completing", "check"))
    key = h.start("p")
    task_key = h.task(key).user_task_key
    future = h.engine.complete_user_task(task_key, variables={"ok": False})
    job = _finish_listener(
        h, "check", {"type": "userTask", "denied": True, "deniedReason": "not ok"}
    )
    with pytest.raises(InvalidState, match="denied by Task Listener"):
        future.result(timeout=5)
    assert h.task(key).state == "CREATED"
    assert h.variables(key) == {}
    with h.engine.reading():
        record = h.engine.store.jobs[job.job.job_key]
    assert (record.is_denied, record.denied_reason) == (True, "not ok")
    retry = h.engine.complete_user_task(task_key, variables={"ok": True})
    _finish_listener(h, "check")
    retry.result(timeout=5)
    assert h.state(key) == "COMPLETED"
    assert h.variables(key) == {"ok": True}


def test_an_update_runs_the_updating_listeners(h: Harness) -> None:
    _deploy(h, ("updating", "on-update"))
    key = h.start("p")
    future = h.engine.update_user_task(h.task(key).user_task_key, changeset={"priority": 5})
    job = _finish_listener(h, "on-update")
    assert job.changed_attributes == ("priority",)
    future.result(timeout=5)
    assert h.task(key).priority == 5


def test_a_task_in_transition_refuses_other_commands(h: Harness) -> None:
    _deploy(h, ("assigning", "slow"))
    key = h.start("p")
    task_key = h.task(key).user_task_key
    h.engine.assign_user_task(task_key, assignee="x")
    with pytest.raises(InvalidState):
        h.engine.complete_user_task(task_key)


def test_task_listener_jobs_refuse_variables_errors_and_denied_creation(h: Harness) -> None:
    _deploy(h, ("creating", "on-create"))
    h.start("p")
    (job,) = h.activate("on-create")
    with pytest.raises(InvalidArgument):
        h.engine.complete_job(job.job.job_key, variables={"x": 1})
    with pytest.raises(InvalidArgument):
        h.engine.complete_job(job.job.job_key, result={"type": "userTask", "denied": True})
    with pytest.raises(InvalidState):
        h.engine.throw_job_error(job.job.job_key, error_code="E")
    h.engine.complete_job(job.job.job_key)


def test_canceling_listeners_run_when_the_instance_is_cancelled(h: Harness) -> None:
    _deploy(h, ("canceling", "on-cancel"))
    key = h.start("p")
    h.engine.cancel_process_instance(key)
    assert h.task(key).state == "CANCELING"
    assert h.state(key) == "ACTIVE"
    job = _finish_listener(h, "on-cancel")
    assert job.job.listener_event_type == "CANCELING"
    (task,) = h.tasks(key)
    assert task.state == "CANCELED"
    assert h.state(key) == "TERMINATED"


def test_a_listener_without_retries_is_a_task_listener_incident(h: Harness) -> None:
    _deploy(h, ("completing", "check"))
    key = h.start("p")
    h.engine.complete_user_task(h.task(key).user_task_key)
    (job,) = h.activate("check")
    h.engine.fail_job(job.job.job_key, retries=0, error_message="down")
    (incident,) = h.incidents(key)
    assert incident.error_type == "TASK_LISTENER_NO_RETRIES"
    h.engine.update_job(job.job.job_key, retries=1)
    h.engine.resolve_incident(incident.incident_key)
    _finish_listener(h, "check")
    assert h.state(key) == "COMPLETED"
