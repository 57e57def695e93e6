"""Camunda user tasks and their task listeners.

A user task is created CREATING, runs its ``creating`` listeners, becomes CREATED, and (when
the model names an assignee) goes through an ``assigning`` transition. Commands (assign,
unassign, update, complete) start a transition (ASSIGNING, UPDATING, COMPLETING) that runs the
listeners of that event one after the other as TASK_LISTENER jobs; a listener may correct the
task's attributes or deny the transition (the task goes back to CREATED and the command fails
with INVALID_STATE). Terminating the element runs the ``canceling`` listeners. The command's
Future resolves when the transition is applied, at once when there are no listeners.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import TaskListenerEvent, UserTask
from camunda_core.devengine.contract import ActivatedJob, InvalidArgument, InvalidState
from camunda_core.devengine.records import JobRecord, UserTaskRecord
from camunda_core.devengine.runtime import (
    activities,
    events,
    incidents,
    jobs,
    lifecycle,
    mappings,
    task_props,
    variables,
)
from camunda_core.devengine.runtime.behaviour_base import Behaviour
from camunda_core.devengine.runtime.clock import iso_ms
from camunda_core.devengine.runtime.expressions import evaluate_int, evaluate_string
from camunda_core.devengine.runtime.names import EXTRACT_VALUE_ERROR, TASK_LISTENER
from camunda_core.devengine.runtime.state import StepFailure

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = [
    "BEHAVIOUR",
    "Transition",
    "begin",
    "cancel",
    "check_listener_result",
    "listener_completed",
    "listener_snapshot",
    "retry_transition",
]

CREATED = "CREATED"
COMPLETED = "COMPLETED"
CANCELED = "CANCELED"
_DENIABLE = (TaskListenerEvent.ASSIGNING, TaskListenerEvent.UPDATING, TaskListenerEvent.COMPLETING)
_DENIED = {
    TaskListenerEvent.ASSIGNING: "Assignment",
    TaskListenerEvent.UPDATING: "Update",
    TaskListenerEvent.COMPLETING: "Completion",
}
_PREFIX = "io.camunda.zeebe:"


class Transition:
    """A lifecycle transition in progress: what changes, what listeners corrected."""

    __slots__ = ("action", "changes", "corrections", "event", "index", "values")

    def __init__(
        self,
        event: TaskListenerEvent,
        action: str,
        changes: dict[str, Any] | None = None,
        values: dict[str, str] | None = None,
    ) -> None:
        self.event = event
        self.action = action
        self.changes = changes or {}
        self.values = values or {}
        self.corrections: dict[str, Any] = {}
        self.index = 0


class TaskState:
    """The ``run.data`` of a Camunda user task element."""

    __slots__ = ("initial_assignee", "task_key", "transition")

    def __init__(self, task_key: str, initial_assignee: str | None) -> None:
        self.task_key = task_key
        self.initial_assignee = initial_assignee
        self.transition: Transition | None = None


def _task(rt: Runtime, run: Run) -> tuple[TaskState, UserTaskRecord]:
    state: TaskState = run.data
    return state, rt.store.user_tasks[state.task_key]


class _UserTask(Behaviour):
    """Create the user task (or a job for a job-worker user task)."""

    def activate(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert isinstance(node, UserTask)
        if not node.is_camunda_user_task:
            activities.JOB_TASK.activate(rt, run)
            return
        props = task_props.evaluate_properties(rt, run, node)
        events.open_boundaries(rt, run)
        task = _new_task(rt, run, node, props)
        key = task.user_task_key
        store = rt.store
        store.user_tasks[key] = task
        run.inst.owned.append((store.user_tasks, key))
        run.add_handle("task", key)
        run.data = TaskState(key, props["assignee"])
        changes = {"assignee": props["assignee"]} if props["assignee"] else {}
        begin(rt, run, Transition(TaskListenerEvent.CREATING, "", changes))


def _new_task(rt: Runtime, run: Run, node: UserTask, props: dict[str, Any]) -> UserTaskRecord:
    pi = run.inst.record
    return UserTaskRecord(
        rt.keys.next(),
        node.name,
        "CREATING",
        node.id,
        run.key,
        pi.process_definition_id,
        pi.process_definition_key,
        pi.process_definition_version,
        run.inst.definition.name,
        pi.process_instance_key,
        rt.clock.now(),
        pi.tenant_id,
        candidate_groups=props["candidateGroups"],
        candidate_users=props["candidateUsers"],
        due_date=props["dueDate"],
        follow_up_date=props["followUpDate"],
        form_key=props["formKey"],
        external_form_reference=props["externalFormReference"],
        custom_headers=dict(node.headers),
        priority=props["priority"],
        root_process_instance_key=pi.root_process_instance_key,
        tags=pi.tags,
    )


BEHAVIOUR = _UserTask()


def begin(rt: Runtime, run: Run, transition: Transition) -> None:
    state, task = _task(rt, run)
    state.transition = transition
    task.state = transition.event.value.upper()
    _advance(rt, run)


def _listeners(run: Run, event: TaskListenerEvent) -> list[Any]:
    node = run.node
    assert isinstance(node, UserTask)
    return [listener for listener in node.task_listeners if listener.event_type is event]


def _advance(rt: Runtime, run: Run) -> None:
    state, task = _task(rt, run)
    transition = state.transition
    if transition is None:
        return
    pending = _listeners(run, transition.event)
    if transition.index >= len(pending):
        _apply(rt, run, state, task, transition)
        return
    listener = pending[transition.index]
    try:
        job_type = evaluate_string(rt, listener.type, run, EXTRACT_VALUE_ERROR)
        retries = evaluate_int(rt, listener.retries, run, EXTRACT_VALUE_ERROR)
    except StepFailure as failure:
        transition.index = 0
        incidents.raise_for_run(rt, run, failure, "task")
        return
    headers = _headers(task, transition)
    event_type = transition.event.value.upper()
    jobs.create(rt, run, job_type, retries, headers, TASK_LISTENER, event_type, task.user_task_key)


def retry_transition(rt: Runtime, run: Run) -> None:
    """Incident resolution: run the whole transition's listeners again."""
    _advance(rt, run)


