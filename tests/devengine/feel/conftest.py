"""Fixtures for the FEEL tests: evaluation with a fixed clock, results as JSON values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any

import pytest

from camunda_core.devengine.feel import evaluate, to_json

FIXED_NOW = datetime(2024, 5, 17, 10, 30, tzinfo=timezone.utc)  # a Friday

Feel = Callable[..., Any]


@pytest.fixture
def fixed_now() -> datetime:
    return FIXED_NOW


@pytest.fixture
def raw_feel() -> Feel:
    """Evaluate FEEL and return the FEEL value itself (Decimal, date, ...)."""

    def run(source: str, context: Mapping[str, Any] | None = None) -> Any:
        return evaluate(source, context or {}, now=lambda: FIXED_NOW)

    return run


@pytest.fixture
def feel(raw_feel: Feel) -> Feel:
    """Evaluate FEEL and return the value as the engine stores it (``to_json``)."""

    def run(source: str, context: Mapping[str, Any] | None = None) -> Any:
        return to_json(raw_feel(source, context))

    return run
