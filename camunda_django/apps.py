"""The app configuration: ``ready()`` registers the checks and one receiver, nothing more."""

from __future__ import annotations

from django.apps import AppConfig
from django.core.signals import setting_changed


class CamundaConfig(AppConfig):
    """``INSTALLED_APPS += ["camunda_django"]``; the admin shows its pages under "Camunda"."""

    name = "camunda_django"
    verbose_name = "Camunda"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from camunda_django import checks, conf

        checks.register()
        setting_changed.connect(conf.reset_caches, dispatch_uid="camunda_django.reset_caches")
