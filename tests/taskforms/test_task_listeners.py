"""User-task events from task-listener jobs: receivers see them, and may deny or correct."""

from __future__ import annotations

import logging

import pytest
from jobs import make_job

from camunda_core.models.jobs import JobKind, JobListenerEventType, UserTaskProperties
from camunda_core.worker import Complete, Job
from camunda_core.worker.task_listeners import (
    UserTaskEvent,
    user_task_arguments,
    user_task_listener,
    user_task_signal,
)


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


def test_receivers_see_the_event_and_the_job_completes() -> None:
    seen: list[UserTaskEvent] = []
    handle = user_task_listener(lambda: [seen.append])
    job = _listener_job("completing")
    handle(job)
    assert [(e.event_type, e.user_task_key, e.action, e.variables["amount"]) for e in seen] == [
        ("completing", "42", "complete", 900)
    ]
    assert job.outcome == Complete()


def test_the_first_denial_wins() -> None:
    def deny_big(event: UserTaskEvent) -> None:
        if event.variables["amount"] > 500:
            event.deny("needs a second approver")

    def deny_again(event: UserTaskEvent) -> None:
        event.deny("other reason")

    job = _listener_job("completing")
    user_task_listener(lambda: [deny_big, deny_again])(job)
    assert isinstance(job.outcome, Complete)
    assert job.outcome.result is not None
    assert job.outcome.result.denied is True
    assert job.outcome.result.denied_reason == "needs a second approver"


def test_corrections_are_merged() -> None:
    job = _listener_job("assigning")
    user_task_listener(
        lambda: [lambda e: e.correct(priority=90), lambda e: e.correct(assignee="lead")]
    )(job)
    assert isinstance(job.outcome, Complete)
    assert job.outcome.result is not None
    assert job.outcome.result.to_wire() == {
        "type": "userTask",
        "denied": False,
        "corrections": {"assignee": "lead", "priority": 90},
    }


@pytest.mark.parametrize("event", ["creating", "canceling"])
def test_creating_and_canceling_cannot_be_denied(event: str) -> None:
    handle = user_task_listener(lambda: [lambda e: e.deny("no")])
    with pytest.raises(ValueError, match=f"a {event} transition cannot be denied"):
        handle(_listener_job(event))


def test_a_plain_job_on_the_listener_type_is_refused() -> None:
    with pytest.raises(ValueError, match="not a task-listener job"):
        user_task_listener(list)(Job(make_job(type="user-task-events")))


def test_the_signal_of_an_event_is_found_by_its_type() -> None:
    event = UserTaskEvent("completing", _listener_job("completing"))
    logger = logging.getLogger("tests.user_task_signals")
    assert user_task_signal({"completing": "the signal"}, event, logger) == "the signal"


def test_an_event_type_without_a_signal_is_logged_on_the_given_logger(
    caplog: pytest.LogCaptureFixture,
) -> None:
    event = UserTaskEvent("approving", _listener_job("completing"))
    with caplog.at_level(logging.WARNING, logger="tests.user_task_signals"):
        found = user_task_signal({}, event, logging.getLogger("tests.user_task_signals"))
    assert found is None
    [record] = caplog.records
    assert record.name == "tests.user_task_signals"
    assert "'approving', which has no signal; completing it" in record.getMessage()


def test_signal_arguments_are_the_event_the_task_the_variables_and_the_job() -> None:
    job = _listener_job("assigning")
    event = UserTaskEvent("assigning", job)
    assert user_task_arguments(event) == {
        "event": event,
        "user_task": job.user_task,
        "variables": {"amount": 900},
        "job": job,
    }
