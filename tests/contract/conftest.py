"""The official spec for the contract tests, and the report of what they covered.

Without the spec a local run skips the spec tests with the reason; CI fails them, because a
contract that silently stops being checked is worse than none.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openapi_schema import SchemaTools
from openapi_spec import Spec, SpecMissingError, find_spec, in_ci, legacy_spec_path


@dataclass
class ContractReport:
    """What the spec tests checked, printed at the end of the run."""

    counts: Counter[str] = field(default_factory=Counter)
    operations: set[str] = field(default_factory=set)
    quirks: set[str] = field(default_factory=set)


REPORT = ContractReport()


@pytest.fixture(scope="session")
def contract_report() -> ContractReport:
    """The session's report; tests count what they validated."""
    return REPORT


@pytest.fixture(scope="session")
def spec_path() -> Path:
    """The 8.9 bundle: fail in CI, skip locally, when it cannot be found."""
    try:
        return find_spec(os.environ)
    except SpecMissingError as missing:
        if in_ci(os.environ):
            pytest.fail(f"CI must run the contract tests: {missing}", pytrace=False)
        pytest.skip(str(missing))


@pytest.fixture(scope="session")
def spec(spec_path: Path) -> Spec:
    """The 8.9 operations."""
    return Spec.load(spec_path)


@pytest.fixture(scope="session")
def schema_tools(spec: Spec) -> Iterator[SchemaTools]:
    """Validators and samples for the 8.9 schemas."""
    tools = SchemaTools(spec.schemas)
    yield tools
    REPORT.quirks.update(tools.quirks)


@pytest.fixture(scope="session")
def legacy_spec(spec_path: Path) -> Spec:
    """The 8.8 spec beside the bundle, for the tolerance check (skipped when absent)."""
    path = legacy_spec_path(spec_path)
    if not path.is_file():
        pytest.skip(f"the 8.8 spec is not beside the 8.9 bundle ({path}); 8.9-derived checks ran")
    return Spec.load(path)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not REPORT.counts:
        return
    terminalreporter.section("REST v2 contract (official 8.9 spec)")
    terminalreporter.line(f"operations covered and validated: {len(REPORT.operations)}")
    for name, count in sorted(REPORT.counts.items()):
        terminalreporter.line(f"{name}: {count}")
    if REPORT.quirks:
        terminalreporter.line("spec quirks worked around: " + ", ".join(sorted(REPORT.quirks)))
