"""Fixtures for the Flask extension: small apps with explicit, obviously fake settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from camunda_flask import get_state

#: The settings every test app starts from; tests add or override keys.
BASE_CONFIG: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "not-a-real-secret-for-tests",
    "CAMUNDA_REST_ADDRESS": "http://camunda.test:8080",
}

AppFactory = Callable[..., Flask]


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[AppFactory]:
    """``make_app(name="a", **config)``: a Flask app rooted in tmp_path (not yet initialised)."""
    made: list[Flask] = []

    def make(name: str = "shop", **config: Any) -> Flask:
        root = tmp_path / name
        root.mkdir(exist_ok=True)
        app = Flask(name, root_path=str(root), instance_path=str(root / "instance"))
        app.config.update(BASE_CONFIG)
        app.config.update(config)
        made.append(app)
        return app

    yield make
    for app in made:
        if "camunda" in app.extensions:
            get_state(app).close()
