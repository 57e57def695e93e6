"""B1/B4 arms: one job-worker implementation per process, driven over stdin and stdout.

    python -m benchmarks._b1_arms ARM --url URL --job-type TYPE [--sleep S] [--concurrency C]

The process imports and builds everything, prints ``ready``, starts the worker on ``go``,
and on ``stop`` (or end of input, SIGTERM, SIGINT) stops it and prints ``stopped``. So the
parent measures the worker, not the interpreter start. Every arm completes each job with no
variables after an optional ``asyncio.sleep``/``time.sleep`` of ``--sleep`` seconds (the
handler's I/O), fetches all variables, and holds at most ``--concurrency`` jobs.

Arms: ours-async, ours-thread, ours-celery (the activator; the Celery worker is another
process, see ``_b1_celery_app``), official-default, official-matched, raw-httpx.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

#: The official SDK needs a job timeout; its README's examples use 30 s.
OFFICIAL_JOB_TIMEOUT_MS = 30_000
#: Long poll of the raw arm: the same as ours (CAMUNDA_WORKER_REQUEST_TIMEOUT_MS default).
RAW_LONG_POLL_MS = 20_000

Runner = Callable[[asyncio.Event], Awaitable[dict[str, Any]]]


# --- ours -------------------------------------------------------------------------------------
def ours(args: argparse.Namespace, *, threaded: bool = False, celery: bool = False) -> Runner:
    from camunda_core.settings import CamundaSettings
    from camunda_core.worker import JobRouter, JobWorker

    dispatcher = None
    if celery:
        from benchmarks import _b1_celery_app
        from camunda_core.worker.celery_executor import CeleryDispatcher

        router = _b1_celery_app.router
        dispatcher = CeleryDispatcher(
            _b1_celery_app.app, _b1_celery_app.ROUTER_NAME, default_queue=args.queue
        )
    else:
        router = JobRouter()
        seconds = args.sleep
        if threaded:

            def work() -> None:
                if seconds:
                    time.sleep(seconds)
        else:

            async def work() -> None:  # type: ignore[misc]
                if seconds:
                    await asyncio.sleep(seconds)

        router.job_worker(args.job_type, max_jobs_active=args.concurrency)(work)
    worker = JobWorker(
        router,
        settings=CamundaSettings(rest_address=args.url),
        job_types=[args.job_type],
        max_concurrent_jobs=args.concurrency,
        dispatcher=dispatcher,
    )

    async def run(stop: asyncio.Event) -> dict[str, Any]:
        running = asyncio.ensure_future(worker.run())
        await stop.wait()
        worker.stop()
        await running
        return {"activations": {"/".join(k): n for k, n in worker.metrics.activations.items()}}

    return run


# --- the official SDK -----------------------------------------------------------------------
def official(args: argparse.Namespace, *, matched: bool) -> Runner:
    from camunda_orchestration_sdk import CamundaAsyncClient, WorkerConfig

    seconds = args.sleep

    async def work(job: Any) -> dict[str, Any]:
        if seconds:
            await asyncio.sleep(seconds)
        return {}

    config = WorkerConfig(
        job_type=args.job_type,
        job_timeout_milliseconds=OFFICIAL_JOB_TIMEOUT_MS,
        max_concurrent_jobs=args.concurrency if matched else None,
    )

    async def run(stop: asyncio.Event) -> dict[str, Any]:
        client = CamundaAsyncClient(configuration={"CAMUNDA_REST_ADDRESS": args.url})
        worker = client.create_job_worker(config=config, callback=work)
        await stop.wait()
        worker.stop()
        await client.aclose()
        return {"max_concurrent_jobs": worker.config.max_concurrent_jobs}

    return run


# --- the reference limit --------------------------------------------------------------------
def raw(args: argparse.Namespace) -> Runner:
    """One ``httpx.AsyncClient``; an activation loop that asks for the free slots (at least a
    quarter of them, as ours does) and feeds completions; ``json.loads`` only."""
    import httpx

    concurrency, seconds = args.concurrency, args.sleep
    headers = {"content-type": "application/json"}

    async def run(stop: asyncio.Event) -> dict[str, Any]:
        # httpx's default pool, as our client has: only the framework differs between the arms.
        async with httpx.AsyncClient(base_url=args.url, timeout=60) as client:
            free = concurrency
            freed = asyncio.Event()
            tasks: set[asyncio.Task[None]] = set()

            async def complete(job_key: str) -> None:
                nonlocal free
                if seconds:
                    await asyncio.sleep(seconds)
                await client.post(f"/jobs/{job_key}/completion", content=b"{}", headers=headers)
                free += 1
                freed.set()

            async def activate() -> None:
                nonlocal free
                while True:
                    while free < max(1, concurrency // 4) and free < concurrency:
                        freed.clear()
                        await freed.wait()
                    asked, free = free, 0
                    body = {
                        "type": args.job_type,
                        "maxJobsToActivate": asked,
                        "timeout": OFFICIAL_JOB_TIMEOUT_MS,
                        "requestTimeout": RAW_LONG_POLL_MS,
                        "worker": "raw",
                    }
                    response = await client.post("/jobs/activation", json=body)
                    jobs = json.loads(response.content)["jobs"]
                    free += asked - len(jobs)
                    for job in jobs:
                        task = asyncio.ensure_future(complete(job["jobKey"]))
                        tasks.add(task)
                        task.add_done_callback(tasks.discard)

            loop = asyncio.ensure_future(activate())
            await stop.wait()
            loop.cancel()
            await asyncio.gather(loop, *tasks, return_exceptions=True)
        return {}

    return run


ARMS: dict[str, Callable[[argparse.Namespace], Runner]] = {
    "ours-async": ours,
    "ours-thread": lambda args: ours(args, threaded=True),
    "ours-celery": lambda args: ours(args, celery=True),
    "official-default": lambda args: official(args, matched=False),
    "official-matched": lambda args: official(args, matched=True),
    "raw-httpx": raw,
}


# --- the process ----------------------------------------------------------------------------
def _commands(loop: asyncio.AbstractEventLoop, go: asyncio.Event, stop: asyncio.Event) -> None:
    """Read ``go``/``stop`` lines on a daemon thread (a blocked read never delays exit)."""

    def read() -> None:
        for line in sys.stdin:
            command = line.strip()
            if command == "go":
                loop.call_soon_threadsafe(go.set)
            elif command == "stop":
                break
        loop.call_soon_threadsafe(go.set)
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=read, name="arm-commands", daemon=True).start()


async def main(args: argparse.Namespace) -> int:
    runner = ARMS[args.arm](args)
    loop = asyncio.get_running_loop()
    go, stop = asyncio.Event(), asyncio.Event()

    def on_signal() -> None:
        go.set()
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, on_signal)
    _commands(loop, go, stop)
    print("ready", flush=True)
    await go.wait()
    details = await runner(stop)
    print("stopped " + json.dumps(details), flush=True)
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("arm", choices=sorted(ARMS))
    parser.add_argument("--url", required=True, help="REST address (http://host:port/v2)")
    parser.add_argument("--job-type", required=True)
    parser.add_argument("--sleep", type=float, default=0.0, help="handler I/O time, seconds")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--queue", default="b1", help="Celery queue (ours-celery)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse())))
