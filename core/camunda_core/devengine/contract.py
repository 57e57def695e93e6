"""The seam between the engine runtime and its REST layer.

The runtime implements :class:`EngineAPI`; the REST layer (``devengine.api``) only calls these
methods and reads the records of :class:`EngineStore`. Commands either return at once or
return a ``concurrent.futures.Future`` for what waits (long-poll activation, awaited process
completion, user-task transitions that wait for task listeners); the HTTP side waits on it
with ``asyncio.wrap_future`` (server) or ``future.result()`` (in-process sync transport), so
one runtime serves both. Rejections are :class:`Rejection` subclasses that map one-to-one
onto RFC 9457 problem details.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from camunda_core.devengine.records import (
    DecisionDefinitionRecord,
    DecisionRequirementsRecord,
    DeploymentRecord,
    ElementInstanceRecord,
    FormRecord,
    IncidentRecord,
    JobRecord,
    MessageSubscriptionRecord,
    ProcessDefinitionRecord,
    ProcessInstanceRecord,
    UserTaskRecord,
    VariableRecord,
)

__all__ = [
    "ActivatedJob",
    "CorrelatedMessage",
    "CreatedInstance",
    "DecisionEvaluation",
    "EngineAPI",
    "EngineStore",
    "InvalidArgument",
    "InvalidState",
    "NotFound",
    "Rejection",
    "ResourceExhausted",
    "Timeout",
]


class Rejection(Exception):  # noqa: N818 - named after Zeebe's command rejections
    """A command the engine refuses; becomes a problem detail with this status and title."""

    status: int = 400
    title: str = "INVALID_ARGUMENT"

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(detail)


class InvalidArgument(Rejection):
    """400: the request is malformed or names something that cannot work (invalid BPMN)."""


class NotFound(Rejection):
    """404: no such entity (or no subscription for a correlated message)."""

    status = 404
    title = "NOT_FOUND"


class InvalidState(Rejection):
    """409: the entity is in the wrong state (job not activated, task mid-transition...)."""

    status = 409
    title = "INVALID_STATE"


class ResourceExhausted(Rejection):
    """503: backpressure."""

    status = 503
    title = "RESOURCE_EXHAUSTED"


class Timeout(Rejection):
    """504: a waited-for outcome (awaited completion, task listeners) did not come in time."""

    status = 504
    title = "DEADLINE_EXCEEDED"


@dataclass(frozen=True, slots=True)
class ActivatedJob:
    """A snapshot of a job at activation: the record's values plus the fetched variables."""

    job: JobRecord  # a copy; later changes of the live record do not show here
    variables: dict[str, Any]
    #: For task-listener jobs: a copy of the user task as the listener should see it.
    user_task: UserTaskRecord | None = None
    #: For task-listener jobs: the lifecycle action ("assign", "complete", a custom verb...).
    user_task_action: str | None = None
    #: For task-listener jobs on updates: which attributes changed.
    changed_attributes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CreatedInstance:
    """The result of creating a process instance."""

    instance: ProcessInstanceRecord
    #: Set when awaiting completion: resolves to the root variables (filtered by
    #: fetch_variables), or fails with Timeout when the request timeout passes.
    completion: Future[dict[str, Any]] | None = None


@dataclass(frozen=True, slots=True)
class CorrelatedMessage:
    """The result of correlating a message."""

    message_key: str
    tenant_id: str
    process_instance_key: str


@dataclass(frozen=True, slots=True)
class DecisionEvaluation:
    """The result of evaluating a decision, in the REST ``EvaluateDecisionResult`` terms."""

    decision: DecisionDefinitionRecord
    decision_requirements: DecisionRequirementsRecord
    decision_evaluation_key: str
    output: Any  # JSON-compatible
    evaluated_decisions: list[dict[str, Any]] = field(default_factory=list)
    failed_decision_id: str | None = None
    failure_message: str | None = None


class EngineStore(Protocol):
    """Read-only views of the engine's records, keyed by their key."""

    @property
    def deployments(self) -> Mapping[str, DeploymentRecord]: ...
    @property
    def process_definitions(self) -> Mapping[str, ProcessDefinitionRecord]: ...
    @property
    def decision_requirements(self) -> Mapping[str, DecisionRequirementsRecord]: ...
    @property
    def decision_definitions(self) -> Mapping[str, DecisionDefinitionRecord]: ...
    @property
    def forms(self) -> Mapping[str, FormRecord]: ...
    @property
    def process_instances(self) -> Mapping[str, ProcessInstanceRecord]: ...
    @property
    def element_instances(self) -> Mapping[str, ElementInstanceRecord]: ...
    @property
    def jobs(self) -> Mapping[str, JobRecord]: ...
    @property
    def user_tasks(self) -> Mapping[str, UserTaskRecord]: ...
    @property
    def incidents(self) -> Mapping[str, IncidentRecord]: ...
    @property
    def variables(self) -> Mapping[str, VariableRecord]: ...
    @property
    def message_subscriptions(self) -> Mapping[str, MessageSubscriptionRecord]: ...

    def resource_content(self, resource_key: str) -> bytes:
        """The deployed file (BPMN XML, DMN XML, form JSON) behind a definition."""
        ...


