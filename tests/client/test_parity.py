"""The sync and async clients have the same surface, and the sync one is what the generator makes.

Every public member of ``AsyncCamundaClient`` exists on ``CamundaClient`` (and the reverse)
with the same parameters and the same annotations, read through the async-to-sync
vocabulary; coroutines on one side are plain methods on the other.
"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from camunda_core import AsyncCamundaClient, CamundaClient

REPO = Path(__file__).resolve().parents[2]
RENAMED = {"aclose": "close", "__aenter__": "__enter__", "__aexit__": "__exit__"}
# Written out here rather than imported from scripts/unasync.py, so a broken generator
# cannot also break the test that should catch it.
VOCABULARY = [
    (r"\bAsyncIterator\b", "Iterator"),
    (r"\bAwaitable\[(\w+)\]", r"\1"),
    (r"\bhttpx\.AsyncBaseTransport\b", "httpx.BaseTransport"),
    (r"\bhttpx\.AsyncClient\b", "httpx.Client"),
    (r"\bAsyncCamundaClient\b", "CamundaClient"),
]


def surface(cls: type) -> dict[str, Any]:
    """Public members (plus construction and context management) as found along the MRO."""
    found: dict[str, Any] = {}
    for klass in cls.__mro__:
        for name, value in vars(klass).items():
            wanted = not name.startswith("_") or name in ("__init__", *RENAMED, *RENAMED.values())
            if wanted and name not in found and klass is not object:
                found[name] = value
    return found


def as_sync(annotation: Any) -> Any:
    if not isinstance(annotation, str):
        return annotation
    for pattern, replacement in VOCABULARY:
        annotation = re.sub(pattern, replacement, annotation)
    return annotation


def describe(signature: inspect.Signature, *, translate: bool) -> list[tuple[Any, ...]]:
    convert = as_sync if translate else (lambda value: value)
    parameters = [
        (p.name, p.kind, p.default, convert(p.annotation)) for p in signature.parameters.values()
    ]
    return [*parameters, ("return", convert(signature.return_annotation))]


ASYNC_SURFACE = surface(AsyncCamundaClient)
SYNC_SURFACE = surface(CamundaClient)


def test_the_async_surface_is_not_empty() -> None:
    assert {"get_topology", "iter_user_tasks", "wait_until", "aclose"} <= set(ASYNC_SURFACE)


@pytest.mark.parametrize("name", sorted(ASYNC_SURFACE))
def test_each_async_member_has_its_sync_twin(name: str) -> None:
    async_member = ASYNC_SURFACE[name]
    sync_name = RENAMED.get(name, name)
    assert sync_name in SYNC_SURFACE, f"CamundaClient has no {sync_name}"
    sync_member = SYNC_SURFACE[sync_name]
    assert type(async_member) is type(sync_member)
    if isinstance(async_member, property):
        async_member, sync_member = async_member.fget, sync_member.fget
    if not callable(async_member):
        assert async_member == sync_member
        return
    assert not inspect.iscoroutinefunction(sync_member), f"CamundaClient.{sync_name} is async"
    assert describe(inspect.signature(async_member), translate=True) == describe(
        inspect.signature(sync_member), translate=False
    )


@pytest.mark.parametrize("name", sorted(SYNC_SURFACE))
def test_each_sync_member_has_its_async_twin(name: str) -> None:
    async_name = {sync: a for a, sync in RENAMED.items()}.get(name, name)
    assert async_name in ASYNC_SURFACE, f"AsyncCamundaClient has no {async_name}"


def test_operations_are_coroutines_on_the_async_side_only() -> None:
    for name, member in ASYNC_SURFACE.items():
        if not callable(member) or isinstance(member, property):
            continue
        returns = str(inspect.signature(member).return_annotation)
        if returns.startswith("AsyncIterator"):  # iter_*: a plain method returning an iterator
            assert not inspect.iscoroutinefunction(member), name
            assert str(inspect.signature(SYNC_SURFACE[name]).return_annotation).startswith(
                "Iterator"
            )
        elif name not in ("__init__", "with_options"):
            assert inspect.iscoroutinefunction(member), f"AsyncCamundaClient.{name} is not async"


def test_the_sync_client_is_generated_from_the_async_one() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/unasync.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
