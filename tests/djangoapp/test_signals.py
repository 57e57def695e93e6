"""Core events become Django signals with the documented sender and arguments; receivers may
use the ORM even when the worker emits from its event loop; user-task receivers may deny."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from camunda_testsite.orders import camunda_workers
from camunda_testsite.orders.models import Shipment
from django.dispatch import Signal
from jobs import make_job

from camunda_core.events import (
    JobActivated,
    JobCompleted,
    JobErrorThrown,
    JobEvent,
    JobFailed,
    JobReportRejected,
    JobReturned,
)
from camunda_core.models.jobs import JobKind, JobListenerEventType, UserTaskProperties
from camunda_core.worker import Complete, Job
from camunda_core.worker.task_listeners import UserTaskEvent, user_task_listener
from camunda_django import signals
from camunda_django.forwarding import SignalSink, send_user_task_signal

JOB = Job(make_job({"order_id": "A-1"}, type="ship-order"))


class Recorder:
    """A receiver that keeps what it got."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.threads: list[str] = []

    def __call__(self, sender: Any, **kwargs: Any) -> None:
        self.calls.append({"sender": sender, **kwargs})
        self.threads.append(threading.current_thread().name)


@pytest.fixture
def connect() -> Iterator[Any]:
    connected: list[tuple[Signal, Recorder]] = []

    def attach(signal: Signal) -> Recorder:
        recorder = Recorder()
        signal.connect(recorder, weak=False)
        connected.append((signal, recorder))
        return recorder

    yield attach
    for signal, recorder in connected:
        signal.disconnect(recorder)


EVENTS: list[tuple[JobEvent, Signal, dict[str, Any]]] = [
    (JobActivated(JOB), signals.job_activated, {}),
    (
        JobCompleted(JOB, {"shipment_id": 1}, 0.5),
        signals.job_completed,
        {"variables": {"shipment_id": 1}, "duration": 0.5},
    ),
    (
        JobFailed(JOB, "boom", 2, 0.25),
        signals.job_failed,
        {"message": "boom", "retries": 2, "duration": 0.25},
    ),
    (
        JobErrorThrown(JOB, "OUT_OF_STOCK", "none left", 0.1),
        signals.bpmn_error_thrown,
        {"code": "OUT_OF_STOCK", "message": "none left", "duration": 0.1},
    ),
    (JobReturned(JOB, "stopping"), signals.job_returned, {"reason": "stopping"}),
    (
        JobReportRejected(JOB, "completion", 404, "gone"),
        signals.job_report_rejected,
        {"outcome": "completion", "status": 404, "detail": "gone"},
    ),
]


@pytest.mark.parametrize(("event", "signal", "arguments"), EVENTS)
def test_each_job_event_is_sent_as_its_signal(
    connect: Any, event: JobEvent, signal: Signal, arguments: dict[str, Any]
) -> None:
    recorder = connect(signal)
    SignalSink({"ship-order": camunda_workers.ship_order})(event)
    assert recorder.calls == [
        {
            "signal": signal,
            "sender": camunda_workers.ship_order,
            "job": JOB,
            "event": event,
            **arguments,
        }
    ]


def test_receivers_can_filter_by_handler(connect: Any) -> None:
    received: list[Any] = []

    def only_shipping(sender: Any, **kwargs: Any) -> None:
        received.append(kwargs["job"].type)

    signals.job_completed.connect(only_shipping, sender=camunda_workers.ship_order)
    try:
        sink = SignalSink(
            {"ship-order": camunda_workers.ship_order, "charge-card": camunda_workers.charge_card}
        )
        sink(JobCompleted(JOB, None, 0.0))
        sink(JobCompleted(Job(make_job(type="charge-card")), None, 0.0))
    finally:
        signals.job_completed.disconnect(only_shipping, sender=camunda_workers.ship_order)
    assert received == ["ship-order"]


@pytest.mark.django_db(transaction=True)
def test_events_from_the_event_loop_reach_receivers_that_use_the_orm(connect: Any) -> None:
    def record_shipment(sender: Any, job: Job, **kwargs: Any) -> None:
        Shipment.objects.create(order_id=job.variables["order_id"], job_key=job.key)

    signals.job_completed.connect(record_shipment)
    recorder = connect(signals.job_completed)
    sink = SignalSink({"ship-order": camunda_workers.ship_order})

    async def emit_on_loop() -> None:
        for _ in range(3):
            sink(JobCompleted(JOB, None, 0.0))

    try:
        asyncio.run(emit_on_loop())
        sink.close()
    finally:
        signals.job_completed.disconnect(record_shipment)
    assert Shipment.objects.count() == 3
    assert recorder.threads == ["camunda-django-signals"] * 3


def test_a_failing_receiver_is_logged_and_others_still_run(
    connect: Any, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(sender: Any, **kwargs: Any) -> None:
        raise ValueError("receiver bug")

    signals.job_failed.connect(broken)
    recorder = connect(signals.job_failed)
    try:
        SignalSink({})(JobFailed(JOB, "boom", 0, 0.0))
    finally:
        signals.job_failed.disconnect(broken)
    assert len(recorder.calls) == 1
    assert recorder.calls[0]["sender"] is None
    assert "receiver bug" in caplog.text


def _listener_job(event_type: str) -> Job:
    return Job(
        make_job(
            {"amount": 900},
            type="user-task-events",
            kind=JobKind.TASK_LISTENER,
            listener_event_type=JobListenerEventType(event_type.upper()),
            user_task=UserTaskProperties(user_task_key="42", assignee="anna", action="complete"),
        )
    )


@pytest.mark.parametrize(
    "event_type", ["creating", "assigning", "updating", "completing", "canceling"]
)
def test_each_user_task_event_is_sent_as_its_signal(connect: Any, event_type: str) -> None:
    recorder = connect(signals.USER_TASK_SIGNALS[event_type])
    job = _listener_job(event_type)
    user_task_listener(lambda: [send_user_task_signal])(job)
    assert job.outcome == Complete()
    [call] = recorder.calls
    assert call["sender"] is UserTaskEvent
    assert call["event"].event_type == event_type
    assert call["user_task"].user_task_key == "42"
    assert call["variables"] == {"amount": 900}
    assert call["job"] is job


def test_a_receiver_denies_a_completion() -> None:
    def four_eyes(
        sender: Any, event: UserTaskEvent, variables: dict[str, Any], **kwargs: Any
    ) -> None:
        if variables["amount"] > 500:
            event.deny("needs a second approver")

    signals.user_task_completing.connect(four_eyes)
    try:
        job = _listener_job("completing")
        user_task_listener(lambda: [send_user_task_signal])(job)
    finally:
        signals.user_task_completing.disconnect(four_eyes)
    assert isinstance(job.outcome, Complete)
    assert job.outcome.result is not None
    assert (job.outcome.result.denied, job.outcome.result.denied_reason) == (
        True,
        "needs a second approver",
    )


def test_signals_module_documents_every_signal() -> None:
    import inspect

    lines = inspect.getsource(signals).splitlines()
    declared = [index for index, line in enumerate(lines) if line.endswith(" = Signal()")]
    assert len(declared) == 11
    for index in declared:
        assert lines[index - 1].startswith("#: "), lines[index]
        assert "sender" in " ".join(lines[index - 4 : index]), lines[index]
