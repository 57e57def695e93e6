"""Deployment operations: deploy resources (multipart), delete a deployed resource."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

from camunda_core.client._call import Call, FileField, parse_model
from camunda_core.client.operations._common import default_tenant, key, wire
from camunda_core.models.deployments import DeletedResource, DeleteResourceRequest, Deployment
from camunda_core.settings import CamundaSettings

__all__ = ["DeploymentResource", "create_deployment", "delete_resource", "resource_part"]

#: A file to deploy: a path (read when the call is built, named after the file) or a
#: ``(name, content)`` pair; the name's extension (``.bpmn``, ``.dmn``, ``.form``) matters.
DeploymentResource = str | os.PathLike[str] | tuple[str, bytes | str]

_CONTENT_TYPES = {
    ".bpmn": "application/xml",
    ".dmn": "application/xml",
    ".xml": "application/xml",
    ".form": "application/json",
    ".json": "application/json",
    ".rpa": "application/json",
}


def resource_part(resource: DeploymentResource) -> FileField:
    """The multipart ``resources`` part for one resource."""
    if isinstance(resource, tuple):
        name, content = resource
        data = content.encode() if isinstance(content, str) else content
    elif isinstance(resource, (str, os.PathLike)):
        path = Path(resource)
        name, data = path.name, path.read_bytes()
    else:
        raise TypeError(
            f"a resource is a path or a (name, bytes) pair, not {type(resource).__name__}"
        )
    if not name:
        raise ValueError("a deployed resource needs a file name, such as 'order.bpmn'")
    content_type = _CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
    return ("resources", (name, data, content_type))


def create_deployment(
    settings: CamundaSettings,
    resources: Sequence[DeploymentResource],
    *,
    tenant_id: str | None = None,
) -> Call[Deployment]:
    """``POST /deployments`` (multipart): one ``resources`` part per file, all or nothing."""
    if not resources:
        raise ValueError("create_deployment needs at least one resource")
    tenant = default_tenant(settings, tenant_id)
    return Call(
        "createDeployment",
        "POST",
        "/deployments",
        parse=parse_model(Deployment),
        files=[resource_part(resource) for resource in resources],
        data={"tenantId": tenant} if tenant is not None else None,
        resend_safe=False,
    )


def _parse_deleted(resource_key: str) -> Callable[[httpx.Response], DeletedResource]:
    parse_body = parse_model(DeletedResource)

    def parse(response: httpx.Response) -> DeletedResource:
        if not response.content:  # 8.8 answers 200 without a body
            return DeletedResource(resource_key=resource_key)
        return parse_body(response)

    return parse


def delete_resource(
    resource_key: str,
    *,
    delete_history: bool | None = None,
    operation_reference: int | None = None,
) -> Call[DeletedResource]:
    """``POST /resources/{resourceKey}/deletion``: undeploy a process, decision or form."""
    path_key = key(resource_key, "resource_key")
    body = DeleteResourceRequest(
        delete_history=delete_history, operation_reference=operation_reference
    )
    return Call(
        "deleteResource",
        "POST",
        f"/resources/{path_key}/deletion",
        parse=_parse_deleted(path_key),
        json=wire(body) or None,
    )
