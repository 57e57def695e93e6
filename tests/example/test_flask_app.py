"""The Flask example: its app factory, and orders through it against a dev engine over HTTP
with the app's handlers in a worker."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from polling import wait_for

from camunda_core import CamundaClient, JobWorker
from camunda_flask import get_state

ORDER = {
    "customer": "Grace Hopper",
    "tier": "standard",
    "item": "keyboard",
    "quantity": "2",
    "card_number": "4242 4242 4242 4242",
}


@pytest.fixture
def app(camunda_server: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    monkeypatch.setenv("EXAMPLE_VAR_DIR", str(tmp_path))
    from example_project.flask_app import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "not-a-secret-flask-tests",
            "CAMUNDA_REST_ADDRESS": camunda_server,
            "CAMUNDA_WORKER_REQUEST_TIMEOUT_MS": 1000,
            # The stock check retries at once here, so its incident comes without waiting.
            "CAMUNDA_WORKERS": {"TYPES": {"check-stock": {"retry_backoff_ms": 0}}},
        }
    )
    yield app
    get_state(app).close()


@pytest.fixture
def deployed(app: Flask) -> Flask:
    """The app with the example's processes deployed by its own ``flask camunda deploy``."""
    result = app.test_cli_runner().invoke(args=["camunda", "deploy"])
    assert result.exit_code == 0, result.output
    assert "3 resource(s): 3 deployed" in result.output
    return app


@pytest.fixture
def worker(deployed: Flask) -> Iterator[JobWorker]:
    """The app's handlers in a ``JobWorker`` on a thread, as ``flask camunda worker`` runs them."""
    state = get_state(deployed)
    worker = JobWorker(state.router, settings=state.settings, sinks=state.sinks)
    thread = threading.Thread(target=lambda: asyncio.run(worker.run()), daemon=True)
    thread.start()
    wait_for(lambda: worker.health().running, what="the worker to start")
    yield worker
    worker.stop()
    thread.join(15)
    assert not thread.is_alive()


def _token(client: FlaskClient, path: str = "/") -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, page[:2000]
    return match.group(1)


def _place(client: FlaskClient, **changes: str) -> str:
    response = client.post("/", data={**ORDER, **changes, "csrf_token": _token(client)})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"].rsplit("/", 1)[-1]


def _active(camunda: CamundaClient, key: str) -> list[str]:
    found = camunda.search_element_instances({"processInstanceKey": key, "state": "ACTIVE"})
    return [element.element_id for element in found.items]


def test_the_app_factory_sets_up_camunda_handlers_and_pages(
    app: Flask, camunda_server: str
) -> None:
    state = get_state(app)
    assert state.settings.rest_address == camunda_server
    assert set(state.router.job_types()) == {
        "user-task-events",
        "check-stock",
        "charge-payment",
        "ship-order",
        "cancel-order",
    }
    client = app.test_client()
    assert client.get("/camunda/tasks").status_code == 200  # a local request: allowed
    remote = client.get("/camunda/tasks", environ_overrides={"REMOTE_ADDR": "192.0.2.7"})
    assert remote.status_code == 403
    assert client.post("/", data=ORDER).status_code == 403  # no CSRF token


def test_an_order_runs_through_the_flask_app(
    deployed: Flask, worker: JobWorker, camunda_client: CamundaClient
) -> None:
    client = deployed.test_client()
    key = _place(client)
    wait_for(lambda: _active(camunda_client, key), lambda a: a == ["Event_PaymentConfirmed"])
    page = client.get(f"/orders/{key}").get_data(as_text=True)
    assert "Confirm the payment" in page
    token = _token(client, f"/orders/{key}")
    client.post(f"/orders/{key}/confirm-payment", data={"csrf_token": token})
    wait_for(
        lambda: str(camunda_client.get_process_instance(key).state), lambda s: s == "COMPLETED"
    )
    variables = {
        v.name: v.json_value() for v in camunda_client.iter_variables({"processInstanceKey": key})
    }
    assert variables["amount"] == 178.0
    assert variables["tracking_number"] == f"TRK-{variables['order_id']}"
    assert variables["payment_confirmed"] is True
    assert "Completed" in client.get("/").get_data(as_text=True)


def test_a_broken_order_is_corrected_and_retried_in_the_flask_app(
    deployed: Flask, worker: JobWorker, camunda_client: CamundaClient
) -> None:
    client = deployed.test_client()
    key = _place(client, item="broken")
    incidents = wait_for(
        lambda: (
            camunda_client.search_incidents({"processInstanceKey": key, "state": "ACTIVE"}).items
        ),
        what="the incident",
    )
    token = _token(client, f"/orders/{key}")
    client.post(f"/orders/{key}/item", data={"item": "monitor", "csrf_token": token})
    incident = incidents[0].incident_key
    page = client.get(f"/camunda/incidents/{incident}").get_data(as_text=True)
    camunda_token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert camunda_token
    retried = client.post(
        f"/camunda/incidents/{incident}/retry",
        data={"retries": "1", "csrf_token": camunda_token.group(1)},
    )
    assert retried.status_code == 302
    wait_for(lambda: _active(camunda_client, key), lambda a: a == ["Event_PaymentConfirmed"])
    variables = {
        v.name: v.json_value() for v in camunda_client.iter_variables({"processInstanceKey": key})
    }
    assert (variables["item"], variables["amount"]) == ("monitor", 658.0)


def test_a_big_order_needs_an_assigned_approver_in_the_flask_app(
    deployed: Flask, worker: JobWorker, camunda_client: CamundaClient
) -> None:
    client = deployed.test_client()
    key = _place(client, item="laptop", quantity="4")
    [task] = wait_for(
        lambda: camunda_client.search_user_tasks({"processInstanceKey": key}).items,
        what="the approval task",
    )
    page = client.get(f"/camunda/tasks/{task.user_task_key}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    form = {"approved": "on", "csrf_token": token.group(1)}
    denied = client.post(
        f"/camunda/tasks/{task.user_task_key}/complete", data=form, follow_redirects=True
    )
    assert "need an approver" in denied.get_data(as_text=True)
    client.post(f"/camunda/tasks/{task.user_task_key}/assign", data={"csrf_token": token.group(1)})
    client.post(f"/camunda/tasks/{task.user_task_key}/complete", data=form)
    wait_for(lambda: _active(camunda_client, key), lambda a: a == ["Event_PaymentConfirmed"])
