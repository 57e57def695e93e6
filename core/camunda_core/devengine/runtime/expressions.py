"""Evaluating the model's FEEL-or-static values against a run's variables, with Zeebe's checks.

Each helper names the type it needs; a FEEL failure or a result of the wrong type raises
:class:`StepFailure` with the incident type the caller chose and a message in Zeebe's words
("Expected result of the expression 'x' to be 'STRING', but was 'NULL'.").
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import Expression
from camunda_core.devengine.feel import (
    FeelError,
    YearMonthDuration,
    compile_expression,
    parse_iso_datetime,
    to_json,
)
from camunda_core.devengine.runtime import variables
from camunda_core.devengine.runtime.state import StepFailure

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = [
    "evaluate",
    "evaluate_bool",
    "evaluate_date_ms",
    "evaluate_int",
    "evaluate_json",
    "evaluate_key",
    "evaluate_string",
    "evaluate_string_list",
    "feel_type",
    "parse_date_ms",
]


def feel_type(value: Any) -> str:
    """Zeebe's name for the type of a FEEL value, for error messages."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "BOOLEAN"
    if isinstance(value, (int, float, Decimal)):
        return "NUMBER"
    if isinstance(value, str):
        return "STRING"
    if isinstance(value, (list, tuple)):
        return "ARRAY"
    if isinstance(value, dict):
        return "OBJECT"
    if isinstance(value, datetime):
        return "DATE_TIME"
    if isinstance(value, date):
        return "DATE"
    if isinstance(value, (timedelta, YearMonthDuration)):
        return "DURATION"
    return type(value).__name__.upper()


def evaluate(
    rt: Runtime,
    expression: Expression,
    run: Run | None,
    error_type: str,
    context: Any = None,
) -> Any:
    """The raw value: the static text, or the FEEL result against the run's variables."""
    if not expression.is_feel:
        return expression.source
    if context is None:
        context = variables.view(rt, run) if run is not None else {}
    try:
        return compile_expression(expression.source).evaluate(context, now=rt.clock.now_datetime)
    except FeelError as exc:
        raise StepFailure(
            error_type, f"Expected to evaluate expression '{expression.source}', but {exc}"
        ) from exc


def _fail(error_type: str, expression: Expression, expected: str, value: Any) -> StepFailure:
    return StepFailure(
        error_type,
        f"Expected result of the expression '{expression.source}' to be '{expected}', "
        f"but was '{feel_type(value)}'.",
    )


def evaluate_string(rt: Runtime, expression: Expression, run: Run | None, error_type: str) -> str:
    """A string result (job types, assignees, message names, process ids...)."""
    value = evaluate(rt, expression, run, error_type)
    if isinstance(value, str):
        return value
    raise _fail(error_type, expression, "STRING", value)


def evaluate_key(rt: Runtime, expression: Expression, run: Run, error_type: str) -> str:
    """A correlation key: a string, or a number turned into its text."""
    value = evaluate(rt, expression, run, error_type)
    if isinstance(value, str):
        return value
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(to_json(value))
    raise StepFailure(
        error_type,
        f"Failed to extract the correlation key for '{expression.source}': The value must be "
        f"either a string or a number, but was '{feel_type(value)}'.",
    )


def evaluate_int(rt: Runtime, expression: Expression, run: Run | None, error_type: str) -> int:
    """An integer (retries, priority); a static value must be an integer literal."""
    value = evaluate(rt, expression, run, error_type)
    if isinstance(value, str) and not expression.is_feel:
        try:
            return int(value.strip() or "0")
        except ValueError:
            raise _fail(error_type, expression, "NUMBER", value) from None
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value == int(value):
        return int(value)
    raise _fail(error_type, expression, "NUMBER", value)


def evaluate_bool(rt: Runtime, expression: Expression, run: Run, error_type: str) -> bool:
    """A boolean (conditions, completion conditions); null is an error, as in Zeebe."""
    value = evaluate(rt, expression, run, error_type)
    if isinstance(value, bool):
        return value
    raise _fail(error_type, expression, "BOOLEAN", value)


def evaluate_string_list(
    rt: Runtime, expression: Expression, run: Run, error_type: str
) -> list[str]:
    """A list of strings: a static comma-separated list, or a FEEL list of strings."""
    if not expression.is_feel:
        return list(expression.static_list())
    value = evaluate(rt, expression, run, error_type)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise _fail(error_type, expression, "ARRAY of STRING", value)


def parse_date_ms(text: str) -> int | None:
    """Epoch ms of an ISO 8601 date-time; no offset means UTC; None when not a date-time."""
    try:
        moment = parse_iso_datetime(text)
    except FeelError:
        try:
            moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1000)


def evaluate_date_ms(rt: Runtime, expression: Expression, run: Run, error_type: str) -> int | None:
    """A date-time (due dates): a FEEL date and time or an ISO 8601 string; null -> None."""
    value = evaluate(rt, expression, run, error_type)
    if value is None and expression.is_feel:
        return None
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
        return int(moment.timestamp() * 1000)
    if isinstance(value, str):
        parsed = parse_date_ms(value)
        if parsed is not None:
            return parsed
    raise _fail(error_type, expression, "DATE_TIME", value)


def evaluate_json(rt: Runtime, expression: Expression, run: Run | None, error_type: str) -> Any:
    """A value to store as a variable (FEEL numbers become int/float, temporals text)."""
    return to_json(evaluate(rt, expression, run, error_type))
