"""``manage.py camunda_deploy [paths...] [--dry-run] [--force] [--tenant T]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from camunda_core import CamundaError
from camunda_django.conf import camunda_settings, django_config
from camunda_django.deployments import run_deploy


class Command(BaseCommand):
    help = (
        "Deploy BPMN, DMN and form files to Camunda: the given paths, or "
        'CAMUNDA["DEPLOY"]["RESOURCES"]. Unchanged files (same checksum as the last '
        "deployment) are skipped. Exits with 1 when any file is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="*", help="Files or directories (default: the configured resources)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the files; deploy nothing."
        )
        parser.add_argument("--force", action="store_true", help="Deploy unchanged files too.")
        parser.add_argument(
            "--tenant", default=None, help="Tenant to deploy to (default: CAMUNDA TENANT_ID)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            settings = camunda_settings()
            paths = options["paths"] or list(django_config().deploy.resources)
            if not paths:
                raise CommandError(
                    'Nothing to deploy: give paths, or set CAMUNDA["DEPLOY"]["RESOURCES"].'
                )
            code = run_deploy(
                settings,
                paths,
                out=self.stdout.write,
                tenant_id=options["tenant"],
                dry_run=options["dry_run"],
                force=options["force"],
            )
        except (CamundaError, ValueError) as error:
            raise CommandError(str(error)) from error
        if code:
            raise CommandError("Some resources were refused (see above).", returncode=code)
