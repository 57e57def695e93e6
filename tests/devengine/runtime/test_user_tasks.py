"""Camunda user tasks: properties evaluated at activation, assign/unassign/update/complete,
and job-worker user tasks.
"""

from __future__ import annotations

import pytest
from bpmn_builder import attr, boundary, chain, end, flow, io, process, start
from runtime_harness import HOUR, T0, Harness

from camunda_core.devengine.contract import InvalidArgument, InvalidState, NotFound


def user_task(extensions: str = "", element_id: str = "review", camunda: bool = True) -> str:
    marker = "<zeebe:userTask />" if camunda else ""
    return (
        f'<bpmn:userTask id="{element_id}" name="Review it"><bpmn:extensionElements>{marker}'
        f"{extensions}</bpmn:extensionElements></bpmn:userTask>"
    )


def _deploy(h: Harness, extensions: str = "", *more: str, camunda: bool = True) -> None:
    h.deploy(
        process(
            "p",
            start(),
            user_task(extensions, camunda=camunda),
            end(),
            chain("start", "review", "end"),
            *more,
        )
    )


def test_a_user_task_is_created_with_its_evaluated_properties(h: Harness) -> None:
    extensions = (
        f'<zeebe:assignmentDefinition assignee="=owner" candidateGroups="sales, accounting" '
        f'candidateUsers="{attr("=[owner, " + chr(34) + "bob" + chr(34) + "]")}" />'
        '<zeebe:taskSchedule dueDate="2024-01-05T10:00:00Z" followUpDate="=now() + duration(&quot;PT1H&quot;)" />'
        '<zeebe:priorityDefinition priority="=70" />'
        '<zeebe:taskHeaders><zeebe:header key="kind" value="approval" /></zeebe:taskHeaders>'
    )
    _deploy(h, extensions)
    key = h.start("p", owner="alice")
    task = h.task(key)
    assert task.state == "CREATED"
    assert task.name == "Review it"
    assert task.assignee == "alice"
    assert task.candidate_groups == ["sales", "accounting"]
    assert task.candidate_users == ["alice", "bob"]
    assert task.due_date == T0 + 4 * 24 * HOUR + 10 * HOUR
    assert task.follow_up_date == T0 + HOUR
    assert task.priority == 70
    assert task.custom_headers == {"kind": "approval"}
    assert task.element_instance_key == h.element_key(key, "review")
    assert task.process_definition_id == "p"


def test_defaults_priority_fifty_and_no_assignee(h: Harness) -> None:
    _deploy(h)
    task = h.task(h.start("p"))
    assert (task.priority, task.assignee, task.candidate_groups) == (50, None, [])


def test_assign_unassign_update_and_complete(h: Harness) -> None:
    _deploy(h, io(outputs={"approved": "=decision"}))
    key = h.start("p")
    task_key = h.task(key).user_task_key
    h.engine.assign_user_task(task_key, assignee="bob").result(timeout=5)
    assert h.task(key).assignee == "bob"
    with pytest.raises(InvalidState):
        h.engine.assign_user_task(task_key, assignee="carol", allow_override=False)
    h.engine.unassign_user_task(task_key).result(timeout=5)
    assert h.task(key).assignee is None
    h.engine.update_user_task(
        task_key,
        changeset={"priority": 90, "dueDate": "2024-02-01T00:00:00Z", "candidateUsers": ["x"]},
    ).result(timeout=5)
    task = h.task(key)
    assert (task.priority, task.candidate_users) == (90, ["x"])
    h.engine.update_user_task(task_key, changeset={"dueDate": "", "candidateUsers": []}).result(
        timeout=5
    )
    assert (h.task(key).due_date, h.task(key).candidate_users) == (None, [])
    h.engine.complete_user_task(task_key, variables={"decision": True}).result(timeout=5)
    (task,) = h.tasks(key)
    assert task.state == "COMPLETED"
    assert task.completion_date == h.engine.now()
    assert h.state(key) == "COMPLETED"
    assert h.variables(key) == {"approved": True}