def _effective(task: UserTaskRecord, transition: Transition) -> dict[str, Any]:
    values = task_props.current(task)
    values.update(transition.changes)
    values.update(transition.corrections)
    return values


def _changed(task: UserTaskRecord, transition: Transition) -> list[str]:
    original = task_props.current(task)
    changed = [name for name in transition.changes if name in task_props.ATTRIBUTES]
    changed += [
        name
        for name, value in transition.corrections.items()
        if name not in changed and original.get(name) != value
    ]
    return changed


def _headers(task: UserTaskRecord, transition: Transition) -> dict[str, str]:
    values = _effective(task, transition)
    headers = dict(task.custom_headers)
    headers[_PREFIX + "action"] = transition.action
    headers[_PREFIX + "userTaskKey"] = task.user_task_key
    headers[_PREFIX + "priority"] = str(values["priority"])
    headers[_PREFIX + "changedAttributes"] = variables.encode(_changed(task, transition))
    if values["assignee"]:
        headers[_PREFIX + "assignee"] = values["assignee"]
    for name in ("candidateGroups", "candidateUsers"):
        if values[name]:
            headers[_PREFIX + name] = variables.encode(values[name])
    for name in ("dueDate", "followUpDate"):
        if values[name] is not None:
            headers[_PREFIX + name] = iso_ms(values[name])
    if task.form_key:
        headers[_PREFIX + "formKey"] = task.form_key
    return headers


def listener_snapshot(
    rt: Runtime, job: JobRecord, copy: JobRecord, values: dict[str, Any]
) -> ActivatedJob:
    """A task listener job as activated: the task as the listener should see it."""
    task = rt.store.user_tasks.get(job.user_task_key or "")
    run = rt.runs.get(job.element_instance_key)
    if task is None or run is None or not isinstance(run.data, TaskState):
        return ActivatedJob(copy, values)
    snapshot = task_props.copy_task(task)
    transition = run.data.transition
    if transition is None:
        return ActivatedJob(copy, values, snapshot)
    task_props.apply(snapshot, _effective(task, transition))
    return ActivatedJob(
        copy, values, snapshot, transition.action, tuple(_changed(task, transition))
    )


