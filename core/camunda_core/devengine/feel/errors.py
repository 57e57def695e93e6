"""The FEEL exception tree: syntax errors at compile time, evaluation errors at run time."""

from __future__ import annotations

from camunda_core.errors import CamundaError


class FeelError(CamundaError):
    """Base of every FEEL failure, so the engine can catch one type and raise an incident."""


class FeelSyntaxError(FeelError):
    """The source text is not valid FEEL; says what is wrong, where, and the offending token."""

    def __init__(
        self,
        reason: str,
        source: str,
        position: int | None = None,
        token: str | None = None,
    ) -> None:
        self.reason = reason
        self.source = source
        self.position = position
        self.token = token
        self.line: int | None = None
        self.column: int | None = None
        if position is not None:
            self.line = source.count("\n", 0, position) + 1
            self.column = position - (source.rfind("\n", 0, position) + 1) + 1
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = "" if self.position is None else f" at line {self.line}, column {self.column}"
        found = "" if self.token is None else f" (found {self.token!r})"
        return f"{self.reason}{where}{found} in {self.source!r}"


class FeelEvaluationError(FeelError):
    """Evaluation failed for a reason the engine must report (not a plain null result)."""

    def __init__(self, reason: str, expression: str | None = None) -> None:
        self.reason = reason
        self.expression = expression
        message = reason if expression is None else f"failed to evaluate {expression!r}: {reason}"
        super().__init__(message)
