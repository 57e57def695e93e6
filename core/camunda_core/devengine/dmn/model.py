"""The parsed, compiled form of a DMN decision requirements graph (what evaluation walks)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from camunda_core.devengine.feel import FeelExpression, FeelUnaryTests


class DecisionKind(str, Enum):
    """The decision logic kinds Camunda 8 supports (values as its API names them)."""

    DECISION_TABLE = "DECISION_TABLE"
    LITERAL_EXPRESSION = "LITERAL_EXPRESSION"


class HitPolicy(str, Enum):
    UNIQUE = "UNIQUE"
    FIRST = "FIRST"
    PRIORITY = "PRIORITY"
    ANY = "ANY"
    COLLECT = "COLLECT"
    RULE_ORDER = "RULE ORDER"
    OUTPUT_ORDER = "OUTPUT ORDER"


class Aggregation(str, Enum):
    SUM = "SUM"
    MIN = "MIN"
    MAX = "MAX"
    COUNT = "COUNT"


@dataclass(frozen=True, slots=True)
class InputClause:
    id: str
    label: str | None
    expression_text: str
    expression: FeelExpression
    type_ref: str | None = None

    @property
    def name(self) -> str:
        """The name Camunda reports for the input: its label, else the expression text."""
        return self.label or self.expression_text


@dataclass(frozen=True, slots=True)
class OutputClause:
    id: str
    name: str
    label: str | None
    type_ref: str | None = None
    #: Allowed values in their order (``outputValues``); only PRIORITY/OUTPUT ORDER use them.
    priorities: tuple[Any, ...] = ()
    default_output: FeelExpression | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    index: int  # 1-based position in the table
    input_entries: tuple[FeelUnaryTests, ...]
    output_entries: tuple[FeelExpression | None, ...]  # None: empty entry, gives null


@dataclass(frozen=True, slots=True)
class DecisionTable:
    id: str | None
    hit_policy: HitPolicy
    aggregation: Aggregation | None
    inputs: tuple[InputClause, ...]
    outputs: tuple[OutputClause, ...]
    rules: tuple[Rule, ...]


@dataclass(frozen=True, slots=True)
class LiteralExpression:
    id: str | None
    text: str
    expression: FeelExpression


@dataclass(frozen=True, slots=True)
class InputData:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Decision:
    id: str
    name: str
    kind: DecisionKind
    logic: DecisionTable | LiteralExpression
    #: Ids of the decisions whose results this one reads (evaluated first).
    required_decisions: tuple[str, ...] = ()
    #: Ids of the ``inputData`` elements it reads (documentation: inputs are variables).
    required_inputs: tuple[str, ...] = ()
    #: The ``variable`` name of the decision (its result name); the id when absent.
    variable_name: str = ""


@dataclass(frozen=True, slots=True)
class DecisionRequirementsGraph:
    """One DMN file: its ``definitions`` id and name, decisions in document order."""

    id: str
    name: str
    namespace: str | None
    resource_name: str
    decisions: Mapping[str, Decision] = field(default_factory=dict)
    input_data: Mapping[str, InputData] = field(default_factory=dict)
    dmn_version: str = "1.3"

    def decision(self, decision_id: str) -> Decision:
        """The decision with this id; KeyError when the graph has none."""
        return self.decisions[decision_id]
