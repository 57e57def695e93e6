"""What the extension keeps per Flask app, in ``app.extensions["camunda"]``.

One ``Camunda`` object may serve several apps (the app-factory pattern, or two apps in one
process), each with its own settings, handlers (wrapped in that app's context, with that
app's ``CAMUNDA_WORKERS`` overrides), signal sink and client. Nothing app-specific is kept
on the extension object itself.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask

from camunda_core import CamundaClient, CamundaSettings, ConfigurationError, JobRouter
from camunda_core.events import EventSink
from camunda_core.worker import Handler, HandlerOptions
from camunda_core.worker.task_listeners import user_task_listener
from camunda_flask.config import ExtensionConfig
from camunda_flask.forwarding import SignalSink, in_app_context, user_task_receivers

if TYPE_CHECKING:
    from camunda_flask.extension import Camunda

__all__ = ["CHECKSUM_FILE", "CamundaState"]

#: The file in the app's instance folder that remembers what ``flask camunda deploy`` deployed.
CHECKSUM_FILE = "camunda-deployed.json"


class CamundaState:
    """The extension's state for one app: settings, the app's job router, sinks, client."""

    def __init__(self, extension: Camunda, app: Flask, config: ExtensionConfig) -> None:
        self.extension = extension
        self.app = app
        self.config = config
        self.router = JobRouter()
        self.signal_sink = SignalSink(app)
        self.sinks: list[EventSink] = [self.signal_sink]
        self._client: CamundaClient | None = None
        self._client_lock = threading.Lock()
        if config.listener_type is not None:
            listener = user_task_listener(user_task_receivers(app))
            options = config.workers.options_for(config.listener_type, HandlerOptions())
            self.router.add(config.listener_type, in_app_context(app, listener), options)

    def __repr__(self) -> str:
        return f"<CamundaState app={self.app.name!r} handlers={self.router.job_types()}>"

    @property
    def settings(self) -> CamundaSettings:
        """The validated settings of this app."""
        return self.config.settings

    def check_job_type(self, job_type: str) -> None:
        """Refuse a handler whose job type this app uses for task-listener jobs."""
        if job_type == self.config.listener_type:
            raise ValueError(
                f"job type {job_type!r} is this app's CAMUNDA_USER_TASK_LISTENER_TYPE "
                "(task-listener jobs become user_task_* signals): give the handler another job "
                "type, or set CAMUNDA_USER_TASK_LISTENER_TYPE to another type or None"
            )

    def add_handler(self, handler: Handler) -> None:
        """Register a declared handler for this app: in its app context, with its overrides."""
        self.check_job_type(handler.job_type)
        options: HandlerOptions = self.config.workers.options_for(handler.job_type, handler.options)
        self.router.add(handler.job_type, in_app_context(self.app, handler.func), options)

    def unused_overrides(self) -> list[str]:
        """Job types configured in ``CAMUNDA_WORKERS['TYPES']`` that have no handler (typos)."""
        return self.config.workers.unused_types(set(self.router.job_types()))

    # --- the client ---------------------------------------------------------------------------
    @property
    def client(self) -> CamundaClient:
        """The app's ``CamundaClient``, made on first use and shared across threads."""
        with self._client_lock:
            if self._client is None:
                self._client = CamundaClient(self.settings)
            return self._client

    def use_client(self, client: CamundaClient) -> None:
        """Use ``client`` for the pages and ``camunda.client`` (an in-process engine in tests)."""
        with self._client_lock:
            self._client = client

    def close(self) -> None:
        """Close the client (the next use makes a new one)."""
        with self._client_lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    # --- deployment ---------------------------------------------------------------------------
    def resource_paths(self) -> list[Path]:
        """``CAMUNDA_DEPLOY['RESOURCES']``, relative ones resolved against the app's root path."""
        return [Path(self.app.root_path, path) for path in self.config.deploy.resources]

    @property
    def checksum_path(self) -> Path:
        """Where deployed checksums are remembered: the app's instance folder."""
        return Path(self.app.instance_path, CHECKSUM_FILE)

    # --- Celery ------------------------------------------------------------------------------
    @property
    def router_name(self) -> str:
        """The name this app's handlers are registered under for Celery worker processes."""
        return f"flask:{self.app.name}"

    def register_remote(self) -> None:
        """Make this app's handlers runnable by ``camunda.run_job`` tasks in this process.

        Called at ``init_app`` when ``CAMUNDA_CELERY['ENABLED']``: the Celery worker process
        builds the same app, and finds the handlers under the same name. The router is live,
        so handlers declared after ``init_app`` are found too.
        """
        # Importing the executor also defines the ``camunda.run_job`` task (a shared task).
        try:
            from camunda_core.worker.celery_executor import register_router
        except ImportError as error:
            raise ConfigurationError(
                f"CAMUNDA_CELERY['ENABLED'] needs Celery ({error}): install "
                "camunda-integration[celery], or set ENABLED to False"
            ) from error

        register_router(self.router_name, self.router, lambda: self.settings, sinks=self.sinks)
