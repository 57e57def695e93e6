"""Mistakes in arguments fail before anything is sent, with a message that names them."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
from client_fakes import KEY, Script, page, sync_client
from pydantic import ValidationError

from camunda_core.models.jobs import JobFilter
from camunda_core.models.user_tasks import UserTaskFilter


def refused(call: Any, error: type[Exception], match: str) -> None:
    script = Script()
    with sync_client(script) as camunda, pytest.raises(error, match=match):
        call(camunda)
    assert script.requests == []


def test_a_misspelt_filter_key_is_named() -> None:
    refused(
        lambda c: c.search_process_instances({"procesInstanceKey": KEY}),
        ValidationError,
        "procesInstanceKey",
    )


def test_a_filter_model_of_another_search_is_refused() -> None:
    refused(lambda c: c.search_user_tasks(JobFilter(type="x")), TypeError, "UserTaskFilter")


def test_a_naive_datetime_in_a_filter_is_refused() -> None:
    naive = {"creationDate": {"$gt": datetime(2025, 1, 1)}}
    refused(lambda c: c.search_user_tasks(naive), ValidationError, "timezone")


def test_an_unknown_sort_field_lists_the_sortable_ones() -> None:
    refused(lambda c: c.search_user_tasks(sort="assignee"), ValueError, "creationDate")


def test_effective_variables_refuse_a_cursor() -> None:
    refused(
        lambda c: c.search_user_task_effective_variables(KEY, page={"after": "c1"}),
        ValueError,
        "offset",
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.create_process_instance(),
        lambda c: c.create_process_instance("order", process_definition_key=KEY),
        lambda c: c.evaluate_decision(),
        lambda c: c.evaluate_decision("discount", decision_definition_key=KEY),
    ],
)
def test_by_id_or_by_key_means_exactly_one(call: Any) -> None:
    refused(call, ValueError, "exactly one")


def test_a_key_that_is_not_digits_is_refused() -> None:
    refused(lambda c: c.get_incident("12a"), ValueError, "incident_key")


def test_a_naive_clock_time_is_refused() -> None:
    refused(lambda c: c.pin_clock(datetime(2025, 1, 1)), ValueError, "time-zone")


def test_filters_sorts_and_pages_reach_the_wire_in_camel_case() -> None:
    script = Script(page([], total=0))
    with sync_client(script) as camunda:
        camunda.search_user_tasks(
            UserTaskFilter(assignee="anna", candidate_group="sales"),
            sort=["-creation_date", "priority"],
            page={"from": 10, "limit": 5},
        )
    assert script.bodies() == [
        {
            "filter": {"assignee": "anna", "candidateGroup": "sales"},
            "sort": [
                {"field": "creationDate", "order": "DESC"},
                {"field": "priority", "order": "ASC"},
            ],
            "page": {"from": 10, "limit": 5},
        }
    ]


def test_the_clock_is_pinned_in_epoch_milliseconds() -> None:
    script = Script(httpx.Response(204))
    with sync_client(script) as camunda:
        camunda.pin_clock(datetime(2025, 9, 7, 21, 36, 14, 277_000, tzinfo=timezone.utc))
    assert script.bodies() == [{"timestamp": 1_757_280_974_277}]
