"""``iter_*`` walks every page: by cursor, or by offset where the endpoint has no cursor."""

from __future__ import annotations

import itertools

import pytest
from client_fakes import (
    KEY,
    Script,
    async_client,
    page,
    process_instance,
    sync_client,
    user_task,
    variable,
)
from pydantic import ValidationError


def test_cursor_pages_are_followed_until_a_short_page() -> None:
    script = Script(
        page([user_task("1"), user_task("2")], total=5, end_cursor="c1"),
        page([user_task("3"), user_task("4")], total=5, end_cursor="c2"),
        page([user_task("5")], total=5, end_cursor="c3"),
    )
    with sync_client(script) as camunda:
        keys = [
            task.user_task_key
            for task in camunda.iter_user_tasks({"state": "CREATED"}, page_size=2)
        ]
    assert keys == ["1", "2", "3", "4", "5"]
    assert [body["page"] for body in script.bodies()] == [
        {"limit": 2},
        {"limit": 2, "after": "c1"},
        {"limit": 2, "after": "c2"},
    ]
    assert all(body["filter"] == {"state": "CREATED"} for body in script.bodies())


def test_the_walk_stops_at_the_exact_total_even_if_a_cursor_comes_back() -> None:
    script = Script(
        page([user_task("1"), user_task("2")], total=4, end_cursor="c1"),
        page([user_task("3"), user_task("4")], total=4, end_cursor="c2"),
    )
    with sync_client(script) as camunda:
        assert len(list(camunda.iter_user_tasks(page_size=2))) == 4
    assert len(script.requests) == 2


def test_the_walk_stops_on_an_empty_page() -> None:
    script = Script(page([], total=0))
    with sync_client(script) as camunda:
        assert list(camunda.iter_jobs({"type": "send-email"})) == []
    assert len(script.requests) == 1


def test_nothing_is_fetched_beyond_what_the_caller_takes() -> None:
    script = Script(page([user_task("1"), user_task("2")], total=100, end_cursor="c1"))
    with sync_client(script) as camunda:
        first = list(itertools.islice(camunda.iter_user_tasks(page_size=2), 2))
    assert [task.user_task_key for task in first] == ["1", "2"]
    assert len(script.requests) == 1


def test_effective_variables_are_walked_by_offset() -> None:
    script = Script(
        page([variable("a", "1"), variable("b", "2")], total=3),
        page([variable("c", "3")], total=3),
    )
    with sync_client(script) as camunda:
        names = [v.name for v in camunda.iter_user_task_effective_variables(KEY, page_size=2)]
    assert names == ["a", "b", "c"]
    assert [body["page"] for body in script.bodies()] == [{"limit": 2}, {"from": 2, "limit": 2}]


def test_a_bad_filter_fails_when_the_iterator_is_made_before_any_request() -> None:
    script = Script()
    with sync_client(script) as camunda, pytest.raises(ValidationError, match="asignee"):
        camunda.iter_user_tasks({"asignee": "anna"})
    assert script.requests == []


async def test_the_async_iterator_follows_cursors() -> None:
    script = Script(
        page([process_instance("1")], total=2, end_cursor="c1"),
        page([process_instance("2")], total=2, end_cursor="c2"),
    )
    async with async_client(script) as camunda:
        keys = [pi.process_instance_key async for pi in camunda.iter_process_instances(page_size=1)]
    assert keys == ["1", "2"]
    assert script.bodies()[1]["page"] == {"limit": 1, "after": "c1"}