class EngineAPI(Protocol):
    """The commands and reads the REST layer uses. Every method is thread-safe."""

    @property
    def store(self) -> EngineStore:
        """The records; read them only inside ``with engine.reading():``."""
        ...

    def reading(self) -> AbstractContextManager[None]:
        """Hold the engine lock while reading records (the scheduler thread writes too)."""
        ...

    def now(self) -> int:
        """The engine clock, epoch milliseconds."""
        ...

    # --- clock ---------------------------------------------------------------------------
    def pin_clock(self, epoch_ms: int) -> None: ...
    def reset_clock(self) -> None: ...

    # --- deployments ---------------------------------------------------------------------
    def deploy(
        self, resources: Sequence[tuple[str, bytes]], tenant_id: str | None
    ) -> DeploymentRecord:
        """Deploy atomically; raises InvalidArgument naming the file, element id and reason."""
        ...

    def delete_resource(self, resource_key: str) -> None: ...

    # --- process instances -----------------------------------------------------------------
    def create_process_instance(
        self,
        *,
        process_definition_id: str | None = None,
        version: int = -1,
        process_definition_key: str | None = None,
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
        start_before_elements: Sequence[str] = (),
        tags: Sequence[str] = (),
        business_id: str | None = None,
        await_completion: bool = False,
        request_timeout_ms: int = 0,
        fetch_variables: Sequence[str] = (),
    ) -> CreatedInstance: ...

    def cancel_process_instance(self, process_instance_key: str) -> None: ...

    # --- jobs ------------------------------------------------------------------------------
    def activate_jobs(
        self,
        *,
        job_type: str,
        worker: str,
        timeout_ms: int,
        max_jobs: int,
        fetch_variables: Sequence[str] = (),
        tenant_ids: Sequence[str] = (),
        request_timeout_ms: int = 0,
    ) -> Future[list[ActivatedJob]]:
        """Resolves at once when jobs are activatable (or request_timeout_ms < 0), else when
        the first job appears or after request_timeout_ms (0 = the default, 10 s) with []."""
        ...

    def complete_job(
        self,
        job_key: str,
        *,
        variables: Mapping[str, Any] | None = None,
        result: Mapping[str, Any] | None = None,
    ) -> None: ...

    def fail_job(
        self,
        job_key: str,
        *,
        retries: int,
        error_message: str | None = None,
        retry_backoff_ms: int = 0,
        variables: Mapping[str, Any] | None = None,
    ) -> None: ...

    def throw_job_error(
        self,
        job_key: str,
        *,
        error_code: str,
        error_message: str | None = None,
        variables: Mapping[str, Any] | None = None,
    ) -> None: ...

    def update_job(
        self, job_key: str, *, retries: int | None = None, timeout_ms: int | None = None
    ) -> None: ...

    def return_jobs(self, activations: Sequence[tuple[str, int]]) -> None:
        """Make ``(job key, deadline)`` activations whose answer never reached the worker
        activatable again at once, retries untouched (Zeebe's job yield)."""
        ...

    # --- user tasks --------------------------------------------------------------------------
    def assign_user_task(
        self,
        user_task_key: str,
        *,
        assignee: str,
        allow_override: bool = True,
        action: str | None = None,
    ) -> Future[None]: ...

    def unassign_user_task(self, user_task_key: str) -> Future[None]: ...

    def complete_user_task(
        self,
        user_task_key: str,
        *,
        variables: Mapping[str, Any] | None = None,
        action: str | None = None,
    ) -> Future[None]: ...

    def update_user_task(
        self, user_task_key: str, *, changeset: Mapping[str, Any], action: str | None = None
    ) -> Future[None]: ...

    # --- incidents, variables ---------------------------------------------------------------
    def resolve_incident(self, incident_key: str) -> None: ...

    def set_variables(
        self, element_instance_key: str, variables: Mapping[str, Any], *, local: bool = False
    ) -> None: ...

    def visible_variables(self, element_instance_key: str) -> list[VariableRecord]:
        """Every variable visible from a scope, innermost first (for user-task variable search)."""
        ...

    # --- messages, signals, decisions ---------------------------------------------------------
    def publish_message(
        self,
        *,
        name: str,
        correlation_key: str = "",
        time_to_live_ms: int = 0,
        message_id: str | None = None,
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> str:
        """Returns the message key."""
        ...

    def correlate_message(
        self,
        *,
        name: str,
        correlation_key: str = "",
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> CorrelatedMessage: ...

    def broadcast_signal(
        self, *, name: str, variables: Mapping[str, Any] | None = None, tenant_id: str | None = None
    ) -> str:
        """Returns the signal key."""
        ...

    def evaluate_decision(
        self,
        *,
        decision_definition_id: str | None = None,
        decision_definition_key: str | None = None,
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> DecisionEvaluation: ...
