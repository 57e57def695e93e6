"""DMN failures: a model that cannot be deployed, or a decision that cannot be evaluated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.errors import CamundaError

if TYPE_CHECKING:
    from .results import EvaluatedDecision


class DmnError(CamundaError):
    """Base of the DMN errors."""


class DmnParseError(DmnError):
    """The file is not a DMN model the engine can run; names the file, element and reason."""

    def __init__(self, resource_name: str, element_id: str | None, reason: str) -> None:
        self.resource_name = resource_name
        self.element_id = element_id
        self.reason = reason
        where = f" (element '{element_id}')" if element_id else ""
        super().__init__(f"{resource_name}{where}: {reason}")


class DmnEvaluationError(DmnError):
    """Evaluating a decision failed; the engine turns this into an incident.

    ``decision_id`` is the decision that was asked for, ``failed_decision_id`` the one that
    failed (a required decision, or the same), ``evaluated_decisions`` what succeeded before.
    """

    def __init__(
        self,
        decision_id: str,
        message: str,
        *,
        failed_decision_id: str | None = None,
        evaluated_decisions: list[EvaluatedDecision] | None = None,
    ) -> None:
        self.decision_id = decision_id
        self.failed_decision_id = failed_decision_id or decision_id
        self.failure_message = message
        self.evaluated_decisions = list(evaluated_decisions or [])
        super().__init__(message)
