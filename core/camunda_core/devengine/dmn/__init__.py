"""DMN decisions for the dev engine, evaluated the way Camunda 8 does.

``parse_dmn`` compiles a DMN 1.1-1.5 file (decision tables and literal expressions) into a
:class:`DecisionRequirementsGraph`; ``evaluate_decision`` runs one decision of it, required
decisions first, and reports the output plus an audit of every decision evaluated.
See docs/devengine/dmn.md.
"""

from __future__ import annotations

from .errors import DmnError, DmnEvaluationError, DmnParseError
from .evaluator import evaluate_decision
from .model import (
    Aggregation,
    Decision,
    DecisionKind,
    DecisionRequirementsGraph,
    DecisionTable,
    HitPolicy,
    InputClause,
    InputData,
    LiteralExpression,
    OutputClause,
    Rule,
)
from .parser import parse_dmn
from .results import (
    DecisionEvaluationResult,
    EvaluatedDecision,
    EvaluatedInput,
    EvaluatedOutput,
    MatchedRule,
)

__all__ = [
    "Aggregation",
    "Decision",
    "DecisionEvaluationResult",
    "DecisionKind",
    "DecisionRequirementsGraph",
    "DecisionTable",
    "DmnError",
    "DmnEvaluationError",
    "DmnParseError",
    "EvaluatedDecision",
    "EvaluatedInput",
    "EvaluatedOutput",
    "HitPolicy",
    "InputClause",
    "InputData",
    "LiteralExpression",
    "MatchedRule",
    "OutputClause",
    "Rule",
    "evaluate_decision",
    "parse_dmn",
]
