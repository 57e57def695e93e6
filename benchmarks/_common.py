"""Pieces the benchmarks share: the dev engine as a subprocess, CPU from /proc, a one-task model.

``start_engine`` runs ``python -m camunda_core.devengine --port 0`` (extra arguments and
environment allowed) and returns it with its REST address. ``cpu_seconds`` reads user +
system CPU of one process, ``tree_cpu_seconds`` of a process and all its descendants.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (``/proc/<pid>/stat`` fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (children of threads included)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def tree_cpu_seconds(pids: Iterable[int]) -> dict[int, float]:
    """CPU seconds so far of each process in the trees under ``pids`` (gone ones skipped)."""
    seconds: dict[int, float] = {}
    for root in pids:
        for pid in descendants(root):
            try:
                seconds[pid] = cpu_seconds(pid)
            except OSError:
                continue
    return seconds


def cpu_delta(before: Mapping[int, float], after: Mapping[int, float]) -> float:
    """CPU used between two ``tree_cpu_seconds`` readings (processes born in between count
    from zero)."""
    return sum(value - before.get(pid, 0.0) for pid, value in after.items())


def start_engine(
    *arguments: str, env: Mapping[str, str] | None = None
) -> tuple[subprocess.Popen[str], str]:
    """The dev engine on a free loopback port, and its REST address once it accepts."""
    command = [sys.executable, "-m", "camunda_core.devengine", "--port", "0", *arguments]
    engine = subprocess.Popen(
        command, stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, **(env or {})}
    )
    assert engine.stdout is not None
    url = engine.stdout.readline().strip()
    if not url.startswith("http://"):
        engine.kill()
        raise SystemExit(f"the dev engine did not start: {url!r}")
    return engine, url


def one_task_bpmn(process_id: str, job_type: str) -> bytes:
    """start -> one service task of ``job_type`` -> end."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="bench-definitions"
    targetNamespace="http://camunda.org/examples">
  <bpmn:process id="{process_id}" name="Benchmark" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>to-work</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="to-work" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work" name="Work">
      <bpmn:extensionElements><zeebe:taskDefinition type="{job_type}" /></bpmn:extensionElements>
      <bpmn:incoming>to-work</bpmn:incoming><bpmn:outgoing>to-end</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="to-end" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>to-end</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>
""".encode()


async def seed(
    client: httpx.AsyncClient,
    count: int,
    process_id: str = "bench",
    variables: Mapping[str, Any] | None = None,
    parallel: int = 64,
) -> list[str]:
    """``count`` instances of ``process_id``, ``parallel`` creations in flight; their keys."""
    body = {
        "processDefinitionId": process_id,
        "variables": dict(variables or {"orderId": "A-1", "amount": 42}),
    }
    left = iter(range(count))
    keys: list[str] = []

    async def creator() -> None:
        for _ in left:
            response = await client.post("/process-instances", json=body)
            response.raise_for_status()
            keys.append(response.json()["processInstanceKey"])

    await asyncio.gather(*(creator() for _ in range(parallel)))
    return keys


async def seed_over(
    url: str,
    count: int,
    process_id: str,
    *,
    clients: int = 2,
    variables: Mapping[str, Any] | None = None,
) -> list[str]:
    """``count`` instances over ``clients`` keep-alive connections, one request at a time each:
    on a small machine that creates instances fastest (one client with many requests in
    flight spends its time in the connection pool)."""
    share = [count // clients + (1 if i < count % clients else 0) for i in range(clients)]

    async def one(part: int) -> list[str]:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            return await seed(client, part, process_id, variables, parallel=1)

    parts = await asyncio.gather(*(one(part) for part in share if part))
    return [key for part in parts for key in part]


def deploy(url: str, resources: Sequence[tuple[str, bytes]]) -> None:
    """Deploy BPMN files over HTTP."""
    files = [("resources", (name, data, "application/xml")) for name, data in resources]
    httpx.post(f"{url}/deployments", files=files, timeout=30).raise_for_status()
