"""camunda_core stands alone: it imports no framework, and each package imports before setup."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap

import pytest

FRAMEWORKS = ("django", "flask", "blinker", "celery", "kombu", "werkzeug")

BLOCK_AND_IMPORT = textwrap.dedent(
    """
    import importlib, importlib.abc, pkgutil, sys

    BLOCKED = {blocked!r}

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"{{name}} is not installed (blocked by the test)")
            return None

    sys.meta_path.insert(0, Block())
    import camunda_core
    optional = ("camunda_core.worker.celery_executor", "camunda_core.testing")
    for info in pkgutil.walk_packages(camunda_core.__path__, "camunda_core."):
        if not info.name.startswith(optional):
            importlib.import_module(info.name)
    loaded = sorted(m for m in BLOCKED if m in sys.modules)
    assert not loaded, loaded
    print("ok")
    """
)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    """Run outside the checkout, so only what is installed is importable."""
    with tempfile.TemporaryDirectory() as elsewhere:
        return subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=elsewhere,
        )


def test_camunda_core_imports_with_every_framework_missing() -> None:
    result = _run(BLOCK_AND_IMPORT.format(blocked=FRAMEWORKS))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_check_itself_catches_a_framework_import() -> None:
    """Blocking httpx must break the import: the probe above is not vacuous."""
    result = _run(BLOCK_AND_IMPORT.format(blocked=(*FRAMEWORKS, "httpx")))
    assert result.returncode != 0
    assert "httpx is not installed" in result.stderr


@pytest.mark.parametrize("package", ["camunda_core", "camunda_django", "camunda_flask"])
def test_package_imports_without_framework_setup(package: str) -> None:
    """Importing a package must not need DJANGO_SETTINGS_MODULE or a Flask app."""
    code = (
        f"import os; os.environ.pop('DJANGO_SETTINGS_MODULE', None); import {package}; print('ok')"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr


def test_the_folder_core_is_not_a_package() -> None:
    result = _run("import core")
    assert result.returncode != 0
    assert "No module named 'core'" in result.stderr
