"""B1: job-worker throughput, latency, CPU and idle cost against the official SDK and raw httpx.

One dev engine (``python -m camunda_core.devengine``, a subprocess on loopback) serves every
arm; arms run one after another, each in its own processes with its own job type, in
alternating order over the repetitions. Scenarios:

- S1: drain a backlog of N one-service-task instances with a no-op handler;
- S3: the same with a 20 ms I/O handler (bound: C / 0.02 s = 1600 jobs/s at C = 32);
- S5: idle cost, activation requests per minute with no jobs.

N is sized per arm so a drain takes about ``--seconds`` (a short calibration run per arm and
scenario measures its rate first; at most the engine's search history of 10,000). A run is
invalid if a job completed twice, a job was left activated, an incident appeared, or the
engine was the bottleneck (its CPU above 90% of a core).

Run: .venv/bin/python -m benchmarks.b1_workers [--quick] [--reps 3] [--seconds 20]
Table on stdout, progress on stderr, JSON in benchmarks/results/b1.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks._b1_runner import (
    HISTORY_LIMIT,
    ArmSpec,
    BenchEngine,
    drain_run,
    idle_run,
    median_of,
    progress,
    stop_everything,
)
from benchmarks._common import RESULTS

ARMS = [
    "ours-async",
    "ours-thread",
    "ours-celery",
    "official-default",
    "official-matched",
    "raw-httpx",
]
#: The order arms run in (reversed on odd repetitions): ours-async between raw-httpx and
#: official-matched, so the comparisons of the targets are neighbours in time.
RUN_ORDER = [
    "raw-httpx",
    "ours-async",
    "official-matched",
    "official-default",
    "ours-thread",
    "ours-celery",
]
OURS = ["ours-async", "ours-thread", "ours-celery"]
REFERENCES = ["official-matched", "official-default", "raw-httpx"]
SCENARIOS = {"S1": 0.0, "S3": 0.02}
CONCURRENCY = 32
#: Long-poll periods (s) of the arms when idle: ours and raw ask for 20 s, the official
#: SDK for the server's default (0 -> the engine's 10 s) and sleeps 1 s between polls.
LONG_POLL = {"official-default": 10.0, "official-matched": 10.0}
DEFAULT_LONG_POLL = 20.0


def order(rep: int, arms: list[str]) -> list[str]:
    """Alternate: forwards on even repetitions, backwards on odd ones."""
    ordered = [arm for arm in RUN_ORDER if arm in arms]
    return ordered if rep % 2 == 0 else ordered[::-1]


def calibrate(
    engine: BenchEngine, spec: ArmSpec, args: argparse.Namespace, logdir: Path
) -> dict[str, Any]:
    """Size N for ~``args.seconds`` per drain from one or two short runs of the arm."""
    probes = []
    size = 2 * CONCURRENCY
    for step in range(1 if args.quick else 2):
        run = drain_run(engine, spec, size, f"probe{step}", logdir, timeout=120)
        probes.append(run)
        rate = max(run["jobs_per_s"], 1.0)
        size = int(min(max(rate * 3, 2 * CONCURRENCY), 3000))
    instances = int(min(max(rate * args.seconds, 100), HISTORY_LIMIT))
    return {"instances": instances, "probe_rate": rate, "probes": probes}


def drains(engine: BenchEngine, args: argparse.Namespace, logdir: Path) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for scenario, sleep in SCENARIOS.items():
        if scenario not in args.scenarios:
            continue
        specs = {
            arm: ArmSpec(arm, f"b1-{arm}-{scenario.lower()}", sleep, CONCURRENCY)
            for arm in args.arms
        }
        sizes: dict[str, Any] = {}
        for arm, spec in specs.items():
            sizes[arm] = (
                {"instances": args.jobs} if args.jobs else calibrate(engine, spec, args, logdir)
            )
            progress(f"{scenario} {arm}: N = {sizes[arm]['instances']}")
        runs: dict[str, list[dict[str, Any]]] = {arm: [] for arm in args.arms}
        for rep in range(args.reps):
            for arm in order(rep, args.arms):
                n = sizes[arm]["instances"]
                timeout = max(120.0, 6 * n / max(sizes[arm].get("probe_rate", 50.0), 1.0))
                run = drain_run(engine, specs[arm], n, f"r{rep}", logdir, timeout)
                runs[arm].append(run)
                progress(
                    f"{scenario} rep {rep + 1}/{args.reps} {arm}: {run['jobs_per_s']:.0f} jobs/s, "
                    f"engine {run['engine_cpu_cores']:.0%}{'' if run['valid'] else ' INVALID ' + '; '.join(run['problems'])}"
                )
        results[scenario] = {arm: summarize(runs[arm], sizes[arm]) for arm in args.arms}
    return results


def summarize(runs: list[dict[str, Any]], size: dict[str, Any]) -> dict[str, Any]:
    keys = [
        "jobs_per_s",
        "p50_ms",
        "p99_ms",
        "client_cpu_s_per_1000",
        "requests_per_job",
        "engine_cpu_cores",
    ]
    return {
        "instances": size["instances"],
        "median": {key: median_of(runs, key) for key in keys},
        "max_engine_cpu_cores": max(run["engine_cpu_cores"] for run in runs),
        "valid": all(run["valid"] for run in runs),
        "problems": sorted({p for run in runs for p in run["problems"]}),
        "runs": runs,
        "calibration": size.get("probes", []),
    }


def idles(engine: BenchEngine, args: argparse.Namespace, logdir: Path) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {arm: [] for arm in args.arms}
    for rep in range(args.s5_reps):
        for arm in order(rep, args.arms):
            run = idle_run(
                engine, ArmSpec(arm, f"b1-{arm}-s5", 0.0, CONCURRENCY), args.window, logdir
            )
            runs[arm].append(run)
            progress(
                f"S5 rep {rep + 1}/{args.s5_reps} {arm}: {run['requests_per_min']:.1f} activations/min"
            )
    results = {}
    for arm, arm_runs in runs.items():
        total_requests = sum(run["activation_requests"] for run in arm_runs)
        total_window = sum(run["window_s"] for run in arm_runs)
        per_min = total_requests / total_window * 60
        period = LONG_POLL.get(arm, DEFAULT_LONG_POLL)
        results[arm] = {
            "requests_per_min": per_min,
            "long_poll_s": period,
            "requests_per_long_poll": per_min * period / 60,
            "client_cpu_s_per_min": median_of(arm_runs, "client_cpu_s_per_min"),
            "runs": arm_runs,
        }
    return results


def ratios(results: dict[str, Any]) -> dict[str, Any]:
    """Ratios of the median jobs/s (the headline), and per repetition (the spread)."""
    out: dict[str, Any] = {}
    for scenario, arms in results.items():
        for ours in (arm for arm in OURS if arm in arms):
            for reference in (arm for arm in REFERENCES if arm in arms):
                mine, theirs = (
                    arms[ours]["median"]["jobs_per_s"],
                    arms[reference]["median"]["jobs_per_s"],
                )
                if mine and theirs:
                    out[f"{scenario} {ours} / {reference}"] = mine / theirs
    return out


def ratios_per_rep(results: dict[str, Any]) -> dict[str, list[float]]:
    """The same ratios within each repetition (arms measured minutes apart, not tens)."""
    out: dict[str, list[float]] = {}
    for scenario, arms in results.items():
        for ours in (arm for arm in OURS if arm in arms):
            for reference in (arm for arm in REFERENCES if arm in arms):
                pairs = zip(arms[ours]["runs"], arms[reference]["runs"], strict=True)
                out[f"{scenario} {ours} / {reference}"] = [
                    mine["jobs_per_s"] / theirs["jobs_per_s"]
                    for mine, theirs in pairs
                    if theirs["jobs_per_s"]
                ]
    return out


def targets(results: dict[str, Any], rates: dict[str, Any], idle: dict[str, Any]) -> dict[str, Any]:
    """The B1 targets, met or not (never a reason to change the measurement)."""
    checks: dict[str, Any] = {}

    def check(name: str, key: str, bound: float) -> None:
        if key in rates:
            checks[name] = {"value": rates[key], "bound": bound, "met": rates[key] >= bound}

    for scenario in ("S1", "S3"):
        check(
            f"{scenario}: ours-async >= 0.8 x raw-httpx", f"{scenario} ours-async / raw-httpx", 0.8
        )
    check("S1: ours-async >= 10 x official-default", "S1 ours-async / official-default", 10)
    check("S1: ours-async >= 2 x official-matched", "S1 ours-async / official-matched", 2)
    for arm in (a for a in OURS if a in idle):
        value = idle[arm]["requests_per_long_poll"]
        checks[f"S5: {arm} <= 1 activation per long poll"] = {
            "value": value,
            "bound": 1,
            "met": value <= 1,
        }
    return checks


def print_report(report: dict[str, Any]) -> None:
    print(
        f"\nB1 worker benchmark, C = {CONCURRENCY}, median of {report['reps']} alternating repetitions"
    )
    print(
        f"{'scen':<5}{'arm':<18}{'N':>6}{'jobs/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'CPU s/1k':>10}{'req/job':>9}{'engine':>8}  valid"
    )
    for scenario, arms in report["drains"].items():
        for arm, row in arms.items():
            m = row["median"]
            print(
                f"{scenario:<5}{arm:<18}{row['instances']:>6}{m['jobs_per_s']:>9.1f}{_num(m['p50_ms']):>9}{_num(m['p99_ms']):>9}"
                f"{m['client_cpu_s_per_1000']:>10.2f}{m['requests_per_job']:>9.2f}{row['max_engine_cpu_cores']:>7.0%}  "
                f"{'yes' if row['valid'] else 'NO: ' + '; '.join(row['problems'])}"
            )
    print("\nRatios of median jobs/s (in brackets: the ratio within each repetition)")
    for name, value in report["ratios"].items():
        spread = ", ".join(f"{r:.2f}" for r in report["ratios_per_rep"].get(name, []))
        print(f"  {name:<42}{value:>8.2f}   [{spread}]")
    if report["idle"]:
        print(f"\nS5 idle ({report['idle_window_s']:g} s x {report['idle_reps']} per arm)")
        print(
            f"{'arm':<18}{'activations/min':>16}{'long poll s':>12}{'per long poll':>15}{'CPU s/min':>11}"
        )
        for arm, row in report["idle"].items():
            print(
                f"{arm:<18}{row['requests_per_min']:>16.2f}{row['long_poll_s']:>12g}"
                f"{row['requests_per_long_poll']:>15.2f}{row['client_cpu_s_per_min']:>11.3f}"
            )
    if report.get("engine_in_process_jobs_per_s"):
        print(
            f"\nEngine ceiling in process (no HTTP): {report['engine_in_process_jobs_per_s']:.0f} jobs/s"
        )
    print("\nTargets")
    for name, check in report["targets"].items():
        print(f"  {name:<44}{check['value']:>8.2f}  {'met' if check['met'] else 'NOT met'}")


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def in_process_ceiling(instances: int) -> float:
    """The engine's own drain rate without HTTP (benchmarks.devengine_inprocess)."""
    from benchmarks.devengine_inprocess import engine_arm

    return engine_arm(instances)["work_per_s"]


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short drains and idle windows")
    parser.add_argument("--reps", type=int, default=3, help="alternating repetitions")
    parser.add_argument("--seconds", type=float, help="target seconds per drain (20; quick 3)")
    parser.add_argument("--jobs", type=int, help="fixed N for every arm (skips calibration)")
    parser.add_argument("--window", type=float, help="S5 idle window per run, s (60; quick 10)")
    parser.add_argument("--s5-reps", type=int, default=1, help="S5 repetitions per arm")
    parser.add_argument("--arms", default=",".join(ARMS), help="comma-separated subset")
    parser.add_argument("--scenarios", default="S1,S3,S5", help="comma-separated subset")
    args = parser.parse_args(argv)
    args.arms = [arm for arm in args.arms.split(",") if arm]
    args.scenarios = [name.upper() for name in args.scenarios.split(",") if name]
    unknown = set(args.arms) - set(ARMS)
    if unknown:
        parser.error(f"unknown arm(s): {', '.join(sorted(unknown))}")
    args.seconds = args.seconds or (3.0 if args.quick else 20.0)
    args.window = args.window or (10.0 if args.quick else 60.0)
    return args


