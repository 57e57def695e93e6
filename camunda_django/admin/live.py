"""The base of the admin pages that read the cluster live (user tasks, incidents).

Each page is a ModelAdmin of an unmanaged model (no table), so it sits in the admin's
"Camunda" section and is gated by real permissions. Its URLs are its own views, each wrapped
in ``admin_site.admin_view`` (staff login, CSRF protection, no caching). Views that change
something accept POST only (405 otherwise) and check their permission (403) before any call
reaches the cluster; each change they make is written to the admin log (``LogEntry``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.views.decorators.http import require_POST

from camunda_core import CamundaClient, CamundaError
from camunda_django.conf import camunda_client

__all__ = ["LiveClusterAdmin"]

View = Callable[..., HttpResponse]


class LiveClusterAdmin(admin.ModelAdmin):
    """Pages over cluster data: view permission to read, named permissions to act."""

    #: ``(route, view method name, url name suffix, POST only)`` of the pages.
    pages: tuple[tuple[str, str, str, bool], ...] = ()

    # --- permissions: viewing is the model's "view" permission; nothing is added or deleted ---
    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(self._perm("view"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def require(self, request: HttpRequest, action: str) -> None:
        """Raise ``PermissionDenied`` (403) unless the user has ``camunda_django.<action>_<model>``."""
        if not request.user.has_perm(self._perm(action)):
            raise PermissionDenied(f"You may not {action} {self.model._meta.verbose_name_plural}.")

    def _perm(self, action: str) -> str:
        return f"{self.model._meta.app_label}.{action}_{self.model._meta.model_name}"

    # --- URLs ----------------------------------------------------------------------------------
    def get_urls(self) -> list[URLPattern]:
        info = (self.model._meta.app_label, self.model._meta.model_name)
        patterns = []
        for route, method, suffix, post_only in self.pages:
            view: View = getattr(self, method)
            if post_only:
                view = require_POST(view)
            patterns.append(
                path(route, self.admin_site.admin_view(view), name="{}_{}_".format(*info) + suffix)
            )
        return patterns

    # --- helpers for the views -----------------------------------------------------------------
    def client(self) -> CamundaClient:
        """The shared client of the project's settings."""
        return camunda_client()

    def render(
        self, request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
    ) -> TemplateResponse:
        """A page in the admin's frame (``admin/base_site.html``)."""
        full = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "app_label": self.model._meta.app_label,
            "has_view_permission": self.has_view_permission(request),
            **context,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, template, full, status=status)

    def log(self, request: HttpRequest, obj: models.Model, message: str) -> None:
        """Write ``message`` about ``obj`` to the admin log (the "Recent actions")."""
        self.log_change(request, obj, message)

    def cluster_failed(self, request: HttpRequest, error: CamundaError) -> None:
        """Tell the user the cluster refused or could not be reached."""
        detail = getattr(error, "detail", None) or str(error)
        messages.error(request, f"Camunda did not accept the request: {detail}")
