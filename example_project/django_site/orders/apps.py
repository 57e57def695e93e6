"""The app config: connects the signal receivers, nothing else (handlers are discovered)."""

from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = "Orders"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Receivers must be connected in every process: the worker sends the signals.
        from orders import receivers  # noqa: F401
