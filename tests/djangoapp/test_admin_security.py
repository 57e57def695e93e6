"""S2: state changes only by POST with CSRF and the permission; otherwise 405/403 and no call
reaches the engine. S1 at the HTML level (the browser test proves it in Chromium)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from djangoapp_support import PAYLOADS, deploy_named_task, open_incident, open_user_task

from camunda_core import CamundaClient

pytestmark = pytest.mark.django_db

#: Operations that change the engine's state; none may be called by a refused request.
CHANGING = {
    "assignUserTask",
    "unassignUserTask",
    "completeUserTask",
    "updateUserTask",
    "updateJob",
    "resolveIncident",
}


@pytest.fixture(scope="module")
def targets(_shared_engine: Any) -> dict[str, str]:
    """A URL of every state-changing admin action, on a real task and incident.

    One task and one incident serve the whole module: no refused request may change them.
    """
    with CamundaClient(rest_address=_shared_engine.url) as camunda:
        task = open_user_task(camunda, "review")
        camunda.assign_user_task(task.user_task_key, "someone")
        incident = open_incident(camunda, "down")
    return {
        "assign": reverse("admin:camunda_django_usertask_assign", args=(task.user_task_key,)),
        "unassign": reverse("admin:camunda_django_usertask_unassign", args=(task.user_task_key,)),
        "complete": reverse("admin:camunda_django_usertask_complete", args=(task.user_task_key,)),
        "retry": reverse("admin:camunda_django_incident_retry", args=(incident.incident_key,)),
        "resolve": reverse("admin:camunda_django_incident_resolve", args=(incident.incident_key,)),
        "task": task.user_task_key,
        "incident": incident.incident_key,
    }


ACTIONS = ["assign", "unassign", "complete", "retry", "resolve"]
FORM = {"var:__variables__": "{}", "retries": "1"}


def _unchanged(camunda: CamundaClient, targets: dict[str, str], calls: list[str]) -> None:
    assert not CHANGING & set(calls), calls
    task = camunda.get_user_task(targets["task"])
    assert (task.state, task.assignee) == ("CREATED", "someone")
    assert camunda.get_incident(targets["incident"]).state == "ACTIVE"


@pytest.mark.parametrize("action", ACTIONS)
def test_get_is_405(
    operator_client: Any,
    camunda: CamundaClient,
    targets: dict[str, str],
    engine_calls: list[str],
    action: str,
) -> None:
    engine_calls.clear()
    assert operator_client.get(targets[action], FORM).status_code == 405
    _unchanged(camunda, targets, engine_calls)


@pytest.mark.parametrize("action", ACTIONS)
def test_post_without_csrf_token_is_403(
    staff_user: Any,
    camunda: CamundaClient,
    targets: dict[str, str],
    engine_calls: list[str],
    action: str,
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(
        staff_user(
            "careful",
            "view_usertask",
            "assign_usertask",
            "complete_usertask",
            "view_incident",
            "resolve_incident",
        )
    )
    engine_calls.clear()
    response = client.post(targets[action], FORM)
    assert response.status_code == 403
    assert b"CSRF" in response.content
    _unchanged(camunda, targets, engine_calls)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("codenames", [(), ("view_usertask", "view_incident")])
def test_post_without_the_permission_is_403(
    client: Any,
    staff_user: Any,
    camunda: CamundaClient,
    targets: dict[str, str],
    engine_calls: list[str],
    action: str,
    codenames: tuple[str, ...],
) -> None:
    client.force_login(staff_user("viewer", *codenames))
    engine_calls.clear()
    assert client.post(targets[action], FORM).status_code == 403
    _unchanged(camunda, targets, engine_calls)


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_post_goes_to_the_login(
    client: Any,
    camunda: CamundaClient,
    targets: dict[str, str],
    engine_calls: list[str],
    action: str,
) -> None:
    engine_calls.clear()
    response = client.post(targets[action], FORM)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    _unchanged(camunda, targets, engine_calls)


def test_pages_need_the_view_permission(
    client: Any, staff_user: Any, camunda: CamundaClient, engine_calls: list[str]
) -> None:
    client.force_login(staff_user("nobody"))
    engine_calls.clear()
    for name in ("usertask", "incident"):
        assert client.get(reverse(f"admin:camunda_django_{name}_changelist")).status_code == 403
        detail = reverse(f"admin:camunda_django_{name}_change", args=("2251799813685249",))
        assert client.get(detail).status_code == 403
    assert engine_calls == []
    index = client.get(reverse("admin:index")).content.decode()
    assert "User tasks" not in index


def test_viewers_see_no_action_buttons(
    client: Any, staff_user: Any, camunda: CamundaClient
) -> None:
    client.force_login(staff_user("viewer", "view_usertask", "view_incident"))
    task = open_user_task(camunda, "approval")
    html = client.get(
        reverse("admin:camunda_django_usertask_change", args=(task.user_task_key,))
    ).content.decode()
    assert "assign-to-me" not in html
    assert "complete-form" not in html


def test_payloads_are_escaped_everywhere(operator_client: Any, camunda: CamundaClient) -> None:
    """S1 in the HTML: variables, a task name, an incident message and a filter value."""
    deploy_named_task(camunda)
    task = open_user_task(camunda, "payload-names", **{f"v{i}": p for i, p in enumerate(PAYLOADS)})
    incident = open_incident(camunda, PAYLOADS[1])
    pages = [
        reverse("admin:camunda_django_usertask_change", args=(task.user_task_key,)),
        reverse("admin:camunda_django_usertask_changelist") + "?process=payload-names",
        reverse("admin:camunda_django_usertask_changelist") + f"?assignee={PAYLOADS[1]}",
        reverse("admin:camunda_django_incident_change", args=(incident.incident_key,)),
        reverse("admin:camunda_django_incident_changelist") + "?process=notify",
    ]
    for page in pages:
        html = operator_client.get(page).content.decode()
        assert "<script>alert(" not in html, page
        assert "<img src=x" not in html, page
        assert 'href="javascript:' not in html, page
    detail = operator_client.get(pages[0]).content.decode()
    assert "&lt;img src=x onerror=alert(&#x27;name&#x27;)&gt;" in detail  # the task name
