"""B1/B4 machinery: the engine under observation, arm processes, and one measured run.

A run deploys a fresh process (one service task of the arm's job type), seeds N instances,
starts the arm's processes and waits until they are ready, resets the engine's counters,
says ``go``, and waits until the engine has answered N completions. Throughput and latency
come from the engine's own timestamps (instance start and end dates from its search API),
client CPU from /proc of the arm's processes (Celery worker included), requests from the
engine's observer. Every subprocess is stopped on the way out, whatever happens.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from benchmarks._common import (
    ROOT,
    cpu_delta,
    cpu_seconds,
    deploy,
    one_task_bpmn,
    seed_over,
    start_engine,
    tree_cpu_seconds,
)

#: Engine CPU (cores) above which the engine, not the worker, limits a run.
ENGINE_BOUND = 0.9
#: Finished instances the engine keeps for its search API (its default history limit).
HISTORY_LIMIT = 10_000
#: Operations a job worker sends.
WORKER_OPERATIONS = ("activateJobs", "completeJob", "failJob", "throwJobError", "updateJob")
REDIS_URL = os.environ.get("B1_REDIS_URL", "redis://127.0.0.1:6379/0")

_live: set[subprocess.Popen[Any]] = set()


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def clean_environment(**extra: str) -> dict[str, str]:
    """This environment without the user's CAMUNDA_*/ZEEBE_* (both SDKs read them)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAMUNDA_", "ZEEBE_"))}
    return {**env, **extra}


