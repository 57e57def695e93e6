"""The dev engine's HTTP ceiling: how fast a raw httpx worker loop drains a backlog of jobs.

B1 requires that the engine is never the bottleneck of a worker benchmark. This starts
``python -m camunda_core.devengine`` on a free loopback port, deploys a one-service-task
process, seeds N instances, then drains them with a raw ``httpx.AsyncClient`` loop
(activate up to 32, complete each, ``json.loads`` only) at a configurable concurrency. It
reports jobs/s and the engine process's CPU (from /proc/<pid>/stat, as a fraction of one
core) over the drain, and beside it the in-process ceiling (the runtime API, no HTTP).

Run: .venv/bin/python -m benchmarks.devengine_http [--jobs 20000] [--concurrency 2] [--reps 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks._common import cpu_seconds, one_task_bpmn, seed, start_engine

RESULTS = Path(__file__).resolve().parent / "results"
JOB_TYPE = "bench-work"
BATCH = 32
ACTIVATION = {
    "type": JOB_TYPE,
    "maxJobsToActivate": BATCH,
    "timeout": 60_000,
    "requestTimeout": 200,
    "worker": "raw",
}
BPMN = one_task_bpmn("bench", JOB_TYPE)


async def drain(url: str, count: int, concurrency: int) -> tuple[int, float]:
    """Activate and complete until ``count`` jobs are done: the number of HTTP requests, and
    when the last completion came back (idle polls after it do not count).

    Each loop has its own client and keep-alive connection and completes its batch one job
    after the other: on this machine that is what drives httpx fastest (a shared pool of many
    connections and 32 completions gathered at once cost the client more CPU per request).
    """
    done = 0
    requests = 0
    finished = 0.0
    headers = {"content-type": "application/json"}

    async def worker() -> None:
        nonlocal done, requests, finished
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            while done < count:
                response = await client.post("/jobs/activation", json=ACTIVATION)
                jobs = json.loads(response.content)["jobs"]
                requests += 1 + len(jobs)
                for job in jobs:
                    answer = await client.post(
                        f"/jobs/{job['jobKey']}/completion", content=b"{}", headers=headers
                    )
                    if answer.status_code != 204:
                        raise RuntimeError(
                            f"completion answered {answer.status_code}: {answer.text}"
                        )
                done += len(jobs)
                if done >= count and not finished:
                    finished = time.perf_counter()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return requests, finished


async def http_run(url: str, pid: int, jobs: int, concurrency: int) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        await seed(client, jobs)
    cpu_before, client_before = cpu_seconds(pid), time.process_time()
    start = time.perf_counter()
    requests, finished = await drain(url, jobs, concurrency)
    wall = finished - start
    cpu, client_cpu = cpu_seconds(pid) - cpu_before, time.process_time() - client_before
    return {
        "jobs_per_s": jobs / wall,
        "engine_cpu_cores": cpu / wall,
        "engine_cpu_ms_per_job": cpu / jobs * 1000,
        "client_cpu_cores": client_cpu / wall,
        "requests_per_job": requests / jobs,
        "wall_s": wall,
    }


def in_process_ceiling(jobs: int) -> float:
    """Jobs/s through the runtime API itself (no HTTP, no JSON): the engine's own limit."""
    from camunda_core.devengine import DevEngine

    with DevEngine() as dev:
        engine = dev.engine
        engine.deploy([("bench.bpmn", BPMN)], None)
        for _ in range(jobs):
            engine.create_process_instance(
                process_definition_id="bench", variables={"orderId": "A-1"}
            )
        start, done = time.perf_counter(), 0
        while done < jobs:
            batch = engine.activate_jobs(
                job_type=JOB_TYPE,
                worker="raw",
                timeout_ms=60_000,
                max_jobs=BATCH,
                request_timeout_ms=-1,
            ).result(30)
            for activated in batch:
                engine.complete_job(activated.job.job_key)
            done += len(batch)
        return jobs / (time.perf_counter() - start)


def _print_table(runs: list[dict[str, Any]], summary: dict[str, float]) -> None:
    print(
        f"{'arm':<28}{'jobs/s':>10}{'engine CPU':>12}{'CPU ms/job':>12}{'client CPU':>12}{'req/job':>9}"
    )
    rows = [(f"raw httpx, rep {i}", run) for i, run in enumerate(runs, 1)]
    for name, run in [*rows, ("median", summary)]:
        print(
            f"{name:<28}{run['jobs_per_s']:>10.0f}{run['engine_cpu_cores']:>11.0%} "
            f"{run['engine_cpu_ms_per_job']:>11.3f}{run['client_cpu_cores']:>11.0%} "
            f"{run['requests_per_job']:>9.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=2, help="worker loops")
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    engine, url = start_engine()
    try:
        httpx.post(
            f"{url}/deployments", files={"resources": ("bench.bpmn", BPMN, "application/xml")}
        ).raise_for_status()
        runs = [
            asyncio.run(http_run(url, engine.pid, args.jobs, args.concurrency))
            for _ in range(args.reps)
        ]
    finally:
        engine.send_signal(signal.SIGTERM)
        engine.wait(30)
    ceiling = in_process_ceiling(min(args.jobs, 20_000))
    summary = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    report = {
        "benchmark": "devengine_http",
        "jobs": args.jobs,
        "concurrency": args.concurrency,
        "batch": BATCH,
        "cpu_count": os.cpu_count(),
        "runs": runs,
        "median": summary,
        "in_process_jobs_per_s": ceiling,
        "http_over_in_process": summary["jobs_per_s"] / ceiling,
        "engine_bound": summary["engine_cpu_cores"] > 0.9,
        "load_average": [load_before, os.getloadavg()[0]],
    }
    _print_table(runs, summary)
    print(f"{'in-process ceiling (no HTTP)':<28}{ceiling:>10.0f}")
    print(
        f"HTTP / in-process: {report['http_over_in_process']:.2f}; engine bound: {report['engine_bound']}"
    )
    if max(report["load_average"]) > (os.cpu_count() or 1):
        print(f"machine busy (load {max(report['load_average']):.1f}): the rates are lower bounds")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "devengine_http.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
