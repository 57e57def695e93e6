"""Handlers in a long-running worker get their stale database connections closed, like requests."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from camunda_testsite.orders.models import Shipment
from django.db import connections

from camunda_core.worker import Job
from camunda_django.worker import _async_with_fresh_connections

pytestmark = pytest.mark.django_db(transaction=True)


def _orm_thread_connection_open() -> bool:
    return connections["default"].connection is not None


def test_an_async_handler_leaves_no_connection_open_on_the_orm_thread() -> None:
    """With CONN_MAX_AGE = 0 the connection its ``acount`` opened is closed after the job."""

    async def count_shipments(job: Job, order_id: str) -> dict[str, Any]:
        return {"shipments": await Shipment.objects.filter(order_id=order_id).acount()}

    wrapped = _async_with_fresh_connections(count_shipments)
    assert inspect.iscoroutinefunction(wrapped)
    assert inspect.signature(wrapped) == inspect.signature(count_shipments)

    async def run() -> tuple[Any, bool]:
        result = await wrapped(job=None, order_id="A-9")
        return result, await sync_to_async(_orm_thread_connection_open)()

    assert asyncio.run(run()) == ({"shipments": 0}, False)


def test_an_async_handler_that_raises_still_has_its_connection_closed() -> None:
    async def broken(order_id: str) -> None:
        await Shipment.objects.acount()
        raise RuntimeError(f"no carrier for {order_id}")

    async def run() -> bool:
        with pytest.raises(RuntimeError, match="no carrier for A-10"):
            await _async_with_fresh_connections(broken)(order_id="A-10")
        return await sync_to_async(_orm_thread_connection_open)()

    assert asyncio.run(run()) is False
