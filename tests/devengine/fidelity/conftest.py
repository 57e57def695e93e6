"""The fidelity tests' terminal summary: the corpus counts over HTTP, with every reason."""

from __future__ import annotations

import pytest
from corpus_report import REPORT_KEY


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Print what the corpus did over HTTP (deployed / refused / completed / not completed)."""
    report = config.stash.get(REPORT_KEY, None)
    if report is not None:
        terminalreporter.section("BPMN corpus over HTTP")
        for line in report.summary_lines():
            terminalreporter.line(line)
