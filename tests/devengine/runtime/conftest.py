"""Fixtures of the runtime tests: an engine on a pinned clock and a harness that drives it.

Everything runs at the Python API (no HTTP). The clock is pinned, so timers, deadlines and
back-offs move only when a test moves the clock: no test sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from corpus_driver import SUMMARY_KEY
from runtime_harness import T0, Harness

from camunda_core.devengine.runtime import Engine


@pytest.fixture
def engine() -> Iterator[Engine]:
    """A fresh engine on a pinned clock (2024-01-01T00:00:00Z)."""
    with Engine() as instance:
        instance.pin_clock(T0)
        yield instance


@pytest.fixture
def h(engine: Engine) -> Harness:
    """The harness around the engine."""
    return Harness(engine)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Print what the runtime corpus tests did (deploy and run counts, reasons)."""
    lines = config.stash.get(SUMMARY_KEY, [])
    if lines:
        terminalreporter.section("runtime corpus")
        for line in lines:
            terminalreporter.line(line)
