"""Deploy-time refusals of a BPMN file: every problem names the file, the element and the reason.

A refused file raises one :class:`BpmnDeployError` carrying all of its problems, so a modeler fixes
everything in one round instead of one error per deployment attempt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from camunda_core.errors import CamundaError

__all__ = ["BpmnDeployError", "BpmnProblem"]


@dataclass(frozen=True, slots=True)
class BpmnProblem:
    """One reason why a file cannot be deployed.

    ``element_id`` and ``element_type`` (``"bpmn:serviceTask"``, ``"zeebe:taskDefinition"``) are
    None for problems of the file as a whole (malformed XML, a forbidden DOCTYPE).
    """

    resource_name: str
    element_id: str | None
    element_type: str | None
    reason: str

    def __str__(self) -> str:
        if self.element_id is not None:
            kind = f" ({self.element_type})" if self.element_type else ""
            return f"{self.resource_name}: element '{self.element_id}'{kind}: {self.reason}"
        if self.element_type is not None:
            return f"{self.resource_name}: {self.element_type}: {self.reason}"
        return f"{self.resource_name}: {self.reason}"


class BpmnDeployError(CamundaError, ValueError):
    """The file cannot be deployed; ``problems`` lists every reason found, in document order."""

    def __init__(self, problems: Iterable[BpmnProblem]) -> None:
        self.problems: list[BpmnProblem] = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def resource_name(self) -> str | None:
        """The file the problems belong to (None only for an empty problem list)."""
        return self.problems[0].resource_name if self.problems else None

    def __reduce__(self) -> tuple[Any, ...]:
        # The constructor takes problems, not the message: pickle needs to be told.
        return (type(self), (self.problems,))
