"""``manage.py confirm_payment A-1001``: the bank's confirmation, from the command line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from camunda_core import CamundaError
from orders.process import confirm_payment


class Command(BaseCommand):
    help = "Publish the message payment-confirmed for an order (as the bank's webhook would)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("order_number", help="for example A-1001")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            confirm_payment(options["order_number"])
        except CamundaError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Published payment-confirmed for {options['order_number']}")
