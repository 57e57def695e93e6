"""Suite-wide rules: a clean CAMUNDA_* environment for every test, no skips in CI, and every
dev engine response checked against the official 8.9 spec."""

from __future__ import annotations

import os

import pytest
from spec_check import SpecObserver

from camunda_core.devengine.http import observers as _engine_observers

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
_skipped_in_ci: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """In CI a skipped test is a failure: a skip must never be counted as a pass."""
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _skipped_in_ci.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _skipped_in_ci:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _skipped_in_ci:
        terminalreporter.section("skipped tests fail in CI", red=True)
        for line in _skipped_in_ci:
            terminalreporter.line(line)


@pytest.fixture(autouse=True)
def _clean_camunda_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's own CAMUNDA_*/ZEEBE_* variables."""
    for name in list(os.environ):
        if name.startswith(("CAMUNDA_", "ZEEBE_")) and name != "CAMUNDA_OPENAPI_SPEC":
            monkeypatch.delenv(name)


# --- every dev engine response is checked against the official 8.9 spec -------------------
# One observer for the whole session sees every response of every in-process dev engine
# (and the engines' servers in this process). A response that does not fit the spec fails
# the test that caused it: in its call phase, or at teardown when a fixture caused it.
# Engines in subprocesses run ``--observer spec_check:strict_observer`` instead.

SPEC_OBSERVER = SpecObserver()


def pytest_configure(config: pytest.Config) -> None:
    _engine_observers.register(SPEC_OBSERVER)


def pytest_unconfigure(config: pytest.Config) -> None:
    _engine_observers.unregister(SPEC_OBSERVER)


def _spec_failure(violations: list[str]) -> str:
    shown = "\n".join(f"  {line}" for line in violations[:20])
    more = f"\n  ... and {len(violations) - 20} more" if len(violations) > 20 else ""
    return f"dev engine responses that do not fit the 8.9 spec:\n{shown}{more}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> object:
    result = yield
    violations = SPEC_OBSERVER.take()
    if violations:
        raise AssertionError(_spec_failure(violations))
    return result


@pytest.fixture(autouse=True)
def _dev_engine_responses_fit_the_spec() -> object:
    """Violations from fixtures (seeding, teardown) fail the test too."""
    SPEC_OBSERVER.take()
    yield
    violations = SPEC_OBSERVER.take()
    if violations:
        pytest.fail(_spec_failure(violations), pytrace=False)
