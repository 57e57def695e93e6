"""The launcher's command line, with defaults from ``EXAMPLE_*`` environment variables."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: ``example_project/``: the processes, the two apps and (by default) the state folder.
EXAMPLE_DIR = Path(__file__).resolve().parent.parent
REPOSITORY = EXAMPLE_DIR.parent
DJANGO_SITE = EXAMPLE_DIR / "django_site"

#: Ports chosen to stay clear of the usual 8080 (a real Camunda) and 3000 (front-end servers).
DEFAULT_PORTS = {"site": 8000, "engine": 8088, "flask": 5000, "flask-engine": 8089}


@dataclass(frozen=True)
class Options:
    """What to start, where, and how much to show."""

    host: str
    site_port: int
    engine_port: int
    flask_port: int
    flask_engine_port: int
    with_flask: bool
    var_dir: Path
    verbose: bool
    python: str = sys.executable

    @property
    def ports(self) -> dict[str, int]:
        """The ports to open, by the option that sets them."""
        ports = {"--site-port": self.site_port, "--engine-port": self.engine_port}
        if self.with_flask:
            ports.update(
                {"--flask-port": self.flask_port, "--flask-engine-port": self.flask_engine_port}
            )
        return ports

    def url(self, port: int, path: str = "/") -> str:
        return f"http://{self.host}:{port}{path}"


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535, got {text!r}")
    return port


def _env_port(name: str, default: int) -> str:
    return os.environ.get(f"EXAMPLE_{name.upper().replace('-', '_')}_PORT", str(default))


def parse(argv: Sequence[str] | None = None) -> Options:
    """Read the command line (``--help`` lists every option)."""
    parser = argparse.ArgumentParser(
        prog="python -m example_project",
        description="Start the Camunda example: dev engine, Django site and worker (Ctrl-C stops all).",
    )
    for name, default in DEFAULT_PORTS.items():
        parser.add_argument(
            f"--{name}-port",
            type=_port,
            default=_env_port(name, default),
            metavar="PORT",
            help=f"default {default} (or EXAMPLE_{name.upper().replace('-', '_')}_PORT)",
        )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    parser.add_argument(
        "--with-flask",
        action="store_true",
        help="also start the Flask app, with its own dev engine and worker",
    )
    parser.add_argument(
        "--var",
        type=Path,
        default=Path(os.environ.get("EXAMPLE_VAR_DIR", EXAMPLE_DIR / "var")),
        metavar="DIR",
        help="state folder: engine snapshot, database, secrets, logs (default example_project/var)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="echo every child's output (default: the workers' and the engines')",
    )
    args = parser.parse_args(argv)
    return Options(
        host=args.host,
        site_port=args.site_port,
        engine_port=args.engine_port,
        flask_port=args.flask_port,
        flask_engine_port=args.flask_engine_port,
        with_flask=args.with_flask,
        var_dir=args.var.resolve(),
        verbose=args.verbose,
    )
