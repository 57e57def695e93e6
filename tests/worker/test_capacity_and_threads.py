"""Capacity bounds activation; the elastic pool frees a hung handler's slot (F15)."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from camunda_core.worker.backoff import Backoff
from camunda_core.worker.capacity import Capacity
from camunda_core.worker.threads import ElasticThreadPool


async def test_reserve_takes_every_free_slot_and_never_more() -> None:
    capacity = Capacity(8, threshold_fraction=0.25)
    assert await capacity.reserve() == 8
    assert capacity.free == 0
    capacity.release(5)
    assert await capacity.reserve() == 5
    assert capacity.used == 8


async def test_reserve_waits_for_the_threshold_then_wakes_without_a_fixed_sleep() -> None:
    capacity = Capacity(8, threshold_fraction=0.25)  # threshold 2
    await capacity.reserve()
    capacity.release(1)
    waiter = asyncio.ensure_future(capacity.reserve())
    await asyncio.sleep(0.01)
    assert not waiter.done(), "one free slot is below the threshold of two"
    capacity.release(1)
    assert await asyncio.wait_for(waiter, 1) == 2


async def test_a_type_is_bounded_by_the_worker_total() -> None:
    total = Capacity(4, threshold_fraction=0)
    first = Capacity(4, parent=total)
    second = Capacity(4, parent=total)
    assert await first.reserve() == 4
    waiter = asyncio.ensure_future(second.reserve())
    await asyncio.sleep(0.01)
    assert not waiter.done()
    first.release(3)
    assert await asyncio.wait_for(waiter, 1) == 3
    assert total.used == 4


def test_an_abandoned_call_gets_its_thread_replaced() -> None:
    pool = ElasticThreadPool(2)
    release = threading.Event()
    try:
        hung = pool.submit(release.wait, 10)
        time.sleep(0.05)
        assert pool.abandon(hung)
        assert pool.threads == 2  # the replacement; the stuck thread is no longer counted
        results = [pool.submit(lambda n=n: n * 2) for n in range(4)]
        assert [f.result(timeout=5) for f in results] == [0, 2, 4, 6]
        assert not pool.abandon(results[0]), "a finished call cannot be abandoned"
    finally:
        release.set()
        pool.shutdown(timeout=5)


def test_many_abandoned_calls_never_exhaust_the_pool() -> None:
    pool = ElasticThreadPool(1)
    release = threading.Event()
    try:
        for _ in range(5):
            stuck = pool.submit(release.wait, 10)
            deadline = time.monotonic() + 5
            while not stuck.running() and time.monotonic() < deadline:
                time.sleep(0.005)
            assert pool.abandon(stuck)
        assert pool.submit(lambda: "still works").result(timeout=5) == "still works"
    finally:
        release.set()
        pool.shutdown(timeout=5)
    deadline = time.monotonic() + 5
    while (
        any(t.name.startswith("camunda-worker") for t in threading.enumerate())
        and time.monotonic() < deadline
    ):
        time.sleep(0.01)
    assert not [t for t in threading.enumerate() if t.name.startswith("camunda-worker")]


def test_exceptions_reach_the_caller() -> None:
    pool = ElasticThreadPool(1)
    try:
        with pytest.raises(ZeroDivisionError):
            pool.submit(lambda: 1 / 0).result(timeout=5)
    finally:
        pool.shutdown()


def test_backoff_grows_to_the_cap_with_jitter_and_resets() -> None:
    backoff = Backoff(0.1, 1.0)
    delays = [backoff.next() for _ in range(8)]
    assert 0.05 <= delays[0] <= 0.1
    assert all(d <= 1.0 for d in delays)
    assert delays[-1] >= 0.5  # at the cap, jitter keeps it within [cap/2, cap]
    assert backoff.failures == 8
    backoff.reset()
    assert backoff.next() <= 0.1
