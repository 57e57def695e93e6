"""The dev engine's own ceiling, in process (no HTTP): instances/s of a one-service-task process.

Each repetition deploys the process on a fresh engine, creates N instances, then activates 32
jobs at a time and completes each until all N instances completed (compaction on, as in real
use). As BENCHMARKS.md asks, a reference is measured in the same run: a *floor*, the same
create/activate/complete bookkeeping written as bare dicts and lists with no engine around
it; ``engine / floor`` says how much the engine's generality costs. Repetitions alternate.

Throughput is reported per second of wall time and per second of this process's CPU time
(the second is steadier on a shared machine). The memory check runs 100,000 instances through one engine (default history of 10,000
finished instances) and reports the RSS and the record counts after the history is full and
at the end: with compaction they stay flat.

Run: .venv/bin/python -m benchmarks.devengine_inprocess [--instances 20000] [--reps 3]
JSON goes to benchmarks/results/devengine_inprocess.json.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from camunda_core.devengine.runtime import Engine

RESULTS = Path(__file__).resolve().parent / "results"
BATCH = 32
ONE_TASK = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bench">
  <bpmn:process id="bench" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="task">
      <bpmn:extensionElements><zeebe:taskDefinition type="bench" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
"""


def _drain(engine: Engine, total: int) -> None:
    done = 0
    while done < total:
        jobs = engine.activate_jobs(
            job_type="bench",
            worker="bench",
            timeout_ms=60_000,
            max_jobs=BATCH,
            request_timeout_ms=-1,
        ).result()
        for job in jobs:
            engine.complete_job(job.job.job_key)
        done += len(jobs)


def engine_arm(instances: int) -> dict[str, float]:
    """Create N instances, then activate/complete until all are done."""
    with Engine() as engine:
        engine.deploy([("bench.bpmn", ONE_TASK)], None)
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(instances):
            engine.create_process_instance(process_definition_id="bench", variables={"n": 1})
        created = time.perf_counter()
        _drain(engine, instances)
        end, cpu_end = time.perf_counter(), time.process_time()
        assert all(r.state == "COMPLETED" for r in engine.store.process_instances.values())
    return {
        "create_per_s": instances / (created - start),
        "work_per_s": instances / (end - created),
        "total_per_s": instances / (end - start),
        "per_cpu_s": instances / (cpu_end - cpu_start),
    }


def floor_arm(instances: int) -> dict[str, float]:
    """The same bookkeeping with bare data structures: the lower bound of any engine."""
    records: dict[int, dict[str, Any]] = {}
    queue: list[int] = []
    key = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(instances):
        key += 1
        records[key] = {"state": "ACTIVE", "variables": json.dumps({"n": 1})}
        for element in ("start", "task"):
            key += 1
            records[key] = {"element": element, "state": "ACTIVE", "scope": key}
        heapq.heappush(queue, key)
    created = time.perf_counter()
    while queue:
        batch = [heapq.heappop(queue) for _ in range(min(BATCH, len(queue)))]
        for job in batch:
            records[job]["state"] = "COMPLETED"
            key += 1
            records[key] = {"element": "end", "state": "COMPLETED", "scope": job}
            records[job - 2]["state"] = "COMPLETED"
    end, cpu_end = time.perf_counter(), time.process_time()
    return {
        "create_per_s": instances / (created - start),
        "work_per_s": instances / (end - created),
        "total_per_s": instances / (end - start),
        "per_cpu_s": instances / (cpu_end - cpu_start),
    }


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def memory_check(instances: int) -> dict[str, Any]:
    """RSS and record counts after the history filled up and after ``instances`` more."""
    checkpoints: dict[str, Any] = {}
    with Engine() as engine:
        engine.deploy([("bench.bpmn", ONE_TASK)], None)
        warmup = engine.runtime.history.limit
        chunk = 1000
        for done in range(0, warmup + instances, chunk):
            for _ in range(chunk):
                engine.create_process_instance(process_definition_id="bench", variables={"n": 1})
            _drain(engine, chunk)
            if done + chunk in (warmup, warmup + instances):
                gc.collect()
                store = engine.store
                checkpoints[str(done + chunk)] = {
                    "rss_mb": round(_rss_mb(), 1),
                    "process_instances": len(store.process_instances),
                    "element_instances": len(store.element_instances),
                    "jobs": len(store.jobs),
                    "variables": len(store.variables),
                }
    first, last = checkpoints.values()
    return {
        "instances_after_warmup": instances,
        "checkpoints": checkpoints,
        "rss_growth_mb": round(last["rss_mb"] - first["rss_mb"], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instances", type=int, default=20_000, help="instances per repetition")
    parser.add_argument("--reps", type=int, default=3, help="alternating repetitions")
    parser.add_argument("--memory-instances", type=int, default=100_000)
    args = parser.parse_args()
    samples: dict[str, list[dict[str, float]]] = {"engine": [], "floor": []}
    for rep in range(args.reps):
        order = ("engine", "floor") if rep % 2 == 0 else ("floor", "engine")
        for arm in order:
            run = engine_arm if arm == "engine" else floor_arm
            samples[arm].append(run(args.instances))
        print(f"  repetition {rep + 1}/{args.reps} done", file=sys.stderr)
    table = {
        arm: {
            metric: round(statistics.median(sample[metric] for sample in runs))
            for metric in ("create_per_s", "work_per_s", "total_per_s", "per_cpu_s")
        }
        for arm, runs in samples.items()
    }
    ratio = table["engine"]["total_per_s"] / table["floor"]["total_per_s"]
    print(f"\nDev engine in process ({args.instances} instances x {args.reps} reps, median)")
    print(
        f"{'arm':<8}{'create/s':>10}{'activate+complete/s':>21}{'instances/s':>13}{'per CPU s':>11}"
    )
    for arm, row in table.items():
        print(
            f"{arm:<8}{row['create_per_s']:>10}{row['work_per_s']:>21}"
            f"{row['total_per_s']:>13}{row['per_cpu_s']:>11}"
        )
    print(f"engine / floor: {ratio:.3f}   (target: >= 5000 instances/s)")
    memory = memory_check(args.memory_instances)
    print(f"\nMemory over {args.memory_instances} more completed instances (history 10,000):")
    for count, point in memory["checkpoints"].items():
        print(f"  after {count:>7}: {point}")
    print(f"  RSS growth: {memory['rss_growth_mb']} MB")
    RESULTS.mkdir(exist_ok=True)
    report = {"instances": args.instances, "reps": args.reps, "table": table, "ratio": ratio}
    report.update(samples=samples, memory=memory)
    (RESULTS / "devengine_inprocess.json").write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
