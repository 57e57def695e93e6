"""``manage.py camunda_worker [job types...] [--concurrency N] [--threads N] [--executor
local|celery] [--no-deploy]``: poll Camunda and run the project's handlers until SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from camunda_core import CamundaError
from camunda_core.commands import worker_command
from camunda_django.conf import camunda_settings, django_config
from camunda_django.deployments import run_deploy
from camunda_django.worker import worker_parts


class Command(BaseCommand):
    help = (
        "Run a Camunda job worker for the @job_worker handlers of every app's "
        "camunda_workers.py (or only the named job types). Stops cleanly on SIGTERM/SIGINT."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job_types", nargs="*", help="Job types to poll (default: all).")
        parser.add_argument(
            "--concurrency",
            type=_positive,
            default=None,
            help="Jobs in flight at once over all types (default: the sum of max_jobs_active).",
        )
        parser.add_argument(
            "--threads", type=_positive, default=None, help="Threads for sync handlers."
        )
        parser.add_argument(
            "--executor",
            choices=("local", "celery"),
            default=None,
            help='Where handlers run (default: celery when CAMUNDA["CELERY"]["ENABLED"]).',
        )
        parser.add_argument(
            "--no-deploy", action="store_true", help="Skip the configured auto-deploy."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            code = self._run(options)
        except (CamundaError, ValueError) as error:
            raise CommandError(str(error)) from error
        if code:
            raise CommandError("The worker stopped with an error.", returncode=code)

    def _run(self, options: dict[str, Any]) -> int:
        settings = camunda_settings()
        config = django_config()
        parts = worker_parts(config)
        executor = options["executor"] or ("celery" if config.celery.enabled else "local")
        extra: dict[str, Any] = {}
        if executor == "celery":
            from camunda_django.celery_worker import celery_dispatcher

            extra["dispatcher"] = celery_dispatcher(config)
            self.stdout.write("Handlers run in Celery workers (executor: celery)")

        def deploy_first() -> None:
            self.stdout.write("Auto-deploy of the configured resources:")
            code = run_deploy(settings, config.deploy.resources, out=self.stdout.write)
            if code:
                raise CommandError("Auto-deploy refused some resources; the worker did not start.")

        auto_deploy = config.deploy.auto_deploy and config.deploy.resources
        try:
            return worker_command(
                parts.router,
                settings,
                out=self.stdout.write,
                job_types=options["job_types"] or None,
                max_concurrent_jobs=options["concurrency"],
                threads=options["threads"],
                sinks=[parts.sink],
                guard=parts.guard,
                before_start=deploy_first if auto_deploy and not options["no_deploy"] else None,
                **extra,
            )
        finally:
            parts.sink.close()


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return value
