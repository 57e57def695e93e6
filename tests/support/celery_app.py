"""The Celery app and job handlers of the Celery executor tests; both sides load this module.

The tests start ``celery -A celery_app worker`` (tests/support on ``PYTHONPATH``): that
process registers :data:`router` under :data:`ROUTER_NAME` (and, guarded by a
:class:`sqlite_guard.SqliteJobGuard`, under :data:`GUARDED_ROUTER_NAME`) and runs the
handlers when the activator in the test process dispatches a job. The test process builds
its own Celery app for the same broker with :func:`create_app`.

Environment of the Celery worker process:

- ``CELERY_TEST_BROKER`` / ``CELERY_TEST_BACKEND``: broker and result backend URLs, or
  ``CELERY_TEST_EMBEDDED``: a folder for the filesystem broker of ``embedded_celery_settings``;
- ``CAMUNDA_REST_ADDRESS``: the dev engine;
- ``CELERY_TEST_DIR``: where handlers write what they did (:func:`ledger` reads it back)
  and the worker says it is ready (``ready-<pid>``).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from celery import Celery, current_task
from celery.signals import worker_ready
from sqlite_guard import SqliteJobGuard

from camunda_core import BpmnError, JobFailure
from camunda_core.settings import CamundaSettings
from camunda_core.worker import Job, JobRouter
from camunda_core.worker.celery_executor import embedded_celery_settings, register_router

ROUTER_NAME = "celery-tests"
GUARDED_ROUTER_NAME = "celery-tests-guarded"
#: How long the first attempt of ``celery-slow`` sleeps (the tests kill it before that).
SLOW_FIRST_ATTEMPT = 60.0
#: How long each run of ``celery-hold`` keeps its slot.
HOLD_SECONDS = 0.3

router = JobRouter()


def create_app(settings: Mapping[str, Any]) -> Celery:
    """A Celery app with these settings (``broker_url``, ``result_backend``...)."""
    app = Celery("camunda-celery-tests")
    app.conf.update(
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        task_default_queue="celery-tests-unused",
        **settings,
    )
    return app


def settings_from(environ: Mapping[str, str]) -> dict[str, Any]:
    """The broker settings named by the environment (see the module docstring)."""
    if environ.get("CELERY_TEST_EMBEDDED"):
        return embedded_celery_settings(environ["CELERY_TEST_EMBEDDED"])
    return {
        "broker_url": environ.get("CELERY_TEST_BROKER", "memory://"),
        "result_backend": environ.get("CELERY_TEST_BACKEND", "cache+memory://"),
    }


# --- what the handlers did ------------------------------------------------------------------
def _record(kind: str, job: Job, **details: Any) -> None:
    """Append one line to the ledger (one write: lines of concurrent processes never mix)."""
    line = json.dumps({"kind": kind, "job": job.key, "pid": os.getpid(), **details}) + "\n"
    with open(Path(os.environ["CELERY_TEST_DIR"]) / "ledger.jsonl", "a", encoding="utf-8") as f:
        f.write(line)


def ledger(directory: Path) -> list[dict[str, Any]]:
    """Every line the handlers wrote to the ledger in ``directory``."""
    path = directory / "ledger.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _queue() -> str:
    """The queue the running Celery task came from."""
    return str((current_task.request.delivery_info or {}).get("routing_key"))


# --- the handlers ---------------------------------------------------------------------------
@router.job_worker("celery-double")
def double(job: Job, n: int) -> dict[str, Any]:
    _record("double", job, n=n)
    return {"doubled": n * 2, "ranIn": os.getpid(), "queue": _queue()}


@router.job_worker("celery-other-queue")
def other_queue(job: Job) -> dict[str, Any]:
    _record("other-queue", job)
    return {"queue": _queue()}


@router.job_worker("celery-out-of-stock")
def out_of_stock(job: Job, item: str) -> None:
    _record("out-of-stock", job)
    raise BpmnError("out-of-stock", f"no {item} left", {"missing": item})


@router.job_worker("celery-gateway-down")
def gateway_down(job: Job) -> None:
    _record("gateway-down", job)
    raise JobFailure("payment gateway down", retries=0)


@router.job_worker("celery-broken")
def broken(job: Job) -> None:
    _record("broken", job)
    raise ValueError("the input is broken")


@router.job_worker("celery-hold")
def hold(job: Job) -> None:
    _record("hold-start", job)
    time.sleep(HOLD_SECONDS)
    _record("hold-end", job)


@router.job_worker("celery-slow")
def slow(job: Job) -> dict[str, Any]:
    """Sleeps long on the first attempt (the test kills it there), returns at once after."""
    attempts = [
        e
        for e in ledger(Path(os.environ["CELERY_TEST_DIR"]))
        if e["kind"] == "slow-attempt" and e["job"] == job.key
    ]
    _record("slow-attempt", job)
    if SqliteJobGuard.recording():
        SqliteJobGuard.record_effect(job.key, "charged")  # commits with the outcome, or never
    else:
        _record("slow-effect", job)
    if not attempts:
        time.sleep(SLOW_FIRST_ATTEMPT)
    return {"attempt": len(attempts) + 1}


@router.job_worker("celery-once")
def once(job: Job) -> dict[str, Any]:
    _record("once", job)
    return {"ranIn": os.getpid()}


@router.job_worker("celery-long", timeout_ms=1_500, heartbeat=True)
def long_running(job: Job) -> dict[str, Any]:
    """Outlives its 1.5 s lock: only the heartbeat keeps the job from being offered again."""
    _record("long-start", job)
    time.sleep(3.5)
    _record("long-end", job)
    return {"ranIn": os.getpid()}


@router.job_worker("celery-overrun", execution_timeout_ms=500)
def overrun(job: Job) -> None:
    """Hangs past its 0.5 s execution timeout: Celery interrupts it, the job is failed."""
    _record("overrun-start", job)
    time.sleep(3)
    _record("overrun-end", job)


def _camunda_settings() -> CamundaSettings:
    return CamundaSettings()


def _announce_ready(**kwargs: Any) -> None:
    """Tell the test that started this Celery worker that it consumes its queues now."""
    (Path(os.environ["CELERY_TEST_DIR"]) / f"ready-{os.getpid()}").touch()


if os.environ.get("CELERY_TEST_DIR"):  # the Celery worker process
    app = create_app(settings_from(os.environ))
    worker_ready.connect(_announce_ready, weak=False)
    register_router(ROUTER_NAME, router, _camunda_settings)
    register_router(
        GUARDED_ROUTER_NAME,
        router,
        _camunda_settings,
        guard=SqliteJobGuard(Path(os.environ["CELERY_TEST_DIR"]) / "guard.sqlite3"),
    )
else:  # imported by the tests for the router and create_app()
    app = create_app(settings_from({}))
