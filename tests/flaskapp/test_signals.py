"""Job events and user-task events become blinker signals with the Flask app as sender."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, current_app
from jobs import make_job

import camunda_flask.signals as signals
from camunda_core.events import JobCompleted, JobEvent, JobFailed
from camunda_core.models.jobs import JobKind, JobListenerEventType, UserTaskProperties
from camunda_core.worker import Complete, Job
from camunda_flask import Camunda, get_state

from .conftest import AppFactory

JOB_SIGNAL_NAMES = [
    "job_activated",
    "job_completed",
    "job_failed",
    "bpmn_error_thrown",
    "job_returned",
    "job_report_rejected",
]
USER_TASK_SIGNAL_NAMES = [
    "user_task_creating",
    "user_task_assigning",
    "user_task_updating",
    "user_task_completing",
    "user_task_canceling",
]


def test_signal_names_match_the_django_app() -> None:
    django_signals = pytest.importorskip("camunda_django.signals")
    flask_names = {name for name in signals.__all__ if not name.isupper()}
    django_names = {name for name in django_signals.__all__ if not name.isupper()}
    assert flask_names == django_names == set(JOB_SIGNAL_NAMES + USER_TASK_SIGNAL_NAMES)
    assert set(signals.JOB_SIGNALS) == set(django_signals.JOB_SIGNALS)


def test_every_core_event_has_a_signal_documented_in_the_module() -> None:
    from camunda_core import events

    names = {cls(job=None, **_blank(cls)).name for cls in _event_classes(events)}  # type: ignore[arg-type]
    assert names == set(signals.JOB_SIGNALS) == set(JOB_SIGNAL_NAMES)
    lines = Path(signals.__file__).read_text(encoding="utf-8").splitlines()
    for name in JOB_SIGNAL_NAMES + USER_TASK_SIGNAL_NAMES:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{name} = "))
        assert lines[at - 1].startswith("#:"), f"{name} has no #: comment"
        assert "Sender: the Flask app" in "\n".join(lines[:at][-6:]), name


def _event_classes(module: Any) -> list[type[JobEvent]]:
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, JobEvent) and value is not JobEvent
    ]


def _blank(cls: type[JobEvent]) -> dict[str, Any]:
    import dataclasses

    return {f.name: None for f in dataclasses.fields(cls) if f.name != "job"}


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    app = make_app("signalling")
    Camunda(app)
    return app


def test_job_events_are_sent_with_the_app_as_sender_and_the_event_fields(app: Flask) -> None:
    received: list[tuple[Any, dict[str, Any], str]] = []

    def on_completed(sender: Any, **kwargs: Any) -> None:
        received.append((sender, kwargs, current_app.name))

    job = Job(make_job())
    event = JobCompleted(job, {"ok": True}, 0.5)
    with signals.job_completed.connected_to(on_completed, sender=app):
        get_state(app).signal_sink(event)
    assert received == [
        (app, {"event": event, "job": job, "variables": {"ok": True}, "duration": 0.5}, app.name)
    ]


def test_on_the_event_loop_receivers_run_in_order_on_a_delivery_thread(app: Flask) -> None:
    seen: list[tuple[str, str]] = []
    loop_thread = threading.get_ident()

    def on_failed(sender: Flask, *, job: Job, message: str, **_: Any) -> None:
        assert threading.get_ident() != loop_thread
        seen.append((message, current_app.name))

    async def emit_on_loop() -> None:
        for index in range(5):
            get_state(app).signal_sink(JobFailed(Job(make_job()), f"boom {index}", 2, 0.1))

    with signals.job_failed.connected_to(on_failed, sender=app):
        asyncio.run(emit_on_loop())
        get_state(app).signal_sink.close()
    assert seen == [(f"boom {index}", app.name) for index in range(5)]


def test_a_failing_receiver_is_logged_and_the_others_still_run(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[str] = []

    def broken(sender: Flask, **_: Any) -> None:
        raise RuntimeError("receiver bug")

    def fine(sender: Flask, **_: Any) -> None:
        calls.append("fine")

    with signals.job_completed.connected_to(broken), signals.job_completed.connected_to(fine):
        get_state(app).signal_sink(JobCompleted(Job(make_job()), None, 0.1))
    assert calls == ["fine"]
    assert "receiver bug" in caplog.text


def test_receivers_of_another_app_are_not_called(app: Flask, make_app: AppFactory) -> None:
    other = make_app("other")
    Camunda(other)
    calls: list[Any] = []
    with signals.job_completed.connected_to(lambda sender, **_: calls.append(sender), sender=other):
        get_state(app).signal_sink(JobCompleted(Job(make_job()), None, 0.1))
    assert calls == []


def _listener_job(event: str) -> Job:
    return Job(
        make_job(
            {"amount": 900},
            type="user-task-events",
            kind=JobKind.TASK_LISTENER,
            listener_event_type=JobListenerEventType(event.upper()),
            user_task=UserTaskProperties(user_task_key="42", action="complete", assignee="demo"),
        )
    )


def test_a_user_task_receiver_may_deny_a_completion(app: Flask) -> None:
    def four_eyes(sender: Flask, *, event: Any, variables: dict[str, Any], **_: Any) -> None:
        assert sender is app
        assert current_app.name == app.name
        if variables["amount"] > 500:
            event.deny("needs a second approver")

    handler = get_state(app).router.get("user-task-events")
    assert handler is not None
    job = _listener_job("completing")
    with signals.user_task_completing.connected_to(four_eyes, sender=app):
        handler.func(job)
    assert isinstance(job.outcome, Complete)
    assert job.outcome.result is not None
    assert job.outcome.result.denied is True
    assert job.outcome.result.denied_reason == "needs a second approver"


@pytest.mark.parametrize(
    "event_type", ["creating", "assigning", "updating", "completing", "canceling"]
)
def test_each_user_task_event_type_has_its_signal(app: Flask, event_type: str) -> None:
    handler = get_state(app).router.get("user-task-events")
    assert handler is not None
    seen: list[str] = []
    signal = signals.USER_TASK_SIGNALS[event_type]
    with signal.connected_to(lambda sender, *, event, **_: seen.append(event.event_type)):
        job = _listener_job(event_type)
        handler.func(job)
    assert seen == [event_type]
    assert job.outcome == Complete()
