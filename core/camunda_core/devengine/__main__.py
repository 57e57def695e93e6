"""``python -m camunda_core.devengine``: the dev engine as an HTTP server.

Prints its REST address (``http://127.0.0.1:8080/v2``) once it accepts connections, serves
until SIGINT or SIGTERM, then answers waiting requests, closes and exits 0. With ``--data`` it
restores the engine from that file at start and writes it periodically and at shutdown.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from pydantic import SecretStr

from camunda_core.devengine.http.auth import AUTH_MODES, AuthConfig
from camunda_core.devengine.http.observers import ResponseObserver, register

__all__ = ["main"]

logger = logging.getLogger("camunda_core.devengine")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m camunda_core.devengine",
        description="Serve the embedded Camunda 8 dev engine (REST API v2 under /v2).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port (0 picks a free one)")
    parser.add_argument(
        "--data",
        type=Path,
        help="snapshot file: restored at start, written periodically and on exit",
    )
    parser.add_argument(
        "--snapshot-interval", type=float, default=30.0, help="seconds between snapshots"
    )
    parser.add_argument("--auth", choices=AUTH_MODES, default="none")
    parser.add_argument("--username", default="demo", help="Basic auth user")
    parser.add_argument(
        "--password",
        default=os.environ.get("CAMUNDA_DEVENGINE_PASSWORD", "demo"),
        help="Basic auth password (or CAMUNDA_DEVENGINE_PASSWORD)",
    )
    parser.add_argument("--client-id", default="devengine", help="OAuth client id")
    parser.add_argument(
        "--client-secret",
        default=os.environ.get("CAMUNDA_DEVENGINE_CLIENT_SECRET", "devengine-secret"),
        help="OAuth client secret (or CAMUNDA_DEVENGINE_CLIENT_SECRET)",
    )
    parser.add_argument("--audience", help="audience a token request must name")
    parser.add_argument("--token-lifetime", type=float, default=3600.0, help="seconds")
    parser.add_argument(
        "--observer",
        action="append",
        default=[],
        metavar="MODULE:FUNCTION",
        help="call FUNCTION(request, response, operation_id) for every response",
    )
    parser.add_argument("--log-level", default="warning")
    return parser


def _auth(args: argparse.Namespace) -> AuthConfig:
    return AuthConfig(
        mode=args.auth,
        username=args.username,
        password=SecretStr(args.password),
        clients={args.client_id: SecretStr(args.client_secret)},
        audience=args.audience,
        token_lifetime=args.token_lifetime,
    )


def load_observer(spec: str) -> ResponseObserver:
    """``package.module:function`` -> the function."""
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise SystemExit(f"--observer {spec!r}: expected MODULE:FUNCTION")
    observer = getattr(importlib.import_module(module_name), attribute, None)
    if not callable(observer):
        raise SystemExit(f"--observer {spec!r}: {attribute} is not a function of {module_name}")
    return observer  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the server until SIGINT/SIGTERM; the exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    for spec in args.observer:
        register(load_observer(spec))

    from camunda_core.devengine.facade import DevEngine
    from camunda_core.devengine.http.server import EngineServer

    options = {"data_path": args.data} if args.data else {}
    dev = DevEngine(auth=_auth(args), **options)
    server = EngineServer(dev.app, args.host, args.port, log_level=args.log_level)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    server.start()
    snapshots = _Snapshots(dev.engine, args.snapshot_interval) if args.data else None
    print(server.url, flush=True)
    while not stop.wait(0.5):
        pass
    server.stop()
    if snapshots is not None:
        snapshots.stop()
    dev.close()
    return 0


class _Snapshots:
    """Write the engine's snapshot now, every ``interval`` seconds, and once more at stop."""

    def __init__(self, engine: Any, interval: float) -> None:
        self._engine = engine
        self._interval = max(interval, 0.1)
        self._stopped = threading.Event()
        self._save()
        self._thread = threading.Thread(target=self._run, name="devengine-snapshots", daemon=True)
        self._thread.start()

    def _save(self) -> None:
        try:
            self._engine.snapshot()
        except OSError as exc:
            logger.error("could not write the snapshot: %s", exc)

    def _run(self) -> None:
        while not self._stopped.wait(self._interval):
            self._save()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()
        self._save()


if __name__ == "__main__":
    sys.exit(main())