def check_listener_result(job: JobRecord, result: dict[str, Any] | None) -> None:
    """Refuse a listener result Zeebe refuses (deny on creating/canceling, bad corrections)."""
    if result is None:
        return
    if result.get("type", "userTask") != "userTask":
        raise InvalidArgument(
            f"Expected a result of type 'userTask' for task listener job '{job.job_key}', got "
            f"{result.get('type')!r}"
        )
    if result.get("denied") and job.listener_event_type not in {e.value.upper() for e in _DENIABLE}:
        raise InvalidArgument(
            f"Expected to complete task listener job with key '{job.job_key}', but denying "
            f"is not supported for '{job.listener_event_type}' listeners"
        )
    task_props.normalize_all(result.get("corrections"))


def listener_completed(
    rt: Runtime, run: Run, job: JobRecord, result: dict[str, Any] | None
) -> None:
    """A task listener job completed: deny, correct, or go on to the next listener."""
    state, task = _task(rt, run)
    transition = state.transition
    if transition is None:
        return
    if result is not None and result.get("denied"):
        job.is_denied = True
        job.denied_reason = str(result.get("deniedReason") or "")
        _deny(rt, state, task, transition, job.denied_reason)
        return
    if result is not None:
        corrections = task_props.normalize_all(result.get("corrections"))
        if transition.event is TaskListenerEvent.CREATING and state.initial_assignee:
            corrections.pop("assignee", None)  # only assignable when the model names none
        transition.corrections.update(corrections)
    transition.index += 1
    _advance(rt, run)


def _deny(
    rt: Runtime, state: TaskState, task: UserTaskRecord, transition: Transition, reason: str
) -> None:
    state.transition = None
    task.state = CREATED
    future = rt.task_futures.pop(task.user_task_key, None)
    if future is not None:
        rt.reject(
            future,
            InvalidState(
                f"{_DENIED[transition.event]} of the user task with key '{task.user_task_key}' "
                f"was denied by Task Listener. Reason to deny: '{reason}'"
            ),
        )


def _resolve(rt: Runtime, task: UserTaskRecord) -> None:
    future = rt.task_futures.pop(task.user_task_key, None)
    if future is not None:
        rt.resolve(future, None)


def _apply(
    rt: Runtime, run: Run, state: TaskState, task: UserTaskRecord, transition: Transition
) -> None:
    state.transition = None
    event = transition.event
    if event is TaskListenerEvent.CANCELING:
        task.state = CANCELED
        lifecycle.async_done(rt, run)
        return
    if event is TaskListenerEvent.CREATING:
        task_props.apply(task, transition.corrections)
        task.state = CREATED
        if state.initial_assignee and not task.assignee:
            changes = {"assignee": state.initial_assignee}
            begin(rt, run, Transition(TaskListenerEvent.ASSIGNING, "assign", changes))
        return
    if event is TaskListenerEvent.COMPLETING:
        task_props.apply(task, transition.corrections)
        task.state = COMPLETED
        task.completion_date = rt.clock.now()
        _resolve(rt, task)
        if run.handles:
            run.handles.remove(("task", task.user_task_key))
        mappings.deliver_result(rt, run, transition.values)
        lifecycle.complete(rt, run)
        return
    task_props.apply(task, {**transition.changes, **transition.corrections})
    task.state = CREATED
    _resolve(rt, task)


def cancel(rt: Runtime, run: Run, task_key: str) -> None:
    """The user task's element is terminated: run the canceling listeners, then CANCELED."""
    task = rt.store.user_tasks.get(task_key)
    if task is None or task.state in (COMPLETED, CANCELED) or not isinstance(run.data, TaskState):
        return
    future = rt.task_futures.pop(task_key, None)
    if future is not None:
        rt.reject(future, InvalidState(f"The user task with key '{task_key}' was canceled"))
    if not _listeners(run, TaskListenerEvent.CANCELING):
        run.data.transition = None
        task.state = CANCELED
        return
    run.waits += 1
    begin(rt, run, Transition(TaskListenerEvent.CANCELING, "cancel"))
