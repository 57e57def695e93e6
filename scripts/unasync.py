"""Generate the sync client from the async one (``--check``: fail if they differ).

One hand-written implementation, two clients that cannot drift: every
``core/camunda_core/client/_async_X.py`` becomes ``_sync_X.py`` with the async vocabulary
replaced, token by token. ``--check`` also fails on a ``_sync_X.py`` whose source is gone.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLIENT = ROOT / "core/camunda_core/client"
SOURCE_PREFIX = "_async_"
TARGET_PREFIX = "_sync_"

HEADER = '''"""{summary} GENERATED from ``{source}`` by ``scripts/unasync.py``.

Do not edit: change ``{source}`` and run ``python scripts/unasync.py``.
"""
'''

# Order matters: longer, more specific tokens first.
REPLACEMENTS: list[tuple[str, str]] = [
    (r"\bAsyncCamundaClient\b", "CamundaClient"),
    (r"\bhttpx\.AsyncBaseTransport\b", "httpx.BaseTransport"),
    (r"\bhttpx\.AsyncClient\b", "httpx.Client"),
    (r"\bAsyncIterator\b", "Iterator"),
    # Our own async classes (AsyncClientCore, AsyncJobOperations, ...) lose the prefix.
    (r"\bAsync([A-Z]\w*)", r"\1"),
    (r"\b_async_(\w+)", r"_sync_\1"),
    (r"\bAwaitable\[T\]", "T"),
    (r"\b__aenter__\b", "__enter__"),
    (r"\b__aexit__\b", "__exit__"),
    (r"\baclose\b", "close"),
    (r"\basync def\b", "def"),
    (r"\basync with\b", "with"),
    (r"\basync for\b", "for"),
    (r"\bawait ", ""),
    (r"\banyio\.sleep\b", "time.sleep"),
    (r"^import anyio\n", "import time\n"),
    (r"\basynchronous\b", "synchronous"),
    (r"\bAsynchronous\b", "Synchronous"),
]


def target_for(source: Path) -> Path:
    """``_async_X.py`` -> ``_sync_X.py`` in the same folder."""
    return source.with_name(TARGET_PREFIX + source.name[len(SOURCE_PREFIX) :])


def sources() -> list[Path]:
    """Every async module the sync side is generated from."""
    return sorted(CLIENT.glob(f"{SOURCE_PREFIX}*.py"))


def _unasync(text: str) -> str:
    for pattern, replacement in REPLACEMENTS:
        text = re.sub(pattern, replacement, text, flags=re.MULTILINE)
    return text


def generate(source_text: str, source_name: str, target: Path) -> str:
    """The sync module's text for one async module's text."""
    _, docstring, body = source_text.split('"""', 2)
    first_sentence = docstring.strip().splitlines()[0].split(". ")[0].rstrip(".") + "."
    header = HEADER.format(summary=_unasync(first_sentence), source=source_name)
    return _ruff(header + _unasync(body), target)


def _ruff(text: str, target: Path) -> str:
    """Sort imports, drop the ones the sync side no longer needs, and format, as the linters
    would, so the check compares like with like."""
    for args in (["check", "--select", "I,F401", "--fix", "--quiet"], ["format", "--quiet"]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args, "--stdin-filename", str(target), "-"],
            input=text,
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        if result.returncode not in (0, 1) or not result.stdout:
            raise SystemExit(f"ruff {args[0]} failed on {target.name}:\n{result.stderr}")
        text = result.stdout
    return text


def _orphans(expected: set[Path]) -> list[Path]:
    return [path for path in sorted(CLIENT.glob(f"{TARGET_PREFIX}*.py")) if path not in expected]


def main(argv: list[str]) -> int:
    generated = {
        target_for(source): generate(source.read_text(), source.name, target_for(source))
        for source in sources()
    }
    if "--check" in argv:
        stale = [
            path
            for path, text in generated.items()
            if not path.exists() or path.read_text() != text
        ]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python scripts/unasync.py")
        for path in _orphans(set(generated)):
            print(f"{path.relative_to(ROOT)} has no {SOURCE_PREFIX} source: delete it")
        return 1 if stale or _orphans(set(generated)) else 0
    for path, text in generated.items():
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
