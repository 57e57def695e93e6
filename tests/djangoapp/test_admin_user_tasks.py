"""Admin "User tasks": live list with filters and cursor pages, detail, assign/unassign and
completion through the linked form, each action in the admin log."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from djangoapp_support import open_user_task

from camunda_core import CamundaClient

pytestmark = pytest.mark.django_db

LIST = "admin:camunda_django_usertask_changelist"


def url(name: str, key: str) -> str:
    return reverse(f"admin:camunda_django_usertask_{name}", args=(key,))


def test_the_camunda_section_lists_the_pages(admin_client: Any) -> None:
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Camunda" in page
    for name in ("User tasks", "Incidents", "Job records", "Deployment records"):
        assert name in page
    assert reverse(LIST) in page


def test_the_list_shows_tasks_with_filters(operator_client: Any, camunda: CamundaClient) -> None:
    task = open_user_task(camunda, "approval", amount=10)
    other = open_user_task(camunda, "review")
    page = operator_client.get(reverse(LIST), {"process": "approval", "state": "CREATED"})
    assert page.status_code == 200
    html = page.content.decode()
    assert url("change", task.user_task_key) in html
    assert url("change", other.user_task_key) not in html
    assert "Approve the order" in html
    by_group = operator_client.get(reverse(LIST), {"candidate_group": "reviewers"}).content.decode()
    assert url("change", other.user_task_key) in by_group
    assert url("change", task.user_task_key) not in by_group


def test_pages_follow_cursors_one_search_each(
    operator_client: Any,
    camunda: CamundaClient,
    monkeypatch: pytest.MonkeyPatch,
    engine_calls: list[str],
) -> None:
    """B3: a page is one search call with a cursor; no offsets, no counting."""
    from camunda_django.admin import paging

    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    group = f"pager-{uuid.uuid4().hex[:8]}"
    keys = set()
    for _ in range(5):
        created = camunda.create_process_instance("review")
        task = open_user_task_of(camunda, created.process_instance_key)
        camunda.update_user_task(task, candidate_groups=[group])
        keys.add(task)
    engine_calls.clear()
    seen: list[set[str]] = []
    query: str | None = f"?candidate_group={group}"
    while query is not None and len(seen) < 5:
        response = operator_client.get(reverse(LIST) + query)
        page = response.context["page"]
        seen.append({task.user_task_key for task in page.items})
        assert "from=" not in (page.next_query or "")
        query = page.next_query
    assert [len(items) for items in seen] == [2, 2, 1]
    assert set().union(*seen) == keys
    assert engine_calls == ["searchUserTasks"] * 3
    back = operator_client.get(reverse(LIST) + response.context["page"].previous_query)
    assert {task.user_task_key for task in back.context["page"].items} == seen[1]


def open_user_task_of(camunda: CamundaClient, instance_key: str) -> str:
    return camunda.search_user_tasks({"processInstanceKey": instance_key}).items[0].user_task_key


def test_the_detail_shows_variables_and_the_linked_form(
    operator_client: Any, camunda: CamundaClient
) -> None:
    task = open_user_task(camunda, "approval", amount=250, customer={"name": "Ada"})
    page = operator_client.get(url("change", task.user_task_key))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Approve or reject the order." in html
    for name in ('name="var:approved"', 'name="var:discount"', 'name="var:comment"'):
        assert name in html
    variables = {name: value for name, value, _ in page.context["variables"]}
    assert json.loads(variables["customer"]) == {"name": "Ada"}
    assert variables["amount"] == "250"


def test_assign_to_me_and_unassign_are_logged(operator_client: Any, camunda: CamundaClient) -> None:
    task = open_user_task(camunda, "review")
    response = operator_client.post(url("assign", task.user_task_key))
    assert response.status_code == 302
    assert camunda.get_user_task(task.user_task_key).assignee == "operator"
    response = operator_client.post(url("unassign", task.user_task_key))
    assert response.status_code == 302
    assert camunda.get_user_task(task.user_task_key).assignee is None
    entries = LogEntry.objects.filter(object_id=task.user_task_key).order_by("action_time")
    assert [(e.action_flag, e.change_message, e.object_repr) for e in entries] == [
        (CHANGE, "Assigned to operator", f"Review the order ({task.user_task_key})"),
        (CHANGE, "Unassigned", f"Review the order ({task.user_task_key})"),
    ]
    assert entries[0].content_type.model == "usertask"
    assert entries[0].get_admin_url() == url("change", task.user_task_key)


def test_completing_through_the_form_sends_typed_variables(
    operator_client: Any, camunda: CamundaClient
) -> None:
    task = open_user_task(camunda, "approval", amount=250)
    response = operator_client.post(
        url("complete", task.user_task_key),
        {"var:approved": "on", "var:discount": "12.5", "var:comment": "fine"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(LIST)
    assert camunda.get_user_task(task.user_task_key).state == "COMPLETED"
    values = {
        v.name: v.json_value()
        for v in camunda.search_variables({"processInstanceKey": task.process_instance_key}).items
    }
    assert values == {"amount": 250, "approved": True, "discount": 12.5, "comment": "fine"}
    entry = LogEntry.objects.get(object_id=task.user_task_key)
    assert entry.change_message == "Completed (approved, comment, discount)"


def test_a_bad_submission_rerenders_with_errors_and_sends_nothing(
    operator_client: Any, camunda: CamundaClient, engine_calls: list[str]
) -> None:
    """S3: wrong types in the form: the page shows the error; nothing is sent."""
    task = open_user_task(camunda, "approval", amount=250)
    response = operator_client.post(
        url("complete", task.user_task_key),
        {"var:discount": "80", "var:comment": "x" * 201},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {
        "discount": "the value must be at most 50",
        "comment": "enter at most 200 characters",
    }
    html = response.content.decode()
    assert "the value must be at most 50" in html
    assert 'value="80"' in html  # what was typed is kept
    assert "completeUserTask" not in engine_calls
    assert camunda.get_user_task(task.user_task_key).state == "CREATED"
    assert not LogEntry.objects.exists()


def test_a_task_without_a_form_takes_a_json_object(
    operator_client: Any, camunda: CamundaClient, engine_calls: list[str]
) -> None:
    task = open_user_task(camunda, "review")
    invalid = operator_client.post(url("complete", task.user_task_key), {"var:__variables__": "[1"})
    assert invalid.status_code == 400
    assert "not valid JSON" in invalid.content.decode()
    wrong_type = operator_client.post(
        url("complete", task.user_task_key), {"var:__variables__": "[1, 2]"}
    )
    assert wrong_type.status_code == 400
    assert "expected a JSON object" in wrong_type.content.decode()
    assert "completeUserTask" not in engine_calls
    done = operator_client.post(
        url("complete", task.user_task_key), {"var:__variables__": '{"ok": true}'}
    )
    assert done.status_code == 302
    assert camunda.get_user_task(task.user_task_key).state == "COMPLETED"


def test_an_unknown_task_is_404(operator_client: Any, camunda: CamundaClient) -> None:
    assert operator_client.get(url("change", "2251799813999999")).status_code == 404
    assert operator_client.get(url("change", "not-a-key")).status_code == 404


def test_an_unreachable_cluster_is_shown_not_raised(operator_client: Any, settings: Any) -> None:
    settings.CAMUNDA = {"REST_ADDRESS": "http://127.0.0.1:9", "SDK_HTTP_RETRY_MAX_ATTEMPTS": 1}
    response = operator_client.get(reverse(LIST))
    assert response.status_code == 200
    assert "Camunda could not answer" in response.content.decode()
