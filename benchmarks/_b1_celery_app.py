"""B1/B4: the Celery app of the ours-celery arm, loaded by both of its processes.

The activator (``_b1_arms ours-celery``) takes :data:`router` and :data:`app` from here;
``celery -A benchmarks._b1_celery_app worker`` registers the same handlers under
:data:`ROUTER_NAME` and runs them. Environment:

- ``B1_BROKER``: the Redis URL (broker and result backend);
- ``B1_JOB_TYPES``: ``type=seconds,...``, one sync handler per job type that sleeps that long
  (the handler's I/O), then completes the job with no variables;
- ``B1_READY_FILE``: touched when the Celery worker consumes its queues;
- ``CAMUNDA_REST_ADDRESS``: the engine the Celery worker reports outcomes to.

``b4.noop`` is the bare Celery round trip of B4.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from celery import Celery
from celery.signals import worker_ready

from camunda_core.settings import CamundaSettings
from camunda_core.worker import JobRouter
from camunda_core.worker.celery_executor import register_router

ROUTER_NAME = "b1"
CONCURRENCY = 32

broker = os.environ.get("B1_BROKER", "redis://127.0.0.1:6379/0")
app = Celery("b1", broker=broker, backend=broker)
app.conf.update(
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
    result_expires=600,
)
router = JobRouter()


def _sleeper(seconds: float) -> Callable[[], None]:
    def work() -> None:
        if seconds:
            time.sleep(seconds)

    return work


for spec in filter(None, os.environ.get("B1_JOB_TYPES", "").split(",")):
    job_type, _, seconds = spec.partition("=")
    router.job_worker(job_type, max_jobs_active=CONCURRENCY)(_sleeper(float(seconds or 0)))

register_router(ROUTER_NAME, router, CamundaSettings)


@app.task(name="b4.noop")
def noop() -> None:
    """Nothing: B4's bare Celery round trip on the same broker."""


@worker_ready.connect
def _ready(**kwargs: Any) -> None:
    ready = os.environ.get("B1_READY_FILE")
    if ready:
        Path(ready).touch()
