"""The dev engine over real HTTP: uvicorn in a background thread (the ``[devengine]`` extra).

This is the only module that imports uvicorn. HTTP/1.1 keep-alive is uvicorn's; on top of it:

- **TCP_NODELAY.** asyncio turns Nagle's algorithm off for its TCP transports
  (``base_events._set_nodelay``), but only for sockets whose ``proto`` is ``IPPROTO_TCP``; a
  socket made with ``socket.socket(AF_INET, SOCK_STREAM)`` has proto 0 and keeps Nagle on (the
  tests caught this). The listening socket is made with the protocol number, and each
  connection sets the option again, so it holds whatever made the socket.
- **one write per response.** uvicorn writes the status line and headers, then the body, as
  two ``transport.write`` calls (two TCP segments). The protocol here wraps each connection's
  transport so the adapter can batch them ("cork" the writes, like ``TCP_CORK``), and the
  response leaves in one ``send()``. With both, a small answer never waits for Nagle's
  algorithm or a delayed ACK.
- **dropping a connection on purpose** (fault hooks): the wrapped transport can be aborted.

The protocol subclass overrides only the ``asyncio.Protocol`` interface (``connection_made``,
``connection_lost``) of uvicorn's protocol, not its HTTP handling.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from typing import Any

try:
    import uvicorn
except ImportError as missing:  # pragma: no cover - depends on the installed extras
    raise ImportError(
        "serving the dev engine over HTTP needs uvicorn: "
        "pip install 'camunda-integration[devengine]' (in process it needs nothing)"
    ) from missing

from camunda_core.devengine.http.application import Application
from camunda_core.devengine.http.asgi import AsgiAdapter, Connection

__all__ = ["Connections", "EngineServer", "nodelay_enabled"]

_BaseProtocol: type[Any]
try:  # httptools is the fast parser; h11 is uvicorn's pure-Python fallback
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _BaseProtocol
except ImportError:  # pragma: no cover - the [devengine] extra installs httptools
    from uvicorn.protocols.http.h11_impl import H11Protocol as _BaseProtocol

STARTUP_TIMEOUT = 10.0


class _CorkedTransport:
    """A transport whose writes can be held back and sent as one."""

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._corked = False
        self._held: list[bytes] = []
        #: Writes handed to the socket transport (one per response when corked).
        self.writes = 0

    def cork(self) -> None:
        self._corked = True

    def uncork(self) -> None:
        self._corked = False
        if self._held:
            data = b"".join(self._held) if len(self._held) > 1 else self._held[0]
            self._held.clear()
            self.writes += 1
            self._transport.write(data)

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if self._corked:
            self._held.append(bytes(data))
        else:
            self.writes += 1
            self._transport.write(data)

    def close(self) -> None:
        self.uncork()
        self._transport.close()

    def abort(self) -> None:
        self._held.clear()
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class Connections(dict[tuple[str, int], Connection]):
    """The open connections by client address, and how many were ever opened."""

    opened = 0


def _protocol_class(connections: Connections) -> type[Any]:
    """uvicorn's HTTP protocol, registering each connection's corkable transport."""

    class DevEngineProtocol(_BaseProtocol):  # type: ignore[misc]
        def connection_made(self, transport: asyncio.Transport) -> None:
            corked = _CorkedTransport(transport)
            sock = transport.get_extra_info("socket")
            if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            peer = transport.get_extra_info("peername")
            self._devengine_peer = (str(peer[0]), int(peer[1])) if peer else None
            connections.opened += 1
            if self._devengine_peer is not None:
                connections[self._devengine_peer] = corked
            super().connection_made(corked)

        def connection_lost(self, exc: Exception | None) -> None:
            if self._devengine_peer is not None:
                connections.pop(self._devengine_peer, None)
            super().connection_lost(exc)

    return DevEngineProtocol


def nodelay_enabled(sock: socket.socket) -> bool:
    """Whether Nagle's algorithm is off on ``sock`` (for tests and the docs' claim)."""
    return bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


class EngineServer:
    """uvicorn serving one application on ``host:port`` from a background thread.

    ``port=0`` picks a free port; :attr:`url` is known once constructed (the socket is bound
    here, so a test never races for a port).
    """

    def __init__(
        self,
        app: Application,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        log_level: str = "warning",
        graceful_timeout: float = 3.0,
    ) -> None:
        self.app = app
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on sockets that say so.
        self._socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.host = host
        self.port: int = self._socket.getsockname()[1]
        self.connections = Connections()
        self.adapter = AsgiAdapter(app, self.connections)
        config = uvicorn.Config(
            self.adapter,
            http=_protocol_class(self.connections),
            lifespan="on",
            access_log=False,
            proxy_headers=False,  # no proxy in front: the peer address is the client's
            server_header=False,
            log_level=log_level,
            timeout_keep_alive=75,
            timeout_graceful_shutdown=int(graceful_timeout) or 1,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The REST address, ``http://host:port/v2``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.app.base_path}"

    def start(self) -> None:
        """Serve in a background thread; returns once the server accepts connections."""
        if self._thread is not None:
            raise RuntimeError("the server was started already")
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name=f"devengine-http-{self.port}",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the dev engine server did not start on {self.url}")
            time.sleep(0.01)

    def stop(self, timeout: float = 10.0) -> None:
        """Answer waiting requests, close connections and stop the thread."""
        self.adapter.begin_shutdown()
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        self._socket.close()

    @property
    def running(self) -> bool:
        """Whether the server thread is alive."""
        return self._thread is not None and self._thread.is_alive()
