"""Where the contract tests find the official spec, and what happens when it is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openapi_spec import ENV_VAR, SpecMissingError, find_spec, in_ci, legacy_spec_path

REPO = Path(__file__).resolve().parents[2]


def _bundle(folder: Path) -> Path:
    path = folder / "8.9" / "rest-api.bundle.json"
    path.parent.mkdir(parents=True)
    path.write_text("{}")
    return path


def test_the_variable_may_name_the_bundle(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    assert find_spec({ENV_VAR: str(bundle)}, default_folder=tmp_path / "nowhere") == bundle


def test_the_variable_may_name_the_camunda_openapi_folder(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    assert find_spec({ENV_VAR: str(tmp_path)}, default_folder=tmp_path / "nowhere") == bundle


def test_without_the_variable_the_shared_folder_is_used(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    assert find_spec({}, default_folder=tmp_path) == bundle


def test_a_missing_spec_is_reported_with_what_was_tried(tmp_path: Path) -> None:
    with pytest.raises(SpecMissingError, match=ENV_VAR) as missing:
        find_spec({ENV_VAR: str(tmp_path / "absent.json")})
    assert "absent.json" in str(missing.value)


def test_the_8_8_spec_is_looked_for_beside_the_bundle(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    assert legacy_spec_path(bundle) == tmp_path / "8.8" / "rest-api.yaml"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("1", True), ("yes", True), ("false", False), ("0", False), ("", False)],
)
def test_ci_is_recognised(value: str, expected: bool) -> None:
    assert in_ci({"CI": value}) is expected


def _run_contract_without_spec(ci: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, ENV_VAR: str(REPO / "no-such-spec.json"), "CI": ci}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/contract/test_requests.py", "-q", "-k", "topology"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_ci_fails_when_the_spec_is_missing() -> None:
    result = _run_contract_without_spec("true")
    assert result.returncode != 0
    assert "CI must run the contract tests" in result.stdout


def test_a_local_run_skips_when_the_spec_is_missing() -> None:
    result = _run_contract_without_spec("")
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
