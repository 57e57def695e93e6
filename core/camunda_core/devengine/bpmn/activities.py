"""The activities: tasks, sub-processes and call activities.

Job-based behaviour is always carried by a ``job`` field (:class:`JobDefinition`), so the engine
can treat every job-based activity alike through :meth:`FlowNode.job_definition`.
"""

from __future__ import annotations

from dataclasses import dataclass

from camunda_core.devengine.bpmn.events import MessageDefinition
from camunda_core.devengine.bpmn.expression import Expression
from camunda_core.devengine.bpmn.nodes import FlowNode
from camunda_core.devengine.bpmn.parts import (
    AssignmentDefinition,
    CalledDecision,
    CalledElement,
    FormLink,
    JobDefinition,
    MultiInstance,
    Script,
    TaskListener,
    TaskSchedule,
)

__all__ = [
    "Activity",
    "BusinessRuleTask",
    "CallActivity",
    "ManualTask",
    "ReceiveTask",
    "ScriptTask",
    "SendTask",
    "ServiceTask",
    "SubProcess",
    "Task",
    "UserTask",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity(FlowNode):
    """Base of the activities.

    ``multi_instance`` is set for a multi-instance activity. ``boundary_event_ids`` lists the
    boundary events attached to it, in file order.
    """

    multi_instance: MultiInstance | None = None
    boundary_event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Task(Activity):
    """Base of the tasks."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceTask(Task):
    """A job for a worker."""

    job: JobDefinition


@dataclass(frozen=True, slots=True, kw_only=True)
class SendTask(Task):
    """A job for a worker (the worker sends the message)."""

    job: JobDefinition


@dataclass(frozen=True, slots=True, kw_only=True)
class ScriptTask(Task):
    """Exactly one of: ``script`` (FEEL evaluated by the engine) or ``job`` (a worker)."""

    script: Script | None = None
    job: JobDefinition | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BusinessRuleTask(Task):
    """Exactly one of: ``called_decision`` (DMN evaluated by the engine) or ``job``."""

    called_decision: CalledDecision | None = None
    job: JobDefinition | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UserTask(Task):
    """A user task.

    With ``zeebe:userTask`` (``is_camunda_user_task``) the engine manages the task itself and
    ``job`` is None; ``task_listeners`` and ``priority`` apply only to this kind.

    Without it, it is a job-worker user task: ``job`` has type ``io.camunda.zeebe:userTask``,
    one retry, and ``headers`` plus ``io.camunda.zeebe:formKey`` as static headers. The engine
    adds the evaluated assignment and schedule as headers when it creates the job
    (``HEADER_ASSIGNEE``, ``HEADER_CANDIDATE_GROUPS`` and ``HEADER_CANDIDATE_USERS`` as JSON
    lists, ``HEADER_DUE_DATE``, ``HEADER_FOLLOW_UP_DATE``, see ``parts``).
    """

    is_camunda_user_task: bool
    assignment: AssignmentDefinition | None = None
    schedule: TaskSchedule | None = None
    priority: Expression | None = None
    form: FormLink | None = None
    task_listeners: tuple[TaskListener, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    job: JobDefinition | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReceiveTask(Task):
    """Waits for ``message`` (name and correlation key always set)."""

    message: MessageDefinition


@dataclass(frozen=True, slots=True, kw_only=True)
class ManualTask(Task):
    """``manualTask`` or an undefined ``task``: passes straight through."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SubProcess(Activity):
    """An embedded sub-process, or an event sub-process when ``triggered_by_event``.

    ``start_event_id`` is its only start event: a none start event for an embedded
    sub-process, the triggering start event for an event sub-process. Its children are
    ``ProcessModel.children(sub_process.id)``.
    """

    start_event_id: str
    triggered_by_event: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CallActivity(Activity):
    """Starts an instance of another process (``called_element``)."""

    called_element: CalledElement