def test_commands_on_a_completed_or_unknown_task_are_not_found(h: Harness) -> None:
    _deploy(h)
    key = h.start("p")
    task_key = h.task(key).user_task_key
    h.engine.complete_user_task(task_key).result(timeout=5)
    with pytest.raises(NotFound):
        h.engine.complete_user_task(task_key)
    with pytest.raises(NotFound):
        h.engine.assign_user_task("1", assignee="x")


def test_invalid_changes_are_refused(h: Harness) -> None:
    _deploy(h)
    task_key = h.task(h.start("p")).user_task_key
    with pytest.raises(InvalidArgument):
        h.engine.update_user_task(task_key, changeset={"priority": 101})
    with pytest.raises(InvalidArgument):
        h.engine.update_user_task(task_key, changeset={"dueDate": "tomorrow"})
    with pytest.raises(InvalidArgument):
        h.engine.assign_user_task(task_key, assignee="")


def test_a_linked_form_resolves_to_the_latest_form_key(h: Harness) -> None:
    form_v1 = b'{"id": "review-form", "components": []}'
    form_v2 = b'{"id": "review-form", "components": [], "schemaVersion": 2}'
    h.deploy(("review.form", form_v1))
    latest = h.deploy(("review.form", form_v2)).forms[0]
    _deploy(h, '<zeebe:formDefinition formId="review-form" />')
    task = h.task(h.start("p"))
    assert task.form_key == latest.form_key


def test_a_missing_linked_form_is_an_incident(h: Harness) -> None:
    _deploy(h, '<zeebe:formDefinition formId="nowhere" />')
    key = h.start("p")
    (incident,) = h.incidents(key)
    assert incident.error_type == "FORM_NOT_FOUND"
    h.deploy(("f.form", b'{"id": "nowhere"}'))
    h.engine.resolve_incident(incident.incident_key)
    assert h.task(key).form_key is not None


def test_an_external_form_reference_is_kept(h: Harness) -> None:
    _deploy(h, '<zeebe:formDefinition externalReference="=&quot;https://forms/&quot; + id" />')
    assert h.task(h.start("p", id="7")).external_form_reference == "https://forms/7"


def test_a_boundary_event_cancels_the_user_task(h: Harness) -> None:
    timer = "<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>"
    _deploy(h, "", boundary("late", "review", timer), end("late_end"), flow("late", "late_end"))
    key = h.start("p")
    task_key = h.task(key).user_task_key
    h.advance(HOUR)
    (task,) = h.tasks(key)
    assert task.state == "CANCELED"
    with pytest.raises(NotFound):
        h.engine.complete_user_task(task_key)


def test_a_job_worker_user_task_is_a_job_with_assignment_headers(h: Harness) -> None:
    extensions = (
        '<zeebe:assignmentDefinition assignee="alice" candidateGroups="=[&quot;a&quot;, &quot;b&quot;]" />'
        '<zeebe:formDefinition formKey="camunda-forms:bpmn:f1" />'
    )
    h.deploy(
        process(
            "p",
            start(),
            user_task(extensions, camunda=False),
            end(),
            chain("start", "review", "end"),
            extra="",
        ).replace(
            b'isExecutable="true">',
            b'isExecutable="true"><bpmn:extensionElements><zeebe:userTaskForm id="f1">{}'
            b"</zeebe:userTaskForm></bpmn:extensionElements>",
        )
    )
    key = h.start("p")
    (job,) = h.activate("io.camunda.zeebe:userTask")
    headers = job.job.custom_headers
    assert headers["io.camunda.zeebe:assignee"] == "alice"
    assert headers["io.camunda.zeebe:candidateGroups"] == '["a","b"]'
    assert headers["io.camunda.zeebe:formKey"] == "camunda-forms:bpmn:f1"
    assert job.job.retries == 1
    assert h.tasks(key) == []
    h.engine.complete_job(job.job.job_key)
    assert h.state(key) == "COMPLETED"
