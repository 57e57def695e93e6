"""FEEL (Friendly Enough Expression Language) for the dev engine, as Camunda 8 evaluates it.

Compile once, evaluate many times::

    expression = compile_expression("amount > 100")
    expression.evaluate({"amount": 250})  # True

See docs/devengine/feel.md for what is supported and how it differs from feel-scala.
"""

from __future__ import annotations

from .errors import FeelError, FeelEvaluationError, FeelSyntaxError
from .expression import (
    FeelExpression,
    FeelUnaryTests,
    compile_expression,
    compile_unary_tests,
    evaluate,
)
from .functions import FeelFunction
from .json_values import to_json
from .ranges import FeelRange
from .temporal import (
    CalendarDuration,
    Cycle,
    IsoDuration,
    YearMonthDuration,
    add_duration,
    parse_iso_cycle,
    parse_iso_datetime,
    parse_iso_duration,
)

__all__ = [
    "CalendarDuration",
    "Cycle",
    "FeelError",
    "FeelEvaluationError",
    "FeelExpression",
    "FeelFunction",
    "FeelRange",
    "FeelSyntaxError",
    "FeelUnaryTests",
    "IsoDuration",
    "YearMonthDuration",
    "add_duration",
    "compile_expression",
    "compile_unary_tests",
    "evaluate",
    "parse_iso_cycle",
    "parse_iso_datetime",
    "parse_iso_duration",
    "to_json",
]
