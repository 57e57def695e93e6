"""B2: per-call cost of CamundaClient against a raw httpx.Client making the same requests.

Both arms talk to the same dev engine (``python -m camunda_core.devengine``, a separate
process) over keep-alive loopback HTTP, one after the other, alternating, several
repetitions. The raw arm sends the identical request and only ``json.loads`` the answer;
ours builds, validates and parses typed models. The engine is seeded with a process and 50
open user tasks, so every answer is a real one. Printed: median microseconds per call and
the ratio ours / raw (target: <= 1.2 for topology and create-instance). JSON goes to
benchmarks/results/b2.json.

Run: .venv/bin/python -m benchmarks.b2_client_overhead [--calls 2000] [--reps 5]
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx

from benchmarks._common import RESULTS, start_engine
from camunda_core import CamundaClient
from camunda_core.client import NO_RETRY

CREATE_BODY = {
    "processDefinitionId": "order-process",
    "variables": {"orderId": "A-1", "amount": 42},
}
SEARCH_BODY = {"filter": {"state": "CREATED"}, "page": {"limit": 50}}
ORDER_PROCESS = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="b2" targetNamespace="http://example.org/b2">
  <bpmn:process id="order-process" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
    <bpmn:userTask id="approve" name="Approve order">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="sales" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>
"""


def _seed(url: str) -> None:
    """The process both arms start, and 50 open user tasks for the search."""
    with CamundaClient(rest_address=url) as client:
        client.create_deployment(("order-process.bpmn", ORDER_PROCESS))
        for index in range(50):
            client.create_process_instance("order-process", variables={"orderId": f"A-{index}"})


def _arms(base: str) -> dict[str, dict[str, Callable[[], Any]]]:
    raw = httpx.Client(base_url=base, timeout=30)
    ours = CamundaClient(rest_address=base, retry=NO_RETRY)
    return {
        "topology": {
            "raw": lambda: json.loads(raw.get("/topology").content),
            "ours": ours.get_topology,
        },
        "create-instance": {
            "raw": lambda: json.loads(raw.post("/process-instances", json=CREATE_BODY).content),
            "ours": lambda: ours.create_process_instance(
                "order-process", variables={"orderId": "A-1", "amount": 42}
            ),
        },
        "search-user-tasks-50": {
            "raw": lambda: json.loads(raw.post("/user-tasks/search", json=SEARCH_BODY).content),
            "ours": lambda: ours.search_user_tasks({"state": "CREATED"}, page={"limit": 50}),
        },
    }


def _time_per_call(call: Callable[[], Any], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - start) / calls * 1e6


def run(calls: int, reps: int) -> dict[str, Any]:
    server, url = start_engine()
    try:
        _seed(url)
        arms = _arms(url)
        results: dict[str, Any] = {}
        for name, pair in arms.items():
            for call in pair.values():  # warm up connections and caches
                _time_per_call(call, 50)
            samples: dict[str, list[float]] = {"raw": [], "ours": []}
            for rep in range(reps):
                order = ("raw", "ours") if rep % 2 == 0 else ("ours", "raw")
                for arm in order:
                    samples[arm].append(_time_per_call(pair[arm], calls))
                print(f"  {name}: repetition {rep + 1}/{reps} done", file=sys.stderr)
            raw_us, ours_us = statistics.median(samples["raw"]), statistics.median(samples["ours"])
            results[name] = {
                "raw_us": round(raw_us, 1),
                "ours_us": round(ours_us, 1),
                "ratio": round(ours_us / raw_us, 3),
                "samples": samples,
            }
        return results
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=2000, help="calls per arm per repetition")
    parser.add_argument("--reps", type=int, default=5, help="alternating repetitions")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # finally-blocks stop the server
    try:
        results = run(args.calls, args.reps)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    print(f"\nB2 client overhead ({args.calls} calls x {args.reps} reps, median per call)")
    print(f"{'call':<24}{'raw httpx (us)':>16}{'ours (us)':>12}{'ours/raw':>10}")
    for name, row in results.items():
        print(f"{name:<24}{row['raw_us']:>16}{row['ours_us']:>12}{row['ratio']:>10}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "b2.json").write_text(
        json.dumps({"calls": args.calls, "reps": args.reps, "results": results}, indent=2)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
