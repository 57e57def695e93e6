"""Job types between models and code: types nobody handles, handlers nobody uses."""

from __future__ import annotations

from camunda_core.deploy import handler_coverage


def test_matching_models_and_handlers_are_complete() -> None:
    coverage = handler_coverage({"charge": ["order.bpmn"]}, ["charge"])
    assert coverage.unhandled == {}
    assert coverage.unused == []
    assert coverage.complete


def test_a_used_type_without_a_handler_names_its_files() -> None:
    used = {"ship": ["order.bpmn", "return.bpmn"], "charge": ["order.bpmn"], "audit": ["a.bpmn"]}
    coverage = handler_coverage(used, ["charge"])
    assert coverage.unhandled == {"audit": ["a.bpmn"], "ship": ["order.bpmn", "return.bpmn"]}
    assert list(coverage.unhandled) == ["audit", "ship"], "sorted by job type"
    assert not coverage.complete


def test_a_handler_no_model_uses_is_unused() -> None:
    coverage = handler_coverage({"charge": ["order.bpmn"]}, ["refund", "charge", "chrage"])
    assert coverage.unused == ["chrage", "refund"]
    assert coverage.unhandled == {}


def test_the_listener_type_counts_as_handled_and_as_used() -> None:
    used = {"user-task-events": ["approval.bpmn"], "charge": ["order.bpmn"]}
    coverage = handler_coverage(used, ["charge"], listener_type="user-task-events")
    assert coverage.complete
    unused_listener = handler_coverage({}, ["user-task-events"], listener_type="user-task-events")
    assert unused_listener.unused == []


def test_without_a_listener_type_its_jobs_are_unhandled() -> None:
    coverage = handler_coverage({"user-task-events": ["approval.bpmn"]}, [], listener_type=None)
    assert coverage.unhandled == {"user-task-events": ["approval.bpmn"]}


def test_the_result_does_not_share_the_callers_lists() -> None:
    files = ["order.bpmn"]
    coverage = handler_coverage({"ship": files}, [])
    coverage.unhandled["ship"].append("other.bpmn")
    assert files == ["order.bpmn"]
