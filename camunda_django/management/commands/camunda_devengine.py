"""``manage.py camunda_devengine [--host H] [--port P] [--data FILE] ...``: the embedded dev
engine, served over HTTP until SIGINT/SIGTERM (``python -m camunda_core.devengine`` as a
Django command, so a project needs no separate tool to have a local Camunda)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run the embedded Camunda 8 dev engine (REST API v2 under /v2) until Ctrl-C."
    requires_system_checks: list[str] = []  # the engine needs neither the project nor its database

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Interface to listen on.")
        parser.add_argument("--port", type=int, default=8080, help="Port (0 picks a free one).")
        parser.add_argument(
            "--data", default=None, help="Snapshot file: restored at start, written on exit."
        )
        parser.add_argument(
            "--auth", choices=("none", "basic", "oauth"), default=None, help="Require credentials."
        )
        parser.add_argument("--log-level", default=None, help="debug, info, warning (default).")

    def handle(self, *args: Any, **options: Any) -> None:
        from camunda_core.devengine.__main__ import main

        argv = ["--host", options["host"], "--port", str(options["port"])]
        for name in ("data", "auth", "log_level"):
            if options[name] is not None:
                argv += [f"--{name.replace('_', '-')}", str(options[name])]
        try:
            code = main(argv)
        except ImportError as error:  # uvicorn comes with the [devengine] extra
            raise CommandError(
                f"The dev engine cannot start ({error}): pip install camunda-integration[devengine]"
            ) from error
        if code:
            raise CommandError("The dev engine stopped with an error.", returncode=code)
