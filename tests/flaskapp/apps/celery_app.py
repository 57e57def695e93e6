"""A Flask app whose handlers run on Celery, for the Celery tests (the Flask docs' pattern).

Both processes load this module: ``celery -A celery_app worker`` runs the handlers, and
``flask --app celery_app:flask_app camunda worker`` activates jobs and dispatches them.
The broker and queue come from ``FLASK_TEST_BROKER`` / ``FLASK_TEST_QUEUE``.
"""

from __future__ import annotations

import json
import os
from typing import Any

from celery import Celery
from flask import Flask, current_app

from camunda_flask import Camunda

camunda = Camunda()


@camunda.job_worker("flask-charge")
def charge(order_id: str, amount: float) -> dict[str, Any]:
    with open(os.environ["FLASK_TEST_LEDGER"], "a", encoding="utf-8") as ledger:
        ledger.write(
            json.dumps({"order": order_id, "pid": os.getpid(), "app": current_app.name}) + "\n"
        )
    return {"chargedBy": current_app.name, "chargedIn": os.getpid()}


def create_app() -> tuple[Flask, Celery]:
    app = Flask("celery_shop", instance_path=os.environ["FLASK_TEST_INSTANCE"])
    broker = os.environ["FLASK_TEST_BROKER"]
    celery = Celery(app.name, broker=broker, backend=broker)
    celery.conf.update(broker_connection_retry_on_startup=True, worker_hijack_root_logger=False)
    app.extensions["celery"] = celery
    app.config.update(
        CAMUNDA_USER_TASK_LISTENER_TYPE=None,
        CAMUNDA_WORKER_REQUEST_TIMEOUT_MS=2_000,
        CAMUNDA_CELERY={"ENABLED": True, "DEFAULT_QUEUE": os.environ["FLASK_TEST_QUEUE"]},
    )
    camunda.init_app(app)
    return app, celery


flask_app, celery_app = create_app()
