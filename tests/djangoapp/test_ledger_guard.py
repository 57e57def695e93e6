"""The job ledger as the idempotency guard, run by the core's executor on a real database.

F16 end to end (a job really delivered twice by the engine) is in test_worker_e2e.py; here
the executor's own code path is driven with activated jobs built as Camunda sends them.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from camunda_testsite.orders import camunda_workers
from camunda_testsite.orders.models import Shipment
from django.db import connections
from jobs import make_job

from camunda_core.models.jobs import JobKind, JobListenerEventType, UserTaskProperties
from camunda_core.settings import load_settings
from camunda_core.worker import Complete, Fail, Handler, HandlerOptions, Job, ThrowError
from camunda_core.worker.executors import LocalExecutor
from camunda_core.worker.options import ResolvedOptions
from camunda_django.ledger import LedgerGuard
from camunda_django.models import JobRecord

pytestmark = pytest.mark.django_db(transaction=True)


def _deliver(func: Any, job_type: str, variables: dict[str, Any], key: str = "2251799813685301"):
    """One delivery of the job ``key`` through the executor with the ledger guard."""
    handler = Handler(job_type, func, HandlerOptions())
    options = ResolvedOptions.resolve(
        handler.options, load_settings(), handler.signature.fetch_variables()
    )
    job = Job(make_job(variables, type=job_type, job_key=key))

    async def run() -> Any:
        executor = LocalExecutor(2)
        try:
            return await executor.run(handler, job, options, LedgerGuard())
        finally:
            executor.close()
            # An async handler's ORM calls ran on asgiref's thread: close its connection there,
            # or it outlives the test and keeps the test database from being dropped.
            await sync_to_async(connections.close_all)()

    return asyncio.run(run())


def test_a_job_delivered_twice_has_its_side_effect_once() -> None:
    first = _deliver(camunda_workers.ship_order, "ship-order", {"order_id": "A-1"})
    second = _deliver(camunda_workers.ship_order, "ship-order", {"order_id": "A-1"})
    assert Shipment.objects.count() == 1
    assert first == second == Complete({"shipment_id": Shipment.objects.get().pk})
    record = JobRecord.objects.get()
    assert (record.job_key, record.job_type, record.state, record.attempts) == (
        "2251799813685301",
        "ship-order",
        "completed",
        2,
    )
    assert record.result_variables == {"shipment_id": Shipment.objects.get().pk}
    assert record.process_instance_key == "2251799813685250"
    assert record.element_id == "charge"
    assert record.finished_at is not None
    assert record.duration is not None
    assert record.last_seen >= record.first_seen


def test_a_failure_rolls_back_the_handlers_writes_and_runs_again() -> None:
    calls: list[int] = []

    def ship_then_fail(job: Job, order_id: str) -> None:
        Shipment.objects.create(order_id=order_id, job_key=job.key)
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("carrier <b>down</b>")

    failed = _deliver(ship_then_fail, "ship-order", {"order_id": "A-2"})
    assert isinstance(failed, Fail)
    assert Shipment.objects.count() == 0
    record = JobRecord.objects.get()
    assert (record.state, record.attempts) == ("failed", 1)
    assert "carrier <b>down</b>" in record.error_message

    retried = _deliver(ship_then_fail, "ship-order", {"order_id": "A-2"})
    assert retried == Complete()
    assert Shipment.objects.count() == 1
    record.refresh_from_db()
    assert (record.state, record.attempts, record.error_message) == ("completed", 2, "")


def test_a_thrown_bpmn_error_is_answered_again_without_running() -> None:
    calls: list[str] = []

    def check(order_id: str) -> None:
        calls.append(order_id)
        camunda_workers.check_stock(order_id)

    first = _deliver(check, "check-stock", {"order_id": "A-3"})
    second = _deliver(check, "check-stock", {"order_id": "A-3"})
    expected = ThrowError("OUT_OF_STOCK", "no stock for A-3", {"restock": True})
    assert first == second == expected
    assert calls == ["A-3"]
    record = JobRecord.objects.get()
    assert (record.state, record.error_code, record.attempts) == ("error_thrown", "OUT_OF_STOCK", 2)


def test_concurrent_deliveries_run_the_handler_once() -> None:
    """The second delivery waits for the first one's row lock, then answers from the ledger."""
    started = threading.Event()
    release = threading.Event()

    def slow_ship(job: Job, order_id: str) -> dict[str, Any]:
        Shipment.objects.create(order_id=order_id, job_key=job.key)
        started.set()
        release.wait(10)
        return {"shipped": True}

    results: list[Any] = []
    first = threading.Thread(
        target=lambda: results.append(_deliver(slow_ship, "ship-order", {"order_id": "A-4"}))
    )
    first.start()
    assert started.wait(10)
    second = threading.Thread(
        target=lambda: results.append(_deliver(slow_ship, "ship-order", {"order_id": "A-4"}))
    )
    second.start()
    release.set()
    first.join(20)
    second.join(20)
    assert results == [Complete({"shipped": True})] * 2
    assert Shipment.objects.count() == 1
    assert JobRecord.objects.get().attempts == 2


def test_task_listener_jobs_pass_through_the_ledger() -> None:
    listener = make_job(
        {},
        type="user-task-events",
        kind=JobKind.TASK_LISTENER,
        listener_event_type=JobListenerEventType.COMPLETING,
        user_task=UserTaskProperties(user_task_key="42"),
    )
    outcome = LedgerGuard().run(Job(listener), lambda: Complete())
    assert outcome == Complete()
    assert not JobRecord.objects.exists()


def test_an_async_handler_writing_through_the_orm_is_answered_again_without_running() -> None:
    """Its ``acreate`` runs on Django's thread: the guard must not hold the write lock meanwhile."""
    calls: list[str] = []

    async def ship(job: Job, order_id: str) -> dict[str, Any]:
        calls.append(order_id)
        shipment = await Shipment.objects.acreate(order_id=order_id, job_key=job.key)
        return {"shipment_id": shipment.pk}

    first = _deliver(ship, "ship-order", {"order_id": "A-5"})
    second = _deliver(ship, "ship-order", {"order_id": "A-5"})
    shipment = Shipment.objects.get()
    assert first == second == Complete({"shipment_id": shipment.pk})
    assert calls == ["A-5"]
    record = JobRecord.objects.get()
    assert (record.state, record.attempts, record.result_variables) == (
        "completed",
        2,
        {"shipment_id": shipment.pk},
    )


def test_an_async_handler_that_failed_runs_again_and_its_success_is_recorded() -> None:
    attempts: list[int] = []

    async def flaky(order_id: str) -> dict[str, Any]:
        attempts.append(len(attempts) + 1)
        if len(attempts) == 1:
            raise RuntimeError(f"carrier down for {order_id}")
        return {"carrier": "ok"}

    first = _deliver(flaky, "ship-order", {"order_id": "A-6"})
    assert isinstance(first, Fail)
    assert "carrier down for A-6" in first.message
    assert JobRecord.objects.get().state == "failed"
    second = _deliver(flaky, "ship-order", {"order_id": "A-6"})
    assert second == Complete({"carrier": "ok"})
    record = JobRecord.objects.get()
    assert (record.state, record.attempts, record.error_message) == ("completed", 2, "")
    assert attempts == [1, 2]
