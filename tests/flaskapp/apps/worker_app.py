"""A Flask app built by a factory, run by the worker tests as ``flask --app ... camunda worker``.

The handler writes one line per job to ``FLASK_TEST_LEDGER`` (a file), and a ``job_completed``
receiver writes another, so the test sees side effects and signals from the subprocess.
Settings come from the environment (``CAMUNDA_REST_ADDRESS``), as in production; the worker
deploys ``charge.bpmn`` itself before it polls (``AUTO_DEPLOY``), remembering the checksum in
``FLASK_TEST_INSTANCE``.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from flask import Flask, current_app

from camunda_flask import Camunda
from camunda_flask.signals import job_completed

camunda = Camunda()


def _ledger(entry: dict[str, Any]) -> None:
    with open(os.environ["FLASK_TEST_LEDGER"], "a", encoding="utf-8") as ledger:
        ledger.write(json.dumps(entry) + "\n")


@camunda.job_worker("flask-charge")
def charge(order_id: str, amount: float) -> dict[str, Any]:
    _ledger({"kind": "started", "order": order_id})
    time.sleep(float(os.environ.get("FLASK_TEST_HANDLER_SECONDS", "0")))
    _ledger({"kind": "handled", "order": order_id, "app": current_app.name})
    return {"charged": amount, "chargedBy": current_app.name}


def create_app() -> Flask:
    app = Flask("worker_app", instance_path=os.environ["FLASK_TEST_INSTANCE"])
    app.config.update(
        CAMUNDA_USER_TASK_LISTENER_TYPE=None,
        CAMUNDA_WORKER_SHUTDOWN_GRACE_MS=10_000,
        CAMUNDA_WORKER_REQUEST_TIMEOUT_MS=2_000,
        CAMUNDA_DEPLOY={"RESOURCES": ["../resources/charge.bpmn"], "AUTO_DEPLOY": True},
    )
    camunda.init_app(app)

    @job_completed.connect_via(app)
    def on_completed(sender: Flask, *, job: Any, variables: Any, **_: Any) -> None:
        _ledger({"kind": "signal", "job": job.key, "variables": variables, "app": current_app.name})

    return app
