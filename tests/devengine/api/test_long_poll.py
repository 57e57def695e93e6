"""Long-poll activation through every way of reaching the engine: a poll waits, returns as
soon as a job appears, many wait at once and each gets its own jobs, and a poll whose client
gave up does not swallow a job."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import httpx
import pytest
from fake_engine import FakeEngine, job_record
from polling import wait_for

from camunda_core.devengine import DevEngine

POLL = {"type": "work", "timeout": 60_000, "maxJobsToActivate": 2, "requestTimeout": 20_000}


def later(action: Callable[[], None], seconds: float = 0.2) -> threading.Timer:
    timer = threading.Timer(seconds, action)
    timer.start()
    return timer


def test_a_poll_returns_as_soon_as_a_job_is_created_in_process(
    raw: httpx.Client, fake: FakeEngine
) -> None:
    timer = later(lambda: fake.add_job(job_record("2251799813686000")))
    response = raw.post("/jobs/activation", json=POLL, timeout=30)
    timer.join()
    assert [j["jobKey"] for j in response.json()["jobs"]] == ["2251799813686000"]


def test_a_poll_returns_as_soon_as_a_job_is_created_over_http(
    served: str, fake: FakeEngine
) -> None:
    timer = later(lambda: fake.add_job(job_record("2251799813686000")))
    response = httpx.post(f"{served}/jobs/activation", json=POLL, timeout=30)
    timer.join()
    assert [j["jobKey"] for j in response.json()["jobs"]] == ["2251799813686000"]


async def test_an_async_poll_returns_as_soon_as_a_job_is_created(
    dev: DevEngine, fake: FakeEngine
) -> None:
    async with httpx.AsyncClient(transport=dev.async_transport(), base_url="http://d/v2") as h:
        timer = later(lambda: fake.add_job(job_record("2251799813686000")))
        response = await h.post("/jobs/activation", json=POLL, timeout=30)
        timer.join()
    assert len(response.json()["jobs"]) == 1


def test_an_empty_poll_ends_at_its_request_timeout(raw: httpx.Client) -> None:
    body = {**POLL, "requestTimeout": 100}
    assert raw.post("/jobs/activation", json=body, timeout=30).json() == {"jobs": []}


@pytest.mark.parametrize("where", ["in-process", "socket"])
async def test_many_polls_wait_at_once_and_each_gets_its_own_jobs(
    where: str, dev: DevEngine, fake: FakeEngine
) -> None:
    polls = 12
    with dev.serve() as url:
        if where == "socket":
            client = httpx.AsyncClient(base_url=url, limits=httpx.Limits(max_connections=polls))
        else:
            client = httpx.AsyncClient(transport=dev.async_transport(), base_url="http://d/v2")
        async with client:
            tasks = [
                asyncio.create_task(client.post("/jobs/activation", json=POLL, timeout=30))
                for _ in range(polls)
            ]
            await asyncio.to_thread(
                wait_for,
                lambda: fake.waiting_polls() == polls,
                what="the polls to wait",
                timeout=5.0,
                interval=0.01,
            )
            created = [str(2251799813686000 + i) for i in range(polls)]
            for key in created:
                fake.add_job(job_record(key))
            answers = await asyncio.wait_for(asyncio.gather(*tasks), 30)
    got = [job["jobKey"] for answer in answers for job in answer.json()["jobs"]]
    assert sorted(got) == created  # every job once: no poll got another's
    assert all(len(answer.json()["jobs"]) == 1 for answer in answers)  # each returned at once


@pytest.mark.parametrize("where", ["in-process", "socket"])
def test_a_poll_whose_client_gave_up_leaves_the_job_for_the_next(
    where: str, dev: DevEngine, fake: FakeEngine
) -> None:
    with dev.serve() as url:
        base = url if where == "socket" else "http://devengine/v2"
        transport = None if where == "socket" else dev.transport()
        with httpx.Client(base_url=base, transport=transport) as h:
            with pytest.raises(httpx.ReadTimeout):
                h.post("/jobs/activation", json=POLL, timeout=0.3)
            wait_for(
                lambda: fake.waiting_polls() == 0,
                what="the abandoned poll to be cancelled",
                timeout=5.0,
                interval=0.01,
            )
            fake.add_job(job_record("2251799813686000"))
            answer = h.post("/jobs/activation", json={**POLL, "requestTimeout": -1}, timeout=5)
    assert [j["jobKey"] for j in answer.json()["jobs"]] == ["2251799813686000"]
