"""A real worker process for the shutdown and crash tests (F23, F24).

    python worker_process.py --url http://127.0.0.1:PORT/v2 --ledger PATH --name NAME
        [--job-type work] [--sleep 0] [--max-jobs-active 4] [--threads N] [--timeout-ms 2000]
        [--request-timeout-ms 500] [--http-timeout-ms 3000] [--grace-ms 5000]

Registers one sync handler for ``--job-type`` that writes ``start <job key> <name>`` to the
ledger file, sleeps ``--sleep`` seconds, writes ``done <job key> <name>`` and completes the
job. Then it runs ``JobWorker.run_until_signal()`` and exits with its code: SIGTERM/SIGINT
shut it down gracefully, a second signal at once, SIGKILL loses everything in flight.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from reliability import FileLedger

from camunda_core import Job, JobRouter, JobWorker, load_settings


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--ledger", required=True, type=Path)
    parser.add_argument("--name", required=True)
    parser.add_argument("--job-type", default="work")
    parser.add_argument("--sleep", type=float, default=0.0)
    parser.add_argument("--max-jobs-active", type=int, default=4)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--timeout-ms", type=int, default=2_000)
    parser.add_argument("--request-timeout-ms", type=int, default=500)
    parser.add_argument("--http-timeout-ms", type=int, default=3_000)
    parser.add_argument("--grace-ms", type=int, default=5_000)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    ledger = FileLedger(args.ledger)
    router = JobRouter()

    @router.job_worker(args.job_type, max_jobs_active=args.max_jobs_active)
    def handle(job: Job) -> dict[str, str]:
        ledger.record(job.key, "start", args.name)
        time.sleep(args.sleep)
        ledger.record(job.key, "done", args.name)
        return {"handledBy": args.name}

    settings = load_settings(
        rest_address=args.url,
        worker_name=args.name,
        worker_timeout_ms=args.timeout_ms,
        worker_request_timeout_ms=args.request_timeout_ms,
        http_timeout_ms=args.http_timeout_ms,
        worker_shutdown_grace_ms=args.grace_ms,
        worker_poll_backoff_max_ms=1_000,
        sdk_http_retry_base_delay_ms=20,
        sdk_http_retry_max_delay_ms=200,
    )
    worker = JobWorker(router, settings=settings, threads=args.threads)
    return worker.run_until_signal()


if __name__ == "__main__":
    sys.exit(main())
