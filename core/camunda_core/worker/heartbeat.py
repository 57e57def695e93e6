"""Keeping a long job's lock: extend its timeout before the deadline while the handler runs."""

from __future__ import annotations

import asyncio
import logging
import time

from camunda_core.client import AsyncCamundaClient
from camunda_core.errors import CamundaError
from camunda_core.worker.job import Job

__all__ = ["keep_alive"]

logger = logging.getLogger("camunda_core.worker")


async def keep_alive(client: AsyncCamundaClient, job: Job, timeout_ms: int) -> None:
    """Until cancelled, extend ``job``'s lock by ``timeout_ms`` each time half of it has passed.

    The first extension comes at half the time left to the activation deadline, so even a
    short remaining lock is extended in time.
    """
    remaining = job.activated.deadline / 1000 - time.time()
    wait = max(remaining / 2, 0.05)
    while True:
        await asyncio.sleep(wait)
        try:
            await client.update_job(job.key, timeout_ms=timeout_ms)
        except CamundaError as error:
            logger.warning("Could not extend the lock of job %s (%s): %s", job.key, job.type, error)
        else:
            logger.debug("Extended the lock of job %s by %d ms", job.key, timeout_ms)
        wait = max(timeout_ms / 2000, 0.05)