def run(args: argparse.Namespace) -> dict[str, Any]:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="b1-") as folder:
        logdir = Path(folder)
        engine = BenchEngine(logdir)
        try:
            progress(f"engine at {engine.url}")
            drain_results = drains(engine, args, logdir)
            idle_results = idles(engine, args, logdir) if "S5" in args.scenarios else {}
        finally:
            engine.stop()
    progress("engine ceiling in process")
    ceiling = in_process_ceiling(5_000 if args.quick else 20_000)
    rates = ratios(drain_results)
    return {
        "benchmark": "b1_workers",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": args.quick,
        "reps": args.reps,
        "target_seconds": args.seconds,
        "concurrency": CONCURRENCY,
        "idle_window_s": args.window,
        "idle_reps": args.s5_reps,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_before": load_before,
            "load_after": os.getloadavg(),
            "official_sdk": metadata.version("camunda-orchestration-sdk"),
            "celery": metadata.version("celery"),
        },
        "drains": drain_results,
        "ratios": rates,
        "ratios_per_rep": ratios_per_rep(drain_results),
        "idle": idle_results,
        "engine_in_process_jobs_per_s": ceiling,
        "targets": targets(drain_results, rates, idle_results),
    }


def main() -> int:
    args = parse()
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started ignoring it
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # finally-blocks stop everything
    try:
        report = run(args)
    except KeyboardInterrupt:
        progress("interrupted")
        return 130
    finally:
        stop_everything()
    print_report(report)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "b1.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
