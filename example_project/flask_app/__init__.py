"""The Flask side of the example: the same order-fulfilment process in a small Flask app.

``create_app()`` is the app factory (``flask --app example_project.flask_app run``). It
configures the ``Camunda`` extension (handlers in ``handlers.py``, the signal receiver in
``receivers.py``), the extension's task and incident pages under ``/camunda`` (open to local
requests only: this is a demo), and the shop's pages in ``orders.py``.

The app keeps no database: an order *is* its process instance, and the order pages read the
engine. The launcher gives the app an engine of its own, because the Django site's worker
polls the same job types.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, request

from example_project.flask_app.extension import camunda

EXAMPLE_DIR = Path(__file__).resolve().parent.parent
PROCESSES = EXAMPLE_DIR / "processes"
DEFAULT_REST_ADDRESS = "http://127.0.0.1:8089"


def local_requests_only(action: str) -> bool:
    """``CAMUNDA_VIEWS_AUTHORIZE`` for the demo: anyone on this machine may do anything.

    A real app asks its login system here (see the Flask page of the docs).
    """
    return request.remote_addr in ("127.0.0.1", "::1")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The Flask app; ``config`` overrides the defaults (tests pass their engine's address)."""
    var_dir = Path(os.environ.get("EXAMPLE_VAR_DIR", EXAMPLE_DIR / "var"))
    app = Flask(__name__, instance_path=str(var_dir / "flask-instance"))
    app.config.from_mapping(
        CAMUNDA_REST_ADDRESS=os.environ.get("CAMUNDA_REST_ADDRESS", DEFAULT_REST_ADDRESS),
        CAMUNDA_DEPLOY={"RESOURCES": [str(PROCESSES)], "AUTO_DEPLOY": True},
        CAMUNDA_WORKERS={"DEFAULTS": {"timeout_ms": 60_000}},
        CAMUNDA_VIEWS_AUTHORIZE=local_requests_only,
        CAMUNDA_VIEWS_USER=lambda: "demo-manager",
    )
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):  # the session (CSRF tokens) needs one; never in code
        app.config["SECRET_KEY"] = os.environ.get("FLASK_SECRET_KEY") or _generated_secret(var_dir)
    from example_project.flask_app import handlers, receivers  # noqa: F401 - they register
    from example_project.flask_app.orders import blueprint

    camunda.init_app(app)
    app.register_blueprint(blueprint)
    return app


def _generated_secret(var_dir: Path) -> str:
    """The session secret in ``var/flask-secret-key``, written once when missing."""
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / "flask-secret-key"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        value = secrets.token_urlsafe(50)
        file.write(value)
    return value
