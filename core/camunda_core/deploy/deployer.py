"""Deploying resources one file at a time, with a result per file and progress.

Each file is its own deployment, so one invalid file is refused with its own reason while
the others deploy. Before sending, BPMN files are checked with the dev engine's parser, so
an unsupported or invalid element is reported with the element id even in ``dry_run``.
Unchanged files (same checksum as last time) are skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from camunda_core.client import CamundaClient
from camunda_core.deploy.checksums import ChecksumStore
from camunda_core.deploy.resources import Resource
from camunda_core.deploy.validation import check_resource
from camunda_core.errors import CamundaAPIError, CamundaError

__all__ = ["DeployResult", "deploy_resources"]

logger = logging.getLogger("camunda_core.deploy")


@dataclass(frozen=True)
class DeployResult:
    """What happened to one resource.

    ``status``: ``deployed``, ``unchanged`` (skipped: same checksum), ``checked`` (dry run,
    valid), or ``refused`` (``reason`` says why).
    """

    resource: Resource
    status: str
    reason: str | None = None
    deployment_key: str | None = None
    definitions: list[tuple[str, str, str, int]] = field(
        default_factory=list
    )  # kind, id, key, version

    @property
    def ok(self) -> bool:
        """Not refused."""
        return self.status != "refused"


def deploy_resources(
    client: CamundaClient | None,
    resources: Sequence[Resource],
    *,
    tenant_id: str | None = None,
    checksums: ChecksumStore | None = None,
    dry_run: bool = False,
    force: bool = False,
    progress: Callable[[int, int, DeployResult], None] | None = None,
) -> list[DeployResult]:
    """Deploy each resource; ``progress(done, total, result)`` after each one.

    ``dry_run`` checks files locally and sends nothing (``client`` may be None). ``force``
    deploys even unchanged files.
    """
    if client is None and not dry_run:
        raise ValueError("deploying needs a client (only a dry run works without one)")
    results = []
    for index, resource in enumerate(resources, start=1):
        result = _one(client, resource, tenant_id, checksums, dry_run, force)
        results.append(result)
        if progress is not None:
            progress(index, len(resources), result)
    return results


def _one(
    client: CamundaClient | None,
    resource: Resource,
    tenant_id: str | None,
    checksums: ChecksumStore | None,
    dry_run: bool,
    force: bool,
) -> DeployResult:
    problem = check_resource(resource)
    if problem is not None:
        return DeployResult(resource, "refused", problem)
    if (
        not force
        and checksums is not None
        and checksums.get(resource.name, tenant_id) == resource.checksum
    ):
        return DeployResult(resource, "unchanged")
    if dry_run:
        return DeployResult(resource, "checked")
    assert client is not None
    try:
        deployment = client.create_deployment(
            (resource.name, resource.content), tenant_id=tenant_id
        )
    except CamundaAPIError as error:
        return DeployResult(resource, "refused", error.detail or str(error))
    except CamundaError as error:
        return DeployResult(resource, "refused", f"could not reach Camunda: {error}")
    result = DeployResult(
        resource,
        "deployed",
        deployment_key=deployment.deployment_key,
        definitions=deployment.definitions(),
    )
    if checksums is not None:
        checksums.put(result, tenant_id)
    return result