def _stop(process: subprocess.Popen[Any], sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """``sig``, then SIGKILL (its whole session when it has one of its own)."""
    try:
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                _kill(process)
    finally:
        _live.discard(process)


def _kill(process: subprocess.Popen[Any]) -> None:
    try:
        if os.getpgid(process.pid) == process.pid:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except ProcessLookupError:
        pass
    process.wait(10)


def stop_everything() -> None:
    """Every subprocess still running (SIGINT/SIGTERM of the benchmark lands here)."""
    for process in list(_live):
        _stop(process, timeout=10)


# --- the engine -------------------------------------------------------------------------------
class BenchEngine:
    """``python -m camunda_core.devengine`` with the B1 observer counting worker traffic."""

    def __init__(self, workdir: Path) -> None:
        self.counters_file = workdir / "engine-counters.json"
        self.process, self.url = start_engine(
            "--observer",
            "benchmarks._b1_observer:observe",
            env={"B1_COUNTERS_FILE": str(self.counters_file)},
        )
        _live.add(self.process)
        self.base = self.url.removesuffix("/v2")
        self.http = httpx.Client(base_url=self.url, timeout=60)

    def stop(self) -> None:
        self.http.close()
        _stop(self.process)

    def cpu(self) -> float:
        return cpu_seconds(self.process.pid)

    def counters(self) -> dict[str, Any]:
        self.http.get(f"{self.base}/_b1/counters")
        data: dict[str, Any] = json.loads(self.counters_file.read_text())
        return data

    def reset(self) -> None:
        self.http.get(f"{self.base}/_b1/reset")

    def prepare(self, process_id: str, job_type: str, instances: int) -> None:
        deploy(self.url, [(f"{process_id}.bpmn", one_task_bpmn(process_id, job_type))])
        if instances:
            asyncio.run(seed_over(self.url, instances, process_id))

    def instances(self, process_id: str) -> list[dict[str, Any]]:
        body = {"filter": {"processDefinitionId": process_id}, "page": {"limit": HISTORY_LIMIT}}
        return list(self.http.post("/process-instances/search", json=body).json()["items"])

    def count(self, resource: str, flt: Mapping[str, Any]) -> int:
        body = {"filter": dict(flt), "page": {"limit": 1}}
        return int(self.http.post(f"/{resource}/search", json=body).json()["page"]["totalItems"])


# --- arm processes ----------------------------------------------------------------------------
class _Lines:
    """A subprocess's stdout lines, readable with a timeout."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        assert process.stdout is not None
        stdout = process.stdout

        def pump() -> None:
            for line in stdout:
                self._queue.put(line.rstrip("\n"))
            self._queue.put("")

        threading.Thread(target=pump, daemon=True).start()

    def expect(self, prefix: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if line.startswith(prefix):
                return line
            if line == "":
                raise RuntimeError(f"the process ended before saying {prefix!r}")
        raise RuntimeError(f"no {prefix!r} within {timeout:g}s")


@dataclass
class ArmSpec:
    """What one arm runs: its name, job type, handler sleep and concurrency."""

    arm: str
    job_type: str
    sleep: float
    concurrency: int = 32


class ArmProcesses:
    """The arm's process (and, for ours-celery, its Celery worker), ready to go."""

    def __init__(self, spec: ArmSpec, url: str, logdir: Path) -> None:
        self.spec = spec
        self.url = url
        self.logdir = logdir
        self.processes: list[subprocess.Popen[str]] = []
        self._lines: _Lines | None = None

    def start(self) -> None:
        spec = self.spec
        queue_name = f"b1-{uuid.uuid4().hex[:10]}"
        if spec.arm == "ours-celery":
            self.start_celery(queue_name)
        command = [
            sys.executable, "-m", "benchmarks._b1_arms", spec.arm, "--url", self.url,
            "--job-type", spec.job_type, "--sleep", str(spec.sleep),
            "--concurrency", str(spec.concurrency), "--queue", queue_name,
        ]  # fmt: skip
        process = self._popen(command, self._env(), f"{spec.arm}.log", stdin=subprocess.PIPE)
        self._lines = _Lines(process)
        self._lines.expect("ready", 120)

    def _env(self) -> dict[str, str]:
        return clean_environment(
            B1_BROKER=REDIS_URL,
            B1_JOB_TYPES=f"{self.spec.job_type}={self.spec.sleep}",
            CAMUNDA_REST_ADDRESS=self.url,
        )

    def start_celery(self, queue_name: str) -> None:
        """A Celery worker (threads pool, 32) on ``queue_name``, ready when this returns."""
        ready = self.logdir / f"celery-ready-{queue_name}"
        command = [
            sys.executable, "-m", "celery", "-A", "benchmarks._b1_celery_app", "worker",
            "--pool", "threads", "--concurrency", "32", "-Q", queue_name,
            "--hostname", f"{queue_name}@%h", "--loglevel", "warning",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        env = {**self._env(), "B1_READY_FILE": str(ready)}
        process = self._popen(command, env, "celery.log")
        deadline = time.monotonic() + 60
        while not ready.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Celery worker did not start (see {self.logdir})")
            time.sleep(0.05)

    def _popen(
        self, command: list[str], env: dict[str, str], log: str, stdin: int | None = None
    ) -> subprocess.Popen[str]:
        with open(self.logdir / log, "a", encoding="utf-8") as stderr:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdin=stdin if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE if stdin is not None else stderr,
                stderr=stderr,
                text=True,
                start_new_session=True,
            )
        _live.add(process)
        self.processes.append(process)
        return process

    @property
    def pids(self) -> list[int]:
        return [process.pid for process in self.processes]

    def go(self) -> None:
        arm = self.processes[-1]
        assert arm.stdin is not None
        arm.stdin.write("go\n")
        arm.stdin.flush()

    def stop(self) -> None:
        """The arm first (it stops activating and lets in-flight jobs end), then Celery."""
        for process in reversed(self.processes):
            if process.stdin is not None and process.poll() is None:
                with suppress(BrokenPipeError):
                    process.stdin.write("stop\n")
                    process.stdin.close()
                with suppress(subprocess.TimeoutExpired):
                    process.wait(30)
            _stop(process)


@contextmanager
def arm_running(spec: ArmSpec, url: str, logdir: Path) -> Iterator[ArmProcesses]:
    processes = ArmProcesses(spec, url, logdir)
    try:
        processes.start()
        yield processes
    finally:
        processes.stop()


# --- one measured run -------------------------------------------------------------------------
def timestamp(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def drain_run(
    engine: BenchEngine, spec: ArmSpec, instances: int, tag: str, logdir: Path, timeout: float
) -> dict[str, Any]:
    """Drain ``instances`` waiting jobs with the arm; what the engine and /proc saw."""
    process_id = f"{spec.job_type}-{tag}"
    engine.prepare(process_id, spec.job_type, instances)
    with arm_running(spec, engine.url, logdir) as arm:
        engine.reset()
        client_before, engine_before = tree_cpu_seconds(arm.pids), engine.cpu()
        started = time.time()
        arm.go()
        counters = _wait_for_completions(engine, instances, timeout)
        finished = time.time()
        client_cpu = cpu_delta(client_before, tree_cpu_seconds(arm.pids))
        engine_cpu = engine.cpu() - engine_before
    return _drain_result(
        engine, process_id, instances, counters, started, finished, client_cpu, engine_cpu
    )


def _wait_for_completions(engine: BenchEngine, instances: int, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        time.sleep(0.1)
        counters = engine.counters()
        if counters["completed"] >= instances or time.monotonic() > deadline:
            return counters


def _drain_result(
    engine: BenchEngine,
    process_id: str,
    instances: int,
    counters: dict[str, Any],
    started: float,
    finished: float,
    client_cpu: float,
    engine_cpu: float,
) -> dict[str, Any]:
    found = engine.instances(process_id)
    done = [i for i in found if i["state"] == "COMPLETED" and i.get("endDate")]
    latencies = [(timestamp(i["endDate"]) - timestamp(i["startDate"])) * 1000 for i in done]
    last_end = max((timestamp(i["endDate"]) for i in done), default=finished)
    wall = max(last_end - started, 1e-3)
    requests = sum(counters["operations"].get(op, 0) for op in WORKER_OPERATIONS)
    unfinished = engine.count(
        "jobs", {"processDefinitionId": process_id, "state": {"$neq": "COMPLETED"}}
    )
    incidents = engine.count("incidents", {"processDefinitionId": process_id})
    engine_cores = engine_cpu / max(finished - started, 1e-3)
    problems = []
    if len(done) < instances:
        problems.append(f"{instances - len(done)} instance(s) not completed")
    if counters["completed_twice"]:
        problems.append(f"{counters['completed_twice']} job(s) completed twice")
    if unfinished:
        problems.append(f"{unfinished} job(s) left activated or open")
    if incidents:
        problems.append(f"{incidents} incident(s)")
    if engine_cores > ENGINE_BOUND:
        problems.append(f"engine bound ({engine_cores:.0%} of a core)")
    return {
        "instances": instances,
        "completed": len(done),
        "jobs_per_s": len(done) / wall,
        "wall_s": wall,
        "p50_ms": percentile(latencies, 0.5) if latencies else None,
        "p99_ms": percentile(latencies, 0.99) if latencies else None,
        "client_cpu_s_per_1000": client_cpu / max(len(done), 1) * 1000,
        "requests_per_job": requests / max(len(done), 1),
        "engine_cpu_cores": engine_cores,
        "counters": counters,
        "valid": not problems,
        "problems": problems,
    }


def idle_run(engine: BenchEngine, spec: ArmSpec, window: float, logdir: Path) -> dict[str, Any]:
    """Activation requests and client CPU of an arm with no jobs for ``window`` seconds."""
    with arm_running(spec, engine.url, logdir) as arm:
        engine.reset()
        client_before = tree_cpu_seconds(arm.pids)
        arm.go()
        time.sleep(window)
        counters = engine.counters()
        client_cpu = cpu_delta(client_before, tree_cpu_seconds(arm.pids))
    requests = counters["activation_requests"].get(spec.job_type, 0)
    return {
        "window_s": window,
        "activation_requests": requests,
        "requests_per_min": requests / window * 60,
        "client_cpu_s_per_min": client_cpu / window * 60,
    }


def median_of(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [run[key] for run in runs if run.get(key) is not None]
    return statistics.median(values) if values else None
