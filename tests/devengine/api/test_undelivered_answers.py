"""An activation answer that cannot reach its client gives its jobs back (Zeebe's job yield).

Without this, a long poll the client abandoned could still be served a job created just as
it left, which then stayed locked to nobody until its timeout.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Future

import httpx
from reliability import one_task_process

from camunda_core import CamundaClient
from camunda_core.devengine import DevEngine
from camunda_core.devengine.http.futures import chain
from camunda_core.devengine.http.messages import Response

ATTEMPTS = 20
ACTIVATION = {
    "type": "work",
    "worker": "abandoned",
    "timeout": 60_000,
    "maxJobsToActivate": 1,
    "requestTimeout": 10_000,
}


async def _abandon_a_poll(http: httpx.AsyncClient) -> None:
    poll = asyncio.ensure_future(http.post("/jobs/activation", json=ACTIVATION))
    await asyncio.sleep(0.05)
    poll.cancel()
    await asyncio.gather(poll, return_exceptions=True)


async def _abandon_polls_and_count_offers(http: httpx.AsyncClient, camunda: CamundaClient) -> int:
    """Each round: a poll is abandoned, a job is created, a live worker must get that job."""
    offered = 0
    for _ in range(ATTEMPTS):
        await _abandon_a_poll(http)
        camunda.create_process_instance("p")
        await asyncio.sleep(0.02)
        jobs = camunda.activate_jobs("work", max_jobs=1, request_timeout_ms=2_000, worker="live")
        offered += len(jobs)
    return offered


def test_over_http_an_abandoned_long_poll_keeps_no_job() -> None:
    with DevEngine() as dev, dev.serve() as url, CamundaClient(rest_address=url) as camunda:
        camunda.create_deployment(("work.bpmn", one_task_process("p", "work")))

        async def scenario() -> int:
            async with httpx.AsyncClient(base_url=url) as http:
                return await _abandon_polls_and_count_offers(http, camunda)

        assert asyncio.run(scenario()) == ATTEMPTS, "a job stayed locked to an abandoned poll"


def test_in_process_an_abandoned_long_poll_keeps_no_job() -> None:
    with DevEngine() as dev, dev.client() as camunda:
        camunda.create_deployment(("work.bpmn", one_task_process("p", "work")))

        async def scenario() -> int:
            transport = dev.async_transport()
            async with httpx.AsyncClient(
                base_url="http://devengine/v2", transport=transport
            ) as http:
                return await _abandon_polls_and_count_offers(http, camunda)

        assert asyncio.run(scenario()) == ATTEMPTS, "a job stayed locked to an abandoned poll"


def test_a_result_arriving_after_cancellation_is_discarded_not_lost() -> None:
    """The runtime took the poll (its future is running) just as the client left."""
    source: Future[str] = Future()
    discarded: list[Response] = []
    target = chain(source, lambda done: Response(200, done.result().encode()), discarded.append)
    assert isinstance(target, Future)
    assert source.set_running_or_notify_cancel()
    target.cancel()  # cannot cancel a running source any more
    source.set_result("jobs")
    assert [r.body for r in discarded] == [b"jobs"]
