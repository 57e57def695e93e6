"""Value objects for the Zeebe extension elements (``zeebe:*``) that drive behaviour.

They are shared by several element kinds (a job definition belongs to service tasks, send
tasks, message throw events...), so they live apart from the flow node classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from camunda_core.devengine.bpmn.expression import Expression

__all__ = [
    "DEFAULT_JOB_RETRIES",
    "EMBEDDED_FORM_KEY_PREFIX",
    "HEADER_ASSIGNEE",
    "HEADER_CANDIDATE_GROUPS",
    "HEADER_CANDIDATE_USERS",
    "HEADER_DUE_DATE",
    "HEADER_FOLLOW_UP_DATE",
    "HEADER_FORM_KEY",
    "RESERVED_HEADER_PREFIX",
    "USER_TASK_JOB_RETRIES",
    "USER_TASK_JOB_TYPE",
    "AssignmentDefinition",
    "BindingType",
    "CalledDecision",
    "CalledElement",
    "EmbeddedForm",
    "ExecutionListener",
    "ExecutionListenerEvent",
    "FormLink",
    "IoMapping",
    "JobDefinition",
    "MultiInstance",
    "Script",
    "TaskListener",
    "TaskListenerEvent",
    "TaskSchedule",
]

DEFAULT_JOB_RETRIES = "3"
"""Retries of a job when ``retries`` is absent or empty (old files write ``retries=""``)."""

USER_TASK_JOB_TYPE = "io.camunda.zeebe:userTask"
"""Job type of a job-worker user task (a user task without ``zeebe:userTask``)."""

USER_TASK_JOB_RETRIES = "1"
"""Zeebe creates job-worker user task jobs with one retry."""

RESERVED_HEADER_PREFIX = "io.camunda.zeebe:"
HEADER_FORM_KEY = "io.camunda.zeebe:formKey"
HEADER_ASSIGNEE = "io.camunda.zeebe:assignee"
HEADER_CANDIDATE_GROUPS = "io.camunda.zeebe:candidateGroups"
HEADER_CANDIDATE_USERS = "io.camunda.zeebe:candidateUsers"
HEADER_DUE_DATE = "io.camunda.zeebe:dueDate"
HEADER_FOLLOW_UP_DATE = "io.camunda.zeebe:followUpDate"

EMBEDDED_FORM_KEY_PREFIX = "camunda-forms:bpmn:"
"""``formKey="camunda-forms:bpmn:<id>"`` points at a ``zeebe:userTaskForm`` of the process."""


@dataclass(frozen=True, slots=True)
class JobDefinition:
    """A job the engine creates for a worker (``zeebe:taskDefinition`` + ``zeebe:taskHeaders``).

    ``retries`` is static ``"3"`` when the file leaves it out or empty. ``headers`` keeps the
    file's order; headers with an empty key or value are dropped, as Zeebe does.
    """

    type: Expression
    retries: Expression
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def static_type(self) -> str | None:
        """The job type when it is static, None when it is FEEL."""
        return self.type.source if self.type.is_static else None

    @property
    def custom_headers(self) -> dict[str, str]:
        """The headers as a new dict (what a worker receives as custom headers)."""
        return dict(self.headers)


@dataclass(frozen=True, slots=True)
class IoMapping:
    """One ``zeebe:input`` or ``zeebe:output``, applied in file order.

    ``source`` None means the mapping sets the target to null. A static input source is a string
    literal (``source="20"`` maps the string ``"20"``). ``target`` may be a dotted path.
    """

    source: Expression | None
    target: str

    @property
    def target_path(self) -> tuple[str, ...]:
        """The target split on dots: ``"a.b"`` -> ``("a", "b")``."""
        return tuple(self.target.split("."))


class ExecutionListenerEvent(str, Enum):
    """When an execution listener job runs: before the element starts or after it ends."""

    START = "start"
    END = "end"


@dataclass(frozen=True, slots=True)
class ExecutionListener:
    """A ``zeebe:executionListener``: a blocking job of ``type`` at ``event_type``."""

    event_type: ExecutionListenerEvent
    type: Expression
    retries: Expression


class TaskListenerEvent(str, Enum):
    """User task lifecycle transitions a task listener can block (legacy names are mapped)."""

    CREATING = "creating"
    ASSIGNING = "assigning"
    UPDATING = "updating"
    COMPLETING = "completing"
    CANCELING = "canceling"


@dataclass(frozen=True, slots=True)
class TaskListener:
    """A ``zeebe:taskListener`` of a Camunda user task: a blocking job at ``event_type``."""

    event_type: TaskListenerEvent
    type: Expression
    retries: Expression


@dataclass(frozen=True, slots=True)
class MultiInstance:
    """``multiInstanceLoopCharacteristics`` + ``zeebe:loopCharacteristics``.

    ``input_collection`` and ``output_element`` are always FEEL; ``input_element`` and
    ``output_collection`` are variable names. ``output_collection`` and ``output_element`` are
    both set or both None.
    """

    is_sequential: bool
    input_collection: Expression
    input_element: str | None = None
    output_collection: str | None = None
    output_element: Expression | None = None
    completion_condition: Expression | None = None


@dataclass(frozen=True, slots=True)
class AssignmentDefinition:
    """``zeebe:assignmentDefinition``; static candidate lists are comma-separated values.

    A static assignee is a plain string; static candidate groups/users are read with
    :meth:`Expression.static_list`; FEEL candidates must evaluate to a list of strings.
    """

    assignee: Expression | None = None
    candidate_groups: Expression | None = None
    candidate_users: Expression | None = None


@dataclass(frozen=True, slots=True)
class TaskSchedule:
    """``zeebe:taskSchedule``; static values are ISO 8601 date-times (checked at deploy)."""

    due_date: Expression | None = None
    follow_up_date: Expression | None = None


class BindingType(str, Enum):
    """Which version of a called process, decision or linked form is used."""

    LATEST = "latest"
    DEPLOYMENT = "deployment"
    VERSION_TAG = "versionTag"


@dataclass(frozen=True, slots=True)
class FormLink:
    """``zeebe:formDefinition`` on a user task or a none start event.

    Exactly one of ``form_id`` (a deployed ``.form``), ``form_key`` (job-worker user tasks;
    ``camunda-forms:bpmn:<id>`` points at an embedded form) or ``external_reference`` (Camunda
    user tasks; an opaque reference for a custom task UI) is set.
    """

    form_id: Expression | None = None
    form_key: str | None = None
    external_reference: Expression | None = None
    binding_type: BindingType = BindingType.LATEST
    version_tag: str | None = None

    @property
    def embedded_form_id(self) -> str | None:
        """The ``zeebe:userTaskForm`` id a ``camunda-forms:bpmn:<id>`` form key points at."""
        if self.form_key and self.form_key.startswith(EMBEDDED_FORM_KEY_PREFIX):
            return self.form_key[len(EMBEDDED_FORM_KEY_PREFIX) :]
        return None


@dataclass(frozen=True, slots=True)
class CalledDecision:
    """``zeebe:calledDecision``: evaluate a DMN decision and store it in ``result_variable``."""

    decision_id: Expression
    result_variable: str
    binding_type: BindingType = BindingType.LATEST
    version_tag: str | None = None


@dataclass(frozen=True, slots=True)
class Script:
    """``zeebe:script``: evaluate the FEEL ``expression`` into ``result_variable``."""

    expression: Expression
    result_variable: str


@dataclass(frozen=True, slots=True)
class CalledElement:
    """``zeebe:calledElement`` of a call activity (both propagation flags default to true)."""

    process_id: Expression
    propagate_all_child_variables: bool = True
    propagate_all_parent_variables: bool = True
    binding_type: BindingType = BindingType.LATEST
    version_tag: str | None = None


@dataclass(frozen=True, slots=True)
class EmbeddedForm:
    """A ``zeebe:userTaskForm`` of a process: a form JSON kept as written (not validated)."""

    process_id: str
    form_id: str
    schema_text: str

    @property
    def form_key(self) -> str:
        """The form key user tasks use to reference this form."""
        return f"{EMBEDDED_FORM_KEY_PREFIX}{self.form_id}"
