"""``DevEngine``: the runtime, its REST application, and every way to reach it.

One object for tests, the example project and the CLI::

    with DevEngine() as dev:
        with dev.client() as camunda:            # in process: no socket
            camunda.get_topology()
        with dev.serve() as url:                  # real HTTP on a free loopback port
            ...                                   # url == "http://127.0.0.1:<port>/v2"
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any

from camunda_core.devengine.api import build_router
from camunda_core.devengine.contract import EngineAPI
from camunda_core.devengine.http.application import Application
from camunda_core.devengine.http.auth import AuthConfig
from camunda_core.devengine.http.faults import FaultHooks
from camunda_core.devengine.http.transports import AsyncDevEngineTransport, DevEngineTransport

if TYPE_CHECKING:
    from camunda_core.client import AsyncCamundaClient, CamundaClient

__all__ = ["IN_PROCESS_ADDRESS", "DevEngine"]

#: The REST address in-process clients use; no request ever leaves the process.
IN_PROCESS_ADDRESS = "http://devengine.in-process/v2"


def _default_engine(options: dict[str, Any]) -> EngineAPI:
    from camunda_core.devengine.runtime import Engine

    engine: EngineAPI = Engine(**options)
    return engine


class DevEngine:
    """The embedded dev engine: a runtime served by the REST v2 application.

    ``engine_options`` go to the runtime's ``Engine`` (``data_path``, ``history_limit``...)
    when no ``engine`` is given.
    """

    def __init__(
        self,
        engine: EngineAPI | None = None,
        *,
        auth: AuthConfig | None = None,
        base_path: str = "/v2",
        **engine_options: Any,
    ) -> None:
        if engine is not None and engine_options:
            raise TypeError("engine options apply to a new engine only, not to a given one")
        self.engine = engine if engine is not None else _default_engine(engine_options)
        self.app = Application(build_router(self.engine), auth=auth, base_path=base_path)

    @property
    def faults(self) -> FaultHooks:
        """The fault hooks (off until a test adds one)."""
        return self.app.faults

    # --- in process ------------------------------------------------------------------------
    def transport(self) -> DevEngineTransport:
        """A sync httpx transport that calls the application directly."""
        return DevEngineTransport(self.app)

    def async_transport(self) -> AsyncDevEngineTransport:
        """An async httpx transport that calls the application directly."""
        return AsyncDevEngineTransport(self.app)

    def client(self, **overrides: Any) -> CamundaClient:
        """A ``CamundaClient`` bound in process (settings ``overrides`` as keywords)."""
        from camunda_core.client import CamundaClient

        options = {**self._client_auth(), **overrides}
        return CamundaClient(rest_address=IN_PROCESS_ADDRESS, transport=self.transport(), **options)

    def async_client(self, **overrides: Any) -> AsyncCamundaClient:
        """An ``AsyncCamundaClient`` bound in process."""
        from camunda_core.client import AsyncCamundaClient

        options = {**self._client_auth(), **overrides}
        return AsyncCamundaClient(
            rest_address=IN_PROCESS_ADDRESS, transport=self.async_transport(), **options
        )

    def _client_auth(self) -> dict[str, Any]:
        config = self.app.auth.config
        if config.mode == "basic":
            return {
                "basic_auth_username": config.username,
                "basic_auth_password": config.password.get_secret_value(),
            }
        return {}

    # --- over HTTP ---------------------------------------------------------------------------
    @contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve over HTTP (uvicorn, background thread) while the block runs; yields the URL."""
        from camunda_core.devengine.http.server import EngineServer

        server = EngineServer(self.app, host, port)
        server.start()
        try:
            yield server.url
        finally:
            server.stop()

    # --- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        """Release waiting requests and stop the runtime's background work."""
        self.app.close()
        close = getattr(self.engine, "close", None)
        if callable(close):
            close()

    def __enter__(self) -> DevEngine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
