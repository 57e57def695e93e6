"""The job a handler receives: the activated job's data, and actions that choose the outcome.

Actions do not send anything themselves: they record the outcome, and the worker sends it
once after the handler returns (or, under Celery, the task does). So a handler that completes
or fails its job itself never causes a second, conflicting command.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from camunda_core.models.jobs import (
    ActivatedJob,
    JobKind,
    JobListenerEventType,
    JobResultCorrections,
    UserTaskJobResult,
    UserTaskProperties,
)
from camunda_core.worker.outcomes import Complete, Fail, Outcome, ThrowError, backoff_ms

__all__ = ["Job"]


class Job:
    """An activated job, as handed to a handler (declare a parameter ``job: Job``)."""

    __slots__ = ("_outcome", "activated")

    def __init__(self, activated: ActivatedJob) -> None:
        self.activated = activated
        self._outcome: Outcome | None = None

    def __repr__(self) -> str:
        return f"<Job {self.key} type={self.type!r} element={self.element_id!r} retries={self.retries}>"

    # --- the job's data ---------------------------------------------------------------------
    @property
    def key(self) -> str:
        """The job key."""
        return self.activated.job_key

    @property
    def type(self) -> str:
        """The job type (the service task's ``zeebe:taskDefinition type``)."""
        return self.activated.type

    @property
    def variables(self) -> dict[str, Any]:
        """The variables fetched with the job."""
        return self.activated.variables

    @property
    def headers(self) -> dict[str, Any]:
        """The task headers of the element (``zeebe:taskHeaders``)."""
        return self.activated.custom_headers

    @property
    def retries(self) -> int:
        """Retries left."""
        return self.activated.retries

    @property
    def deadline(self) -> datetime:
        """When the lock on this job ends (UTC)."""
        return self.activated.deadline_at

    @property
    def process_instance_key(self) -> str:
        """The process instance the job belongs to."""
        return self.activated.process_instance_key

    @property
    def process_definition_id(self) -> str:
        """The BPMN process id."""
        return self.activated.process_definition_id

    @property
    def element_id(self) -> str:
        """The BPMN element that created the job."""
        return self.activated.element_id

    @property
    def element_instance_key(self) -> str:
        """The element instance that created the job."""
        return self.activated.element_instance_key

    @property
    def tenant_id(self) -> str:
        """The tenant of the job."""
        return self.activated.tenant_id

    @property
    def kind(self) -> JobKind:
        """``BPMN_ELEMENT`` for service tasks; ``TASK_LISTENER``/``EXECUTION_LISTENER`` for listeners."""
        return self.activated.kind

    @property
    def listener_event_type(self) -> JobListenerEventType:
        """For listener jobs, the lifecycle event (``ASSIGNING``, ``COMPLETING``, ...)."""
        return self.activated.listener_event_type

    @property
    def user_task(self) -> UserTaskProperties | None:
        """For task-listener jobs, the user task being changed."""
        return self.activated.user_task

    # --- actions --------------------------------------------------------------------------------
    @property
    def outcome(self) -> Outcome | None:
        """The outcome chosen by an action, if any."""
        return self._outcome

    def complete(self, variables: Mapping[str, Any] | None = None) -> None:
        """Complete the job with ``variables``."""
        self._choose(Complete(dict(variables) if variables is not None else None))

    def fail(
        self,
        message: str,
        *,
        retries: int | None = None,
        retry_backoff: float | timedelta | None = None,
        variables: Mapping[str, Any] | None = None,
    ) -> None:
        """Fail the job (``retries`` left, default one less than now)."""
        self._choose(
            Fail(
                retries=self.retries - 1 if retries is None else retries,
                message=message,
                retry_backoff_ms=backoff_ms(retry_backoff) or 0,
                variables=dict(variables) if variables is not None else None,
            )
        )

    def throw_error(
        self, code: str, message: str = "", variables: Mapping[str, Any] | None = None
    ) -> None:
        """Throw a BPMN error with ``code`` from the job's element."""
        self._choose(
            ThrowError(code, message or None, dict(variables) if variables is not None else None)
        )

    def deny(self, reason: str = "") -> None:
        """Task listeners: refuse the user-task transition (assigning, updating, completing)."""
        self._require_task_listener("deny")
        self._choose(Complete(result=UserTaskJobResult(denied=True, denied_reason=reason or None)))

    def correct(self, **corrections: Any) -> None:
        """Task listeners: correct the user task (assignee, due_date, follow_up_date,
        candidate_users, candidate_groups, priority); ``""``/``[]`` clears a value."""
        self._require_task_listener("correct")
        fixes = JobResultCorrections(**corrections)
        self._choose(Complete(result=UserTaskJobResult(denied=False, corrections=fixes)))

    def _require_task_listener(self, action: str) -> None:
        if self.kind != JobKind.TASK_LISTENER:
            raise ValueError(f"job.{action}() is only for task-listener jobs (this is {self.kind})")

    def _choose(self, outcome: Outcome) -> None:
        if self._outcome is not None:
            raise RuntimeError(
                f"job {self.key} already has an outcome ({type(self._outcome).__name__}); "
                "a job is completed, failed or errored once"
            )
        self._outcome = outcome
