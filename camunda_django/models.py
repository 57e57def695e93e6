"""What camunda_django keeps in the project's database, and the admin's live-page models.

``JobRecord`` is the job ledger: one row per job key, the idempotency guard's memory.
``DeploymentRecord`` remembers what ``camunda_deploy`` sent, so unchanged files are skipped.
``UserTask`` and ``Incident`` have no table (``managed = False``): the cluster is the source
of truth for them. They exist so the admin lists their pages under "Camunda", and so their
permissions are real rows a project grants to groups like any other.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

__all__ = ["DeploymentRecord", "Incident", "JobRecord", "UserTask"]

#: Camunda keys are 64-bit numbers sent as strings; 25 characters hold any of them.
KEY_LENGTH = 25


class JobRecord(models.Model):
    """One job as the idempotency guard saw it: every delivery counted, the outcome kept.

    A completed (or errored) job that is delivered again does not run its handler again: the
    guard answers with ``result_variables`` (or the error) recorded here.
    """

    class State(models.TextChoices):
        COMPLETED = "completed", "completed"
        FAILED = "failed", "failed"
        ERROR_THROWN = "error_thrown", "BPMN error thrown"

    job_key = models.CharField(max_length=KEY_LENGTH, unique=True)
    job_type = models.CharField(max_length=255, db_index=True)
    process_instance_key = models.CharField(max_length=KEY_LENGTH, db_index=True)
    process_definition_id = models.CharField(max_length=255, blank=True)
    element_id = models.CharField(max_length=255, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, db_index=True)
    attempts = models.PositiveIntegerField(
        default=0, help_text="Deliveries of this job seen by the guard (more than 1: repeats)."
    )
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration = models.DurationField(
        null=True, blank=True, help_text="How long the handler ran (last run)."
    )
    error_code = models.CharField(
        max_length=255, blank=True, help_text="The BPMN error code, when one was thrown."
    )
    error_message = models.TextField(blank=True)
    result_variables = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = "job record"
        ordering = ("-last_seen",)

    def __str__(self) -> str:
        return f"{self.job_type} job {self.job_key}"

    @property
    def finished(self) -> bool:
        """Whether the job's outcome is final (a repeat must not run the handler again)."""
        return self.state in (self.State.COMPLETED, self.State.ERROR_THROWN)


class DeploymentRecord(models.Model):
    """One resource deployed by ``camunda_deploy`` (or auto-deploy), with what it created."""

    resource_name = models.CharField(max_length=255, db_index=True)
    tenant_id = models.CharField(max_length=256, blank=True, default="")
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the file's content.")
    deployment_key = models.CharField(max_length=KEY_LENGTH)
    definitions = models.JSONField(
        default=list,
        blank=True,
        help_text="What the deployment created: kind, id, key and version of each definition.",
    )
    deployed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "deployment record"
        ordering = ("-deployed_at", "-id")
        indexes = (models.Index(fields=("resource_name", "tenant_id", "-deployed_at")),)

    def __str__(self) -> str:
        return f"{self.resource_name} ({self.deployment_key})"

    def definitions_text(self) -> str:
        """``process order v3, decision risk v1`` for lists and logs."""
        return ", ".join(
            f"{item.get('kind')} {item.get('id')} v{item.get('version')}"
            for item in self._definition_items()
        )

    def _definition_items(self) -> list[dict[str, Any]]:
        return [item for item in self.definitions or [] if isinstance(item, dict)]


class UserTask(models.Model):
    """A user task in the cluster: no table, the admin pages read the cluster live."""

    key = models.CharField(max_length=KEY_LENGTH, primary_key=True)
    name = models.CharField(max_length=255, blank=True)

    class Meta:
        managed = False
        verbose_name = "user task"
        default_permissions = ("view",)
        permissions = (
            ("assign_usertask", "Can assign and unassign user tasks"),
            ("complete_usertask", "Can complete user tasks"),
        )

    def __str__(self) -> str:
        return f"{self.name or 'User task'} ({self.key})"


class Incident(models.Model):
    """An incident in the cluster: no table, the admin pages read the cluster live."""

    key = models.CharField(max_length=KEY_LENGTH, primary_key=True)
    error_type = models.CharField(max_length=64, blank=True)

    class Meta:
        managed = False
        verbose_name = "incident"
        default_permissions = ("view",)
        permissions = (("resolve_incident", "Can retry and resolve incidents"),)

    def __str__(self) -> str:
        return f"Incident {self.key}" + (f" ({self.error_type})" if self.error_type else "")
