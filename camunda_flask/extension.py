"""The ``Camunda`` Flask extension: ``Camunda(app)`` or ``Camunda()`` + ``init_app(app)``.

The extension object holds only what code declares (handlers from ``@camunda.job_worker``);
everything read from an app's config lives in that app's ``app.extensions["camunda"]``, so
one extension object works with the app-factory pattern and with several apps in one
process. Handlers may be declared before or after ``init_app``: each declaration reaches
every app the extension was initialised on, and every later app.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app

from camunda_core import CamundaClient, JobRouter
from camunda_core.worker import HandlerOptions
from camunda_flask.config import read_config
from camunda_flask.state import CamundaState

__all__ = ["EXTENSION_NAME", "Camunda", "get_state"]

logger = logging.getLogger("camunda_flask")

F = TypeVar("F", bound=Callable[..., Any])

#: The key of the extension's state in ``app.extensions``.
EXTENSION_NAME = "camunda"


def get_state(app: Flask | None = None) -> CamundaState:
    """The extension state of ``app`` (default: ``current_app``), with an error saying what to fix."""
    target = app if app is not None else _current_app()
    state = target.extensions.get(EXTENSION_NAME)
    if not isinstance(state, CamundaState):
        raise RuntimeError(
            f"The Camunda extension is not initialised on the Flask app {target.name!r}: call "
            "camunda.init_app(app) in your app factory (or create it with Camunda(app))."
        )
    return state


def _current_app() -> Flask:
    if not current_app:
        raise RuntimeError(
            "No Flask app is active: use the Camunda extension inside a request, a CLI command "
            "or `with app.app_context():`, or pass the app explicitly."
        )
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    return app


class Camunda:
    """Camunda 8 for a Flask app: settings, job workers, CLI, signals and pages.

    ``Camunda(app)`` initialises at once; ``Camunda()`` then ``camunda.init_app(app)`` fits
    the app-factory pattern. ``settings_overrides`` (field names, e.g. ``rest_address=...``)
    win over ``app.config``, for every app this extension is initialised on.
    """

    def __init__(self, app: Flask | None = None, **settings_overrides: Any) -> None:
        self._declared = JobRouter()
        self._settings_overrides = settings_overrides
        self._states: weakref.WeakSet[CamundaState] = weakref.WeakSet()
        if app is not None:
            self.init_app(app)

    def __repr__(self) -> str:
        return f"<Camunda handlers={self._declared.job_types()}>"

    def init_app(self, app: Flask) -> None:
        """Read and check ``app.config``, register the app's handlers, CLI and pages.

        Invalid configuration raises ``ConfigurationError`` naming each bad key and the fix,
        so the app does not start half-configured.
        """
        if EXTENSION_NAME in app.extensions:
            raise RuntimeError(
                f"A Camunda extension is already initialised on the Flask app {app.name!r}. "
                "Call init_app once per app; use one Camunda() object for all apps, or one per "
                "app, but not two on the same app."
            )
        config = read_config(app.config, **self._settings_overrides)
        state = CamundaState(self, app, config)
        for handler in self._declared:
            state.add_handler(handler)
        if config.celery.enabled:
            state.register_remote()
        app.extensions[EXTENSION_NAME] = state
        self._states.add(state)
        self._register_cli(app)
        if config.views.enabled:
            from camunda_flask.views import blueprint

            app.register_blueprint(blueprint, url_prefix=config.views.url_prefix)
        logger.debug("Camunda initialised on %s -> %s", app.name, config.settings.rest_address)

    @staticmethod
    def _register_cli(app: Flask) -> None:
        from camunda_flask.cli import camunda_cli

        app.cli.add_command(camunda_cli)

    # --- handlers ---------------------------------------------------------------------------------
    def job_worker(self, job_type: str, **options: Any) -> Callable[[F], F]:
        """Decorator: run the function for every job of ``job_type``.

        ``options`` are the handler options of ``camunda_core`` (``timeout_ms``,
        ``max_jobs_active``, ``fetch_variables``, ``request_timeout_ms``, ``tenant_ids``,
        ``retry_backoff_ms``, ``execution_timeout_ms``, ``heartbeat``, ``enabled``,
        ``invalid_variables_error_code``); ``CAMUNDA_WORKERS`` may override them per app.
        """
        declared = HandlerOptions().merged(options)

        def register(func: F) -> F:
            states = list(self._states)
            for state in states:  # refuse before anything is registered anywhere
                state.check_job_type(job_type)
            handler = self._declared.add(job_type, func, declared)
            for state in states:
                state.add_handler(handler)
            return func

        return register

    @property
    def job_types(self) -> list[str]:
        """The job types declared on this extension, in declaration order."""
        return self._declared.job_types()

    # --- per-app access ---------------------------------------------------------------------------
    def state(self, app: Flask | None = None) -> CamundaState:
        """The state of ``app`` (default: ``current_app``); refuses apps of other extensions."""
        state = get_state(app)
        if state.extension is not self:
            raise RuntimeError(
                f"The Flask app {state.app.name!r} was initialised by another Camunda extension "
                "object; use that object, or camunda_flask.get_state()."
            )
        return state

    @property
    def client(self) -> CamundaClient:
        """The current app's ``CamundaClient`` (inside a request, command or app context)."""
        return self.state().client
