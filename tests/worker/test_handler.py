"""Handlers: what a signature asks for, and what a run comes to (DESIGN worker semantics)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from jobs import make_job
from pydantic import BaseModel, Field

from camunda_core import BpmnError, JobFailure
from camunda_core.models.jobs import ActivatedJob, JobKind
from camunda_core.worker import Complete, Fail, ThrowError
from camunda_core.worker.handler import MAX_ERROR_MESSAGE, Handler
from camunda_core.worker.job import Job
from camunda_core.worker.options import HandlerOptions, ResolvedOptions


class Order(BaseModel):
    order_id: str = Field(alias="orderId")
    amount: float


def _handler(func: Callable[..., Any]) -> Handler:
    return Handler("charge-card", func, HandlerOptions())


# --- what a signature asks for -----------------------------------------------------------
def test_variables_by_name_are_fetched_and_passed() -> None:
    def charge(order_id: str, amount: float, currency: str = "EUR") -> None: ...

    handler = _handler(charge)
    assert handler.signature.fetch_variables() == ("order_id", "amount", "currency")
    job = Job(_job({"order_id": "A-1", "amount": 10.5, "other": 1}))
    assert handler.signature.arguments(job) == {"order_id": "A-1", "amount": 10.5}


def test_a_pydantic_model_is_built_from_the_variables() -> None:
    def charge(order: Order) -> None: ...

    handler = _handler(charge)
    assert handler.signature.fetch_variables() == ("orderId", "amount")
    kwargs = handler.signature.arguments(Job(_job({"orderId": "A-1", "amount": "3.5"})))
    assert kwargs["order"] == Order(orderId="A-1", amount=3.5)


@pytest.mark.parametrize(
    "func",
    [lambda job: None, lambda job, **rest: None, lambda **variables: None],
    ids=["job", "job-and-kwargs", "kwargs"],
)
def test_job_or_all_variables_fetch_everything(func: Callable[..., Any]) -> None:
    assert _handler(func).signature.fetch_variables() is None


def test_the_job_is_passed_by_annotation_under_any_name() -> None:
    def charge(current: Job, amount: int) -> None: ...

    handler = _handler(charge)
    assert handler.signature.fetch_variables() == ("amount",)
    kwargs = handler.signature.arguments(Job(_job({"amount": 1})))
    assert isinstance(kwargs["current"], Job)
    assert kwargs["amount"] == 1


@pytest.mark.parametrize(
    ("func", "message"),
    [
        (lambda *args: None, "cannot be filled from a job"),
        (lambda a, order: None, "either one pydantic model or variables"),
    ],
)
def test_signatures_a_job_cannot_fill_are_refused(func: Callable[..., Any], message: str) -> None:
    if "order" in func.__code__.co_varnames:
        func.__annotations__ = {"order": Order}
    with pytest.raises(TypeError, match=message):
        _handler(func)


def test_async_handlers_are_recognised() -> None:
    async def charge(amount: int) -> None: ...

    assert _handler(charge).is_async


# --- what a run comes to -------------------------------------------------------------------
def test_returned_dict_model_and_none_complete(options: ResolvedOptions) -> None:
    handler = _handler(lambda: None)
    job = Job(_job())
    assert handler.outcome_of(job, {"paid": True}, options) == Complete({"paid": True})
    assert handler.outcome_of(job, Order(orderId="A", amount=1), options) == Complete(
        {"orderId": "A", "amount": 1.0}
    )
    assert handler.outcome_of(job, None, options) == Complete()


def test_returning_something_else_fails_with_a_clear_message(options: ResolvedOptions) -> None:
    outcome = _handler(lambda: None).outcome_of(Job(_job(retries=3)), ["not", "a", "dict"], options)
    assert isinstance(outcome, Fail)
    assert outcome.retries == 2
    assert "returned list: return a dict, a pydantic model or None" in outcome.message


def test_bpmn_error_throws(options: ResolvedOptions) -> None:
    error = BpmnError("card-declined", "no funds", {"reason": "limit"})
    outcome = _handler(lambda: None).outcome_of_error(Job(_job()), error, options)
    assert outcome == ThrowError("card-declined", "no funds", {"reason": "limit"})


def test_job_failure_fails_as_told(options: ResolvedOptions) -> None:
    error = JobFailure("gateway down", retries=7, retry_backoff=2.5, variables={"attempt": 2})
    outcome = _handler(lambda: None).outcome_of_error(Job(_job()), error, options)
    assert outcome == Fail(
        retries=7, message="gateway down", retry_backoff_ms=2500, variables={"attempt": 2}
    )


def test_job_failure_defaults_to_one_retry_less_and_the_configured_backoff(
    options: ResolvedOptions,
) -> None:
    outcome = _handler(lambda: None).outcome_of_error(
        Job(_job(retries=3)), JobFailure("x"), options
    )
    assert outcome == Fail(retries=2, message="x", retry_backoff_ms=1500)


def test_any_other_exception_fails_with_message_and_truncated_traceback(
    options: ResolvedOptions,
) -> None:
    def deep(n: int) -> None:
        if n:
            deep(n - 1)
        raise ValueError("amount must be positive " + "x" * 100)

    try:
        deep(200)
    except ValueError as error:
        outcome = _handler(lambda: None).outcome_of_error(Job(_job(retries=1)), error, options)
    assert isinstance(outcome, Fail)
    assert outcome.retries == 0
    assert outcome.retry_backoff_ms == 1500
    assert outcome.message.startswith("ValueError: amount must be positive")
    assert "in deep" in outcome.message
    assert len(outcome.message) <= MAX_ERROR_MESSAGE


def test_an_action_on_the_job_wins_and_cannot_be_taken_twice(options: ResolvedOptions) -> None:
    job = Job(_job())
    job.fail("not yet", retries=5)
    assert _handler(lambda: None).outcome_of(job, {"ignored": 1}, options) == Fail(5, "not yet")
    with pytest.raises(RuntimeError, match="already has an outcome"):
        job.complete({})


def test_missing_variables_fail_naming_them(options: ResolvedOptions) -> None:
    def charge(order_id: str, amount: float) -> None: ...

    outcome = _handler(charge).prepare(Job(_job({"amount": 1})), options)
    assert isinstance(outcome, Fail)
    assert "missing variable(s): order_id" in outcome.message


def test_variables_that_do_not_fit_the_model_fail_or_throw_as_configured() -> None:
    """F17: malformed variables give a clear message, or a configured BPMN error."""

    def charge(order: Order) -> None: ...

    handler = _handler(charge)
    job = Job(_job({"orderId": "A", "amount": "lots"}))
    from camunda_core.settings import load_settings

    settings = load_settings()
    failing = ResolvedOptions.resolve(HandlerOptions(), settings, None)
    outcome = handler.prepare(job, failing)
    assert isinstance(outcome, Fail)
    assert "variables do not fit Order (amount:" in outcome.message
    throwing = ResolvedOptions.resolve(
        HandlerOptions(invalid_variables_error_code="bad-order"), settings, None
    )
    thrown = handler.prepare(job, throwing)
    assert isinstance(thrown, ThrowError)
    assert thrown.code == "bad-order"


def test_task_listener_actions(options: ResolvedOptions) -> None:
    listener = Job(_job(kind=JobKind.TASK_LISTENER))
    listener.deny("outside office hours")
    outcome = listener.outcome
    assert isinstance(outcome, Complete)
    assert outcome.result is not None
    assert outcome.result.denied is True
    assert outcome.result.denied_reason == "outside office hours"
    corrected = Job(_job(kind=JobKind.TASK_LISTENER))
    corrected.correct(assignee="demo", priority=80)
    assert corrected.outcome is not None
    wire = corrected.outcome.result.to_wire()  # type: ignore[union-attr]
    assert wire == {
        "type": "userTask",
        "denied": False,
        "corrections": {"assignee": "demo", "priority": 80},
    }
    with pytest.raises(ValueError, match="only for task-listener jobs"):
        Job(_job()).deny()


def test_outcome_exceptions_pickle() -> None:
    """Celery ships them between processes."""
    import pickle

    for error in (
        BpmnError("c", "m", {"a": 1}),
        JobFailure("m", retries=2, retry_backoff=1.0, variables={"b": 2}),
    ):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert copy.__dict__ == error.__dict__


def _job(variables: dict[str, Any] | None = None, **extra: Any) -> ActivatedJob:
    return make_job(variables, **extra)
