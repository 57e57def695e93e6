"""The task and incident pages against the dev engine (in process, behind the app's client)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from camunda_core import CamundaClient
from camunda_core.devengine import DevEngine
from camunda_core.testing import assert_process_instance, assert_user_task
from camunda_flask import Camunda, get_state

from .conftest import AppFactory
from .pages_support import (
    GATEWAY,
    PLAIN_TASK,
    RESOURCES,
    eventually,
    logged_in_app,
    make_incident,
    post,
    start_user_task,
)


@pytest.fixture
def engine(camunda_engine: DevEngine) -> DevEngine:
    """The clean in-process engine of the ``camunda_core.testing`` plugin."""
    return camunda_engine


@pytest.fixture
def camunda(camunda_client: CamundaClient) -> CamundaClient:
    """The plugin's client, with this module's models deployed."""
    camunda_client.create_deployment(
        RESOURCES / "approve.bpmn", RESOURCES / "review.form", RESOURCES / "charge.bpmn"
    )
    camunda_client.create_deployment(
        ("plain.bpmn", PLAIN_TASK.format(process_id="plain", name="Plain check"))
    )
    return camunda_client


def _app(make_app: AppFactory, engine: DevEngine, **config: Any) -> Flask:
    app = logged_in_app(make_app, **config)
    Camunda(app)
    get_state(app).use_client(engine.client())
    return app


@pytest.fixture
def app(make_app: AppFactory, engine: DevEngine, camunda: CamundaClient) -> Flask:
    return _app(make_app, engine)


@pytest.fixture
def browser(app: Flask) -> FlaskClient:
    return app.test_client()


def test_the_task_list_shows_open_tasks_and_filters_them(
    browser: FlaskClient, camunda: CamundaClient
) -> None:
    task = start_user_task(camunda, "flask_approve", {"amount": 12})
    page = browser.get("/camunda/tasks").get_data(as_text=True)
    assert "Review the order" in page
    assert f"/camunda/tasks/{task.user_task_key}" in page
    assert "Review the order" in browser.get("/camunda/tasks?candidate_group=reviewers").get_data(
        as_text=True
    )
    assert "Review the order" not in browser.get("/camunda/tasks?candidate_group=nobody").get_data(
        as_text=True
    )
    assert "Review the order" not in browser.get("/camunda/tasks?state=COMPLETED").get_data(
        as_text=True
    )
    assert browser.get("/camunda/tasks?state=bogus").status_code == 200


def test_the_task_page_shows_variables_and_the_linked_form(
    browser: FlaskClient, camunda: CamundaClient
) -> None:
    task = start_user_task(camunda, "flask_approve", {"amount": 12, "customer": {"name": "Ada"}})
    page = browser.get(f"/camunda/tasks/{task.user_task_key}").get_data(as_text=True)
    assert "Check the order before it ships." in page
    assert "Approved amount" in page
    assert 'name="amount" value="12"' in page
    assert '<option value="phone">Phone</option>' in page
    assert "&#34;name&#34;: &#34;Ada&#34;" in page or "&quot;name&quot;: &quot;Ada&quot;" in page


def test_a_malformed_completion_is_shown_again_with_the_error_and_nothing_is_sent(
    browser: FlaskClient, camunda: CamundaClient
) -> None:
    task = start_user_task(camunda, "flask_approve", {"amount": 12})
    page = f"/camunda/tasks/{task.user_task_key}"
    response = post(browser, page, f"{page}/complete", amount="lots", channel="fax")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "&#39;lots&#39; is not a number" in body
    assert "not one of the offered values: fax" in body
    assert 'value="lots"' in body  # what was typed is kept
    assert camunda.get_user_task(task.user_task_key).state == "CREATED"
    response = post(browser, page, f"{page}/complete", amount="")
    assert response.status_code == 400
    assert "this field is required" in response.get_data(as_text=True)


def test_a_valid_completion_completes_the_task_with_typed_variables(
    browser: FlaskClient, camunda: CamundaClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="camunda_flask.views")
    task = start_user_task(camunda, "flask_approve", {"amount": 12})
    page = f"/camunda/tasks/{task.user_task_key}"
    response = post(browser, page, f"{page}/complete", amount="10.5", approved="on", channel="web")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/camunda/tasks")
    assert_user_task(camunda, user_task_key=task.user_task_key).is_completed()
    assert_process_instance(camunda, task.process_instance_key).is_completed().has_variables(
        {"amount": 10.5, "approved": True, "channel": "web"}
    )
    assert f"anna: tasks.complete {task.user_task_key}" in caplog.text
    assert "is completed" in browser.get("/camunda/tasks").get_data(as_text=True)


def test_a_task_without_a_form_takes_a_json_object(
    browser: FlaskClient, camunda: CamundaClient
) -> None:
    task = start_user_task(camunda, "plain")
    page = f"/camunda/tasks/{task.user_task_key}"
    for bad, message in [("{nope", "not valid JSON"), ("[1, 2]", "expected a JSON object")]:
        response = post(browser, page, f"{page}/complete", __variables__=bad)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert camunda.get_user_task(task.user_task_key).state == "CREATED"
    response = post(browser, page, f"{page}/complete", __variables__='{"ok": true}')
    assert response.status_code == 302
    assert_user_task(camunda, user_task_key=task.user_task_key).is_completed()


def test_assign_to_me_and_unassign(
    browser: FlaskClient, camunda: CamundaClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="camunda_flask.views")
    task = start_user_task(camunda, "flask_approve")
    page = f"/camunda/tasks/{task.user_task_key}"
    assert post(browser, page, f"{page}/assign").status_code == 302
    assert_user_task(camunda, user_task_key=task.user_task_key).is_assigned_to("anna")
    assert "assigned to you" in browser.get(page).get_data(as_text=True)
    assert post(browser, page, f"{page}/unassign").status_code == 302
    assert_user_task(camunda, user_task_key=task.user_task_key).is_unassigned()
    assert f"anna: tasks.assign {task.user_task_key} (assignee='anna')" in caplog.text
    assert f"anna: tasks.unassign {task.user_task_key}" in caplog.text


def test_assigning_a_task_someone_else_has_is_refused_with_a_message(
    browser: FlaskClient, camunda: CamundaClient
) -> None:
    task = start_user_task(camunda, "flask_approve")
    camunda.assign_user_task(task.user_task_key, "bert")
    assert_user_task(camunda, user_task_key=task.user_task_key).is_assigned_to("bert")
    page = f"/camunda/tasks/{task.user_task_key}"
    response = post(browser, page, f"{page}/assign")
    assert response.status_code == 302
    assert "Could not assign" in browser.get(page).get_data(as_text=True)
    assert camunda.get_user_task(task.user_task_key).assignee == "bert"


def test_without_a_known_user_assign_to_me_says_what_to_configure(
    make_app: AppFactory, engine: DevEngine, camunda: CamundaClient
) -> None:
    app = _app(make_app, engine, CAMUNDA_VIEWS_USER=lambda: None)
    browser = app.test_client()
    task = start_user_task(camunda, "flask_approve")
    page = f"/camunda/tasks/{task.user_task_key}"
    assert "Assign to me" not in browser.get(page).get_data(as_text=True)
    post(browser, page, f"{page}/assign")
    assert "configure CAMUNDA_VIEWS_USER" in browser.get(page).get_data(as_text=True)


def test_task_pages_follow_cursors_both_ways(
    make_app: AppFactory, engine: DevEngine, camunda: CamundaClient
) -> None:
    app = _app(make_app, engine, CAMUNDA_VIEWS={"PAGE_SIZE": 2})
    browser = app.test_client()
    keys = {start_user_task(camunda, "flask_approve").user_task_key for _ in range(3)}
    first = browser.get("/camunda/tasks").get_data(as_text=True)
    shown_first = {key for key in keys if f"/camunda/tasks/{key}" in first}
    assert len(shown_first) == 2
    assert "Next" in first
    assert "Previous" not in first
    next_url = _link(first, "Next")
    second = browser.get(next_url).get_data(as_text=True)
    shown_second = {key for key in keys if f"/camunda/tasks/{key}" in second}
    assert shown_second == keys - shown_first
    assert "Previous" in second
    back = browser.get(_link(second, "Previous")).get_data(as_text=True)
    assert {key for key in keys if f"/camunda/tasks/{key}" in back} == shown_first


def _link(page: str, label: str) -> str:
    import html
    import re

    found = re.search(rf'<a href="([^"]+)">[^<]*{label}', page)
    assert found, f"no {label} link"
    return html.unescape(found.group(1))


def test_an_unknown_task_is_a_404_page(browser: FlaskClient, camunda: CamundaClient) -> None:
    response = browser.get("/camunda/tasks/2251799813999999")
    assert response.status_code == 404
    assert "Not found in Camunda" in response.get_data(as_text=True)


def test_an_unreachable_engine_is_a_502_page_not_a_traceback(make_app: AppFactory) -> None:
    app = logged_in_app(
        make_app, CAMUNDA_REST_ADDRESS="http://127.0.0.1:9", CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS=1
    )
    Camunda(app)
    response = app.test_client().get("/camunda/incidents")
    assert response.status_code == 502
    assert "Camunda could not be reached" in response.get_data(as_text=True)


def test_incidents_list_detail_and_retry(
    browser: FlaskClient, camunda: CamundaClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="camunda_flask.views")
    incident = make_incident(camunda, "card declined by the bank")
    listing = browser.get("/camunda/incidents").get_data(as_text=True)
    assert f"/camunda/incidents/{incident.incident_key}" in listing
    assert "card declined" in listing
    assert incident.incident_key not in browser.get("/camunda/incidents?state=RESOLVED").get_data(
        as_text=True
    )
    page = f"/camunda/incidents/{incident.incident_key}"
    detail = browser.get(page).get_data(as_text=True)
    assert "card declined by the bank" in detail
    assert "order_id" in detail
    for bad in ("abc", "0", "101", ""):
        response = post(browser, page, f"{page}/retry", retries=bad)
        assert response.status_code == 400, bad
        assert "whole number from 1 to 100" in response.get_data(as_text=True)
    assert camunda.get_incident(incident.incident_key).state == "ACTIVE"
    assert post(browser, page, f"{page}/retry", retries="2").status_code == 302
    eventually(
        camunda,
        lambda: camunda.get_incident(incident.incident_key),
        lambda i: i.state == "RESOLVED",
    )
    jobs = camunda.activate_jobs("flask-charge", max_jobs=1, request_timeout_ms=2000)
    assert [(job.job_key, job.retries) for job in jobs] == [(incident.job_key, 2)]
    assert f"anna: incidents.retry {incident.incident_key}" in caplog.text


def test_resolving_an_incident_after_fixing_its_cause(
    browser: FlaskClient, camunda: CamundaClient
) -> None:
    camunda.create_deployment(("gateway.bpmn", GATEWAY))
    instance = camunda.create_process_instance("flask_gateway", variables={"amount": 5})
    key = instance.process_instance_key
    assert_process_instance(camunda, key).has_active_incident("CONDITION_ERROR")
    incident = camunda.search_incidents({"processInstanceKey": key, "state": "ACTIVE"}).items[0]
    page = f"/camunda/incidents/{incident.incident_key}"
    assert "Resolve</button>" in browser.get(page).get_data(as_text=True)
    camunda.set_variables(key, {"amount": 20})
    assert post(browser, page, f"{page}/resolve").status_code == 302
    assert_process_instance(camunda, key).is_completed().has_no_incidents()


def test_resolving_a_job_incident_without_retries_is_refused_with_the_reason(
    browser: FlaskClient, camunda: CamundaClient
) -> None:
    incident = make_incident(camunda, "boom")
    page = f"/camunda/incidents/{incident.incident_key}"
    assert "Resolve</button>" not in browser.get(page).get_data(as_text=True)
    response = post(browser, page, f"{page}/resolve")
    assert response.status_code == 302
    assert "Could not resolve" in browser.get(response.headers["Location"]).get_data(as_text=True)
    assert camunda.get_incident(incident.incident_key).state == "ACTIVE"
