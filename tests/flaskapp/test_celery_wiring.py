"""The Celery side of the extension without a broker: the dispatcher it builds, and the
handlers a Celery worker process finds under ``"flask:" + app.name``."""

from __future__ import annotations

from typing import Any

import pytest
from flask import current_app

from camunda_core import CamundaClient
from camunda_core.testing import assert_process_instance
from camunda_flask import Camunda, get_state

from .conftest import AppFactory
from .pages_support import RESOURCES

celery = pytest.importorskip("celery")


def test_the_dispatcher_uses_the_configured_app_queues_and_router_name(
    make_app: AppFactory,
) -> None:
    from camunda_flask.executor import dispatcher_for

    celery_app = celery.Celery("tasks", broker="memory://", backend="cache+memory://")
    app = make_app(
        "dispatching",
        CAMUNDA_CELERY={
            "APP": celery_app,
            "QUEUES": {"flask-charge": "payments"},
            "DEFAULT_QUEUE": "camunda",
        },
    )
    Camunda(app)
    dispatcher = dispatcher_for(get_state(app))
    assert dispatcher.app is celery_app
    assert dispatcher.router_name == "flask:dispatching"
    assert dispatcher.queues == {"flask-charge": "payments"}
    assert dispatcher.default_queue == "camunda"


def test_a_celery_process_runs_the_apps_handler_in_its_context(
    make_app: AppFactory, camunda_server: str, camunda_client: CamundaClient
) -> None:
    from camunda_core.worker.remote import RemoteStatus, run_remote_job

    camunda = Camunda()

    @camunda.job_worker("flask-charge")
    def charge(order_id: str) -> dict[str, Any]:
        return {"chargedBy": current_app.name, "order": order_id}

    app = make_app(
        "remote_shop", CAMUNDA_REST_ADDRESS=camunda_server, CAMUNDA_CELERY={"ENABLED": True}
    )
    camunda.init_app(app)
    camunda_client.create_deployment(RESOURCES / "charge.bpmn")
    key = camunda_client.create_process_instance(
        "flask_charge", variables={"order_id": "R-1", "amount": 3}
    ).process_instance_key
    jobs = camunda_client.wait_until(
        lambda: camunda_client.activate_jobs("flask-charge", max_jobs=1, request_timeout_ms=1000),
        bool,
        timeout=10,
        interval=0.05,
    )
    payload = jobs[0].model_dump(mode="json", by_alias=True)
    assert run_remote_job("flask:remote_shop", payload) == RemoteStatus.REPORTED
    assert_process_instance(camunda_client, key).is_completed().has_variables(
        {"chargedBy": "remote_shop", "order": "R-1"}
    )
