"""Admin of what camunda_django stores: the job ledger and the deployment records.

Both are written by the worker and the deploy command, never by hand: the admin shows them
read-only (with filters and search) and allows deleting ledger rows, which makes the guard
run a job's handler again on its next delivery.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from camunda_django.models import DeploymentRecord, JobRecord

__all__ = ["DeploymentRecordAdmin", "JobRecordAdmin"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the integration: viewable, never added or edited here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class JobRecordAdmin(ReadOnlyAdmin):
    list_display = (
        "job_key",
        "job_type",
        "state",
        "attempts",
        "process_instance_key",
        "element_id",
        "last_seen",
        "duration",
    )
    list_filter = ("state", "job_type", "last_seen")
    search_fields = ("job_key", "job_type", "process_instance_key", "element_id", "error_message")
    date_hierarchy = "last_seen"
    readonly_fields = tuple(field.name for field in JobRecord._meta.fields)


class DeploymentRecordAdmin(ReadOnlyAdmin):
    list_display = (
        "resource_name",
        "tenant_id",
        "deployment_key",
        "definitions_text",
        "deployed_at",
    )
    list_filter = ("tenant_id", "deployed_at")
    search_fields = ("resource_name", "deployment_key", "checksum")
    date_hierarchy = "deployed_at"
    readonly_fields = tuple(field.name for field in DeploymentRecord._meta.fields)

    @admin.display(description="definitions")
    def definitions_text(self, record: DeploymentRecord) -> str:
        return record.definitions_text()
