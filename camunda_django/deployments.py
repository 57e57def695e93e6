"""Deployment records as the deploy helpers' checksum store, and the deploy run both the
``camunda_deploy`` command and the worker's auto-deploy use.

``camunda_core.deploy`` asks a ``ChecksumStore`` for the last checksum of a resource and tells
it about each successful deployment (the ``DeployResult``: checksum, deployment key,
definitions). The store here answers from ``DeploymentRecord`` and writes one row per
deployment.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from camunda_core import CamundaClient, CamundaSettings
from camunda_core.commands import Output, deploy_command
from camunda_core.deploy import DeployResult, find_resources
from camunda_django.models import DeploymentRecord

__all__ = ["DeploymentRecordStore", "run_deploy"]


class DeploymentRecordStore:
    """``camunda_core.deploy.ChecksumStore`` on ``DeploymentRecord`` (latest row wins)."""

    def get(self, name: str, tenant_id: str | None) -> str | None:
        """The checksum of the last deployment of ``name`` for the tenant, if any."""
        return (
            DeploymentRecord.objects.filter(resource_name=name, tenant_id=tenant_id or "")
            .order_by("-deployed_at", "-id")
            .values_list("checksum", flat=True)
            .first()
        )

    def put(self, result: DeployResult, tenant_id: str | None) -> None:
        """Record a successful deployment with what Camunda created."""
        DeploymentRecord.objects.create(
            resource_name=result.resource.name,
            tenant_id=tenant_id or "",
            checksum=result.resource.checksum,
            deployment_key=result.deployment_key or "",
            definitions=[
                {"kind": kind, "id": ident, "key": key, "version": version}
                for kind, ident, key, version in result.definitions
            ],
        )


def run_deploy(
    settings: CamundaSettings,
    paths: Sequence[Path | str],
    *,
    out: Output,
    tenant_id: str | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> int:
    """Deploy (or check) the resources under ``paths``; the exit code of ``deploy_command``.

    Raises ``ValueError`` for a path that does not exist or two files with the same name.
    """
    resources = find_resources(paths)
    tenant_id = tenant_id or settings.tenant_id
    client = None if dry_run else CamundaClient(settings)
    try:
        return deploy_command(
            settings,
            resources,
            out=out,
            tenant_id=tenant_id,
            dry_run=dry_run,
            force=force,
            checksums=DeploymentRecordStore(),
            client=client,
        )
    finally:
        if client is not None:
            client.close()
