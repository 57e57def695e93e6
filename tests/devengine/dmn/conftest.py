"""Fixtures for the DMN tests: the authored fixture files and a builder for small models."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest

from camunda_core.devengine.dmn import DecisionRequirementsGraph, parse_dmn

FIXTURES = Path(__file__).parent / "fixtures"
DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/"


@pytest.fixture
def load_fixture() -> Callable[[str], DecisionRequirementsGraph]:
    """Parse one of the DMN files in ``fixtures/`` by file name."""

    def load(name: str) -> DecisionRequirementsGraph:
        return parse_dmn((FIXTURES / name).read_bytes(), name)

    return load


@pytest.fixture
def dmn_document() -> Callable[..., str]:
    """A DMN document around ``body`` (the XML of decisions and input data)."""

    def build(body: str, *, namespace: str = DMN13, definitions_id: str = "defs") -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<definitions xmlns="{namespace}" id="{definitions_id}" name="Test" '
            f'namespace="http://example.com/test">\n{body}\n</definitions>\n'
        )

    return build


@pytest.fixture
def simple_table() -> Callable[..., str]:
    """The XML of one decision table with one input ``x`` and one output; rules as given."""

    def build(
        rules: str,
        *,
        decision_id: str = "d",
        hit_policy: str = "UNIQUE",
        extra_table_attributes: str = "",
        input_expression: str = "x",
    ) -> str:
        return (
            f'<decision id="{decision_id}" name="Decision {decision_id}">'
            f'<decisionTable id="{decision_id}_table" hitPolicy="{hit_policy}" '
            f"{extra_table_attributes}>"
            f'<input id="{decision_id}_in" label="X"><inputExpression id="{decision_id}_ie">'
            f"<text>{input_expression}</text></inputExpression></input>"
            f'<output id="{decision_id}_out" name="result" />'
            f"{rules}</decisionTable></decision>"
        )

    return build


@pytest.fixture
def fixed_clock() -> Callable[[], datetime]:
    return lambda: datetime(2024, 5, 17, 10, 30, tzinfo=timezone.utc)
