"""The Django site's tests (``site_tests/``), run in a pytest process of their own.

One outer test per inner test function, so a failure here names the inner test and shows its
report. The inner run uses the example's settings (``shop.settings``), a state folder in a
temporary directory and the SQLite default (``DATABASE_URL`` is not passed on).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[1]
INNER = HERE / "site_tests"
SITE = REPOSITORY / "example_project" / "django_site"
RUN_TIMEOUT = 240

pytestmark = [pytest.mark.slow, pytest.mark.timeout(RUN_TIMEOUT + 30)]


def _inner_tests() -> list[str]:
    """``module::function`` of every test function in ``site_tests/`` (read, not imported)."""
    names = []
    for path in sorted(INNER.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names += [
            f"{path.stem}::{node.name}"
            for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.name.startswith("test_")
        ]
    return names


@dataclass
class InnerRun:
    """The inner session's outcomes: ``module::function`` -> reports of its test cases."""

    outcomes: dict[str, list[tuple[str, str]]]  # (outcome, text)
    output: str


@pytest.fixture(scope="module")
def inner_run(tmp_path_factory: pytest.TempPathFactory) -> InnerRun:
    state = tmp_path_factory.mktemp("example-var")
    report = state / "report.xml"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CAMUNDA_", "ZEEBE_", "DJANGO_", "DATABASE_URL", "EXAMPLE_"))
    }
    paths = [str(SITE), str(INNER), *filter(None, [env.get("PYTHONPATH")])]
    env.update(
        DJANGO_SETTINGS_MODULE="shop.settings",
        EXAMPLE_SITE_TESTS="1",
        EXAMPLE_VAR_DIR=str(state),
        PYTHONPATH=os.pathsep.join(paths),
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(INNER), "-q", f"--junitxml={report}"],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    output = result.stdout + result.stderr
    return InnerRun(_outcomes(report) if report.exists() else {}, output)


def _outcomes(report: Path) -> dict[str, list[tuple[str, str]]]:
    outcomes: dict[str, list[tuple[str, str]]] = {}
    for case in ElementTree.parse(report).iter("testcase"):  # noqa: S314 - our own report
        module = case.get("classname", "").rsplit(".", 1)[-1]
        function = case.get("name", "").split("[", 1)[0]
        problem = next((child for child in case if child.tag in ("failure", "error")), None)
        skipped = case.find("skipped")
        if problem is not None:
            outcome = (
                "failed",
                f"{case.get('name')}: {problem.get('message', '')}\n{problem.text or ''}",
            )
        elif skipped is not None:
            outcome = ("skipped", skipped.get("message", ""))
        else:
            outcome = ("passed", "")
        outcomes.setdefault(f"{module}::{function}", []).append(outcome)
    return outcomes


@pytest.mark.parametrize("name", _inner_tests())
def test_site(name: str, inner_run: InnerRun) -> None:
    cases = inner_run.outcomes.get(name)
    if not cases:
        pytest.fail(f"{name} did not run in the site's test session:\n{inner_run.output[-6000:]}")
    failures = [text for outcome, text in cases if outcome == "failed"]
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
    skips = [text for outcome, text in cases if outcome == "skipped"]
    if skips:
        pytest.skip("; ".join(skips))
