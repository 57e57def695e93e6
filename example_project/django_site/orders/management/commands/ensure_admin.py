"""``manage.py ensure_admin --password-file PATH``: the example's admin login and its managers.

Creates (or updates) the superuser ``admin`` with the password in the file, and the group
``managers`` with the Camunda admin permissions. The password comes from a file, not the
command line, so it never shows up in the process list. Run by the launcher at every start.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError, CommandParser

from orders.receivers import MANAGERS_GROUP

CAMUNDA_PERMISSIONS = [
    "view_usertask",
    "assign_usertask",
    "complete_usertask",
    "view_incident",
    "resolve_incident",
]


class Command(BaseCommand):
    help = "Create or update the superuser 'admin' and the group 'managers'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password-file", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            password = options["password_file"].read_text(encoding="utf-8").strip()
        except OSError as error:
            raise CommandError(f"cannot read the password file: {error}") from error
        if len(password) < 8:
            raise CommandError("the password file must hold a password of 8 characters or more")
        user, created = get_user_model().objects.get_or_create(username=options["username"])
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        managers, _ = Group.objects.get_or_create(name=MANAGERS_GROUP)
        managers.permissions.set(
            Permission.objects.filter(
                content_type__app_label="camunda_django", codename__in=CAMUNDA_PERMISSIONS
            )
        )
        self.stdout.write(f"{'Created' if created else 'Updated'} the superuser {user.username}")
