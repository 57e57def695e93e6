"""Tasks: job-based tasks, script tasks (FEEL), business rule tasks (DMN), receive tasks,
manual and undefined tasks.

Every job-based element (service, send, job-based script and business rule tasks, job-worker
user tasks, message throw/end events) creates one job; completing it completes the element.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.devengine.bpmn import (
    HEADER_ASSIGNEE,
    HEADER_CANDIDATE_GROUPS,
    HEADER_CANDIDATE_USERS,
    HEADER_DUE_DATE,
    HEADER_FOLLOW_UP_DATE,
    BusinessRuleTask,
    JobDefinition,
    ScriptTask,
    UserTask,
)
from camunda_core.devengine.runtime import decisions, events, jobs, lifecycle, mappings, variables
from camunda_core.devengine.runtime.behaviour_base import Behaviour
from camunda_core.devengine.runtime.clock import iso_ms
from camunda_core.devengine.runtime.expressions import (
    evaluate_date_ms,
    evaluate_int,
    evaluate_json,
    evaluate_string,
    evaluate_string_list,
)
from camunda_core.devengine.runtime.names import BPMN_ELEMENT, EXTRACT_VALUE_ERROR, UNSPECIFIED

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["BUSINESS_RULE_TASK", "JOB_TASK", "PASS_THROUGH", "RECEIVE_TASK", "SCRIPT_TASK"]


def _user_task_headers(rt: Runtime, run: Run, node: UserTask, headers: dict[str, str]) -> None:
    """A job-worker user task carries its evaluated assignment and schedule as headers."""
    assignment = node.assignment
    if assignment is not None:
        if assignment.assignee is not None:
            assignee = evaluate_json(rt, assignment.assignee, run, EXTRACT_VALUE_ERROR)
            if assignee is not None:
                headers[HEADER_ASSIGNEE] = str(assignee)
        for header, expression in (
            (HEADER_CANDIDATE_GROUPS, assignment.candidate_groups),
            (HEADER_CANDIDATE_USERS, assignment.candidate_users),
        ):
            if expression is not None:
                found = evaluate_string_list(rt, expression, run, EXTRACT_VALUE_ERROR)
                headers[header] = variables.encode(found)
    schedule = node.schedule
    if schedule is not None:
        for header, expression in (
            (HEADER_DUE_DATE, schedule.due_date),
            (HEADER_FOLLOW_UP_DATE, schedule.follow_up_date),
        ):
            if expression is not None:
                moment = evaluate_date_ms(rt, expression, run, EXTRACT_VALUE_ERROR)
                if moment is not None:
                    headers[header] = iso_ms(moment)


class _JobTask(Behaviour):
    """Create a job; the element completes when the job does."""

    def activate(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert node is not None
        job = node.job_definition()
        assert isinstance(job, JobDefinition)
        job_type = job.type
        kind = job_type.source if not job_type.is_feel else None
        if kind is None:
            kind = evaluate_string(rt, job_type, run, EXTRACT_VALUE_ERROR)
        retries = evaluate_int(rt, job.retries, run, EXTRACT_VALUE_ERROR)
        headers = job.custom_headers if job.headers else {}
        if isinstance(node, UserTask):
            _user_task_headers(rt, run, node, headers)
        events.open_boundaries(rt, run)
        jobs.create(rt, run, kind, retries, headers, BPMN_ELEMENT, UNSPECIFIED)


class _ScriptTask(Behaviour):
    """Evaluate ``zeebe:script`` into its result variable (or a job)."""

    def activate(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert isinstance(node, ScriptTask)
        if node.script is None:
            JOB_TASK.activate(rt, run)
            return
        value = evaluate_json(rt, node.script.expression, run, EXTRACT_VALUE_ERROR)
        mappings.deliver_result(rt, run, {node.script.result_variable: variables.encode(value)})
        lifecycle.complete(rt, run)


class _BusinessRuleTask(Behaviour):
    """Evaluate the called DMN decision into its result variable (or a job)."""

    def activate(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert isinstance(node, BusinessRuleTask)
        called = node.called_decision
        if called is None:
            JOB_TASK.activate(rt, run)
            return
        output = decisions.evaluate_for_task(rt, run, called)
        mappings.deliver_result(rt, run, {called.result_variable: variables.encode(output)})
        lifecycle.complete(rt, run)


class _ReceiveTask(Behaviour):
    """Wait for the task's message."""

    def activate(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert node is not None
        events.open_boundaries(rt, run)
        events.open_catch(rt, run, node)


JOB_TASK = _JobTask()
SCRIPT_TASK = _ScriptTask()
BUSINESS_RULE_TASK = _BusinessRuleTask()
RECEIVE_TASK = _ReceiveTask()
PASS_THROUGH = Behaviour()
