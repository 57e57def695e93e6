"""B4: what dispatching jobs to Celery costs, against the async worker and a bare Celery task.

On one dev engine (a subprocess, as in B1) and the local Redis (broker and result backend):

- latency: instances created one at a time (each awaited before the next), so nothing queues;
  created-to-completed from the engine's own timestamps, for ours-async and ours-celery
  (one Celery worker process, threads pool, 32);
- throughput: a backlog of N no-op jobs drained by each (B1's S1 run);
- the bare Celery reference on the same broker: the round trip of a no-op task
  (``apply_async().get()``, one at a time) and the rate of N no-op tasks sent at once.

Ratios ours-celery / ours-async, and the Celery arm's extra latency beside the bare round trip.
Repetitions alternate the arms.

Run: .venv/bin/python -m benchmarks.b4_celery [--quick] [--reps 3] [--samples 200] [--jobs 2000]
Table on stdout, progress on stderr, JSON in benchmarks/results/b4.json.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from benchmarks._b1_runner import (
    REDIS_URL,
    ArmProcesses,
    ArmSpec,
    BenchEngine,
    arm_running,
    drain_run,
    median_of,
    percentile,
    progress,
    stop_everything,
    timestamp,
)
from benchmarks._common import RESULTS, cpu_delta, tree_cpu_seconds

ARMS = ["ours-async", "ours-celery"]


def latency_run(
    engine: BenchEngine, spec: ArmSpec, samples: int, tag: str, logdir: Path
) -> dict[str, Any]:
    """``samples`` instances, one at a time, each awaited: created-to-completed per instance."""
    process_id = f"{spec.job_type}-{tag}"
    engine.prepare(process_id, spec.job_type, 0)
    body = {"processDefinitionId": process_id, "awaitCompletion": True, "requestTimeout": 30_000}
    round_trips = []
    with (
        arm_running(spec, engine.url, logdir) as arm,
        httpx.Client(base_url=engine.url, timeout=60) as client,
    ):
        arm.go()
        time.sleep(0.5)  # the first long poll is open
        for _ in range(samples):
            started = time.perf_counter()
            client.post("/process-instances", json=body).raise_for_status()
            round_trips.append((time.perf_counter() - started) * 1000)
    found = [i for i in engine.instances(process_id) if i["state"] == "COMPLETED"]
    latencies = [(timestamp(i["endDate"]) - timestamp(i["startDate"])) * 1000 for i in found]
    return {
        "samples": samples,
        "completed": len(found),
        "p50_ms": percentile(latencies, 0.5),
        "p99_ms": percentile(latencies, 0.99),
        "client_round_trip_p50_ms": percentile(round_trips, 0.5),
        "valid": len(found) == samples,
    }


class BareCelery:
    """A Celery worker (same app module, threads pool of 32) and a client for b4.noop."""

    def __init__(self, logdir: Path) -> None:
        self.queue = f"b4-{uuid.uuid4().hex[:10]}"
        self.worker = ArmProcesses(
            ArmSpec("ours-celery", "b4-unused", 0.0), "http://127.0.0.1:1/v2", logdir
        )
        os.environ.setdefault("B1_BROKER", REDIS_URL)
        from benchmarks._b1_celery_app import noop

        self.noop = noop

    def __enter__(self) -> BareCelery:
        self.worker.start_celery(self.queue)
        return self

    def __exit__(self, *exc: object) -> None:
        self.worker.stop()

    def round_trips(self, samples: int) -> dict[str, Any]:
        for _ in range(10):  # warm the connections
            self.noop.apply_async(queue=self.queue).get(timeout=30)
        times = []
        for _ in range(samples):
            started = time.perf_counter()
            self.noop.apply_async(queue=self.queue).get(timeout=30)
            times.append((time.perf_counter() - started) * 1000)
        return {
            "samples": samples,
            "p50_ms": percentile(times, 0.5),
            "p99_ms": percentile(times, 0.99),
        }

    def throughput(self, tasks: int) -> dict[str, Any]:
        cpu_before = tree_cpu_seconds(self.worker.pids)
        started = time.perf_counter()
        results = [self.noop.apply_async(queue=self.queue) for _ in range(tasks)]
        for result in results:
            result.get(timeout=120)
        wall = time.perf_counter() - started
        cpu = cpu_delta(cpu_before, tree_cpu_seconds(self.worker.pids))
        return {
            "tasks": tasks,
            "tasks_per_s": tasks / wall,
            "worker_cpu_s_per_1000": cpu / tasks * 1000,
        }


def run(args: argparse.Namespace) -> dict[str, Any]:
    latency: dict[str, list[dict[str, Any]]] = {arm: [] for arm in ARMS}
    drains: dict[str, list[dict[str, Any]]] = {arm: [] for arm in ARMS}
    bare: dict[str, list[dict[str, Any]]] = {"round_trip": [], "throughput": []}
    with tempfile.TemporaryDirectory(prefix="b4-") as folder:
        logdir = Path(folder)
        engine = BenchEngine(logdir)
        try:
            for rep in range(args.reps):
                for arm in ARMS if rep % 2 == 0 else ARMS[::-1]:
                    spec = ArmSpec(arm, f"b4-{arm}", 0.0)
                    latency[arm].append(
                        latency_run(engine, spec, args.samples, f"lat{rep}", logdir)
                    )
                    drains[arm].append(
                        drain_run(engine, spec, args.jobs, f"r{rep}", logdir, timeout=600)
                    )
                    progress(
                        f"rep {rep + 1}/{args.reps} {arm}: p50 {latency[arm][-1]['p50_ms']:.1f} ms, "
                        f"{drains[arm][-1]['jobs_per_s']:.0f} jobs/s"
                    )
                with BareCelery(logdir) as celery:
                    bare["round_trip"].append(celery.round_trips(args.samples))
                    bare["throughput"].append(celery.throughput(args.jobs))
                progress(
                    f"rep {rep + 1}/{args.reps} bare Celery: p50 {bare['round_trip'][-1]['p50_ms']:.1f} ms"
                )
        finally:
            engine.stop()
    return summarize(args, latency, drains, bare)


def summarize(
    args: argparse.Namespace,
    latency: dict[str, list[dict[str, Any]]],
    drains: dict[str, list[dict[str, Any]]],
    bare: dict[str, list[dict[str, Any]]],
) -> dict[str, Any]:
    arms = {
        arm: {
            "latency_p50_ms": median_of(latency[arm], "p50_ms"),
            "latency_p99_ms": median_of(latency[arm], "p99_ms"),
            "jobs_per_s": median_of(drains[arm], "jobs_per_s"),
            "client_cpu_s_per_1000": median_of(drains[arm], "client_cpu_s_per_1000"),
            "valid": all(r["valid"] for r in latency[arm] + drains[arm]),
            "problems": sorted({p for r in drains[arm] for p in r["problems"]}),
            "latency_runs": latency[arm],
            "drain_runs": drains[arm],
        }
        for arm in ARMS
    }
    bare_summary = {
        "round_trip_p50_ms": median_of(bare["round_trip"], "p50_ms"),
        "round_trip_p99_ms": median_of(bare["round_trip"], "p99_ms"),
        "tasks_per_s": median_of(bare["throughput"], "tasks_per_s"),
        "worker_cpu_s_per_1000": median_of(bare["throughput"], "worker_cpu_s_per_1000"),
        "runs": bare,
    }
    celery, local = arms["ours-celery"], arms["ours-async"]
    extra = celery["latency_p50_ms"] - local["latency_p50_ms"]
    ratios = {
        "latency p50 ours-celery / ours-async": celery["latency_p50_ms"] / local["latency_p50_ms"],
        "latency p99 ours-celery / ours-async": celery["latency_p99_ms"] / local["latency_p99_ms"],
        "jobs/s ours-celery / ours-async": celery["jobs_per_s"] / local["jobs_per_s"],
        "extra p50 latency of Celery / bare round trip p50": extra
        / bare_summary["round_trip_p50_ms"],
        "jobs/s ours-celery / bare no-op tasks/s": celery["jobs_per_s"]
        / bare_summary["tasks_per_s"],
    }
    return {
        "benchmark": "b4_celery",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "reps": args.reps,
        "samples": args.samples,
        "jobs": args.jobs,
        "broker": REDIS_URL,
        "load": os.getloadavg(),
        "arms": arms,
        "bare_celery": bare_summary,
        "extra_latency_p50_ms": extra,
        "ratios": ratios,
    }


def print_report(report: dict[str, Any]) -> None:
    print(
        f"\nB4 Celery dispatch overhead (Redis), median of {report['reps']} alternating repetitions"
    )
    print(f"{'arm':<26}{'p50 ms':>9}{'p99 ms':>9}{'jobs/s':>9}{'CPU s/1k':>10}  valid")
    for arm, row in report["arms"].items():
        print(
            f"{arm:<26}{row['latency_p50_ms']:>9.1f}{row['latency_p99_ms']:>9.1f}{row['jobs_per_s']:>9.1f}"
            f"{row['client_cpu_s_per_1000']:>10.2f}  {'yes' if row['valid'] else 'NO: ' + '; '.join(row['problems'])}"
        )
    bare = report["bare_celery"]
    print(
        f"{'bare Celery no-op task':<26}{bare['round_trip_p50_ms']:>9.1f}{bare['round_trip_p99_ms']:>9.1f}"
        f"{bare['tasks_per_s']:>9.1f}{bare['worker_cpu_s_per_1000']:>10.2f}"
    )
    print(
        f"\nExtra p50 latency of ours-celery over ours-async: {report['extra_latency_p50_ms']:.1f} ms"
    )
    for name, value in report["ratios"].items():
        print(f"  {name:<52}{value:>8.2f}")


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--samples", type=int, help="sequential instances per latency run (200)")
    parser.add_argument("--jobs", type=int, help="backlog per throughput run (2000)")
    args = parser.parse_args(argv)
    args.samples = args.samples or (40 if args.quick else 200)
    args.jobs = args.jobs or (300 if args.quick else 2000)
    return args


def main() -> int:
    args = parse()
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started ignoring it
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        report = run(args)
    except KeyboardInterrupt:
        progress("interrupted")
        return 130
    finally:
        stop_everything()
    print_report(report)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "b4.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
