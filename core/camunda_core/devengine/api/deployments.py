"""Deployments: ``POST /deployments`` (multipart) and resource deletion.

Each created definition is one item of the ``deployments`` array with all five kinds present
and exactly one of them non-null, as the 8.9 spec requires.
"""

from __future__ import annotations

from typing import Any

from camunda_core.devengine.api.dispatch import Call, Operation
from camunda_core.devengine.api.validation import (
    OPERATION_REFERENCE,
    TENANT_ID,
    Boolean,
    Object,
    RequestError,
)
from camunda_core.devengine.http.messages import Response, json_response
from camunda_core.devengine.http.multipart import MultipartError, parse_form_data
from camunda_core.devengine.records import (
    DecisionDefinitionRecord,
    DecisionRequirementsRecord,
    DeploymentRecord,
    FormRecord,
    ProcessDefinitionRecord,
)

__all__ = ["OPERATIONS", "deployment_result"]

_KINDS = ("processDefinition", "decisionDefinition", "decisionRequirements", "form", "resource")


def create_deployment(call: Call) -> Response:
    """Deploy every ``resources`` part atomically (all or none)."""
    request = call.request
    try:
        parts = parse_form_data(request.headers.get("content-type", ""), request.body)
    except MultipartError as exc:
        raise RequestError("", str(exc)) from None
    resources: list[tuple[str, bytes]] = []
    tenant_id: str | None = None
    for part in parts:
        if part.name == "resources":
            if not part.filename:
                raise RequestError("resources", "each resource part needs a file name")
            resources.append((part.filename, part.content))
        elif part.name == "tenantId":
            tenant_id = TENANT_ID.check(part.text, "tenantId")
        else:
            raise RequestError(part.name, "is not a known form field; use resources and tenantId")
    if not resources:
        raise RequestError("resources", "at least one resource file is required")
    return json_response(deployment_result(call.engine.deploy(resources, tenant_id)))


def deployment_result(deployment: DeploymentRecord) -> dict[str, Any]:
    """The ``DeploymentResult`` of a deployment."""
    items = [_item("processDefinition", _process(p)) for p in deployment.processes]
    items += [
        _item("decisionRequirements", _requirements(d)) for d in deployment.decision_requirements
    ]
    items += [_item("decisionDefinition", _decision(d)) for d in deployment.decisions]
    items += [_item("form", _form(f)) for f in deployment.forms]
    return {
        "deploymentKey": deployment.deployment_key,
        "tenantId": deployment.tenant_id,
        "deployments": items,
    }


def _item(kind: str, value: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = dict.fromkeys(_KINDS)
    item[kind] = value
    return item


def _process(p: ProcessDefinitionRecord) -> dict[str, Any]:
    return {
        "processDefinitionId": p.process_definition_id,
        "processDefinitionVersion": p.version,
        "resourceName": p.resource_name,
        "tenantId": p.tenant_id,
        "processDefinitionKey": p.process_definition_key,
    }


def _decision(d: DecisionDefinitionRecord) -> dict[str, Any]:
    return {
        "decisionDefinitionId": d.decision_definition_id,
        "version": d.version,
        "name": d.name or d.decision_definition_id,
        "tenantId": d.tenant_id,
        "decisionRequirementsId": d.decision_requirements_id,
        "decisionDefinitionKey": d.decision_definition_key,
        "decisionRequirementsKey": d.decision_requirements_key,
    }


def _requirements(d: DecisionRequirementsRecord) -> dict[str, Any]:
    return {
        "decisionRequirementsId": d.decision_requirements_id,
        "decisionRequirementsName": d.decision_requirements_name or d.decision_requirements_id,
        "version": d.version,
        "resourceName": d.resource_name,
        "tenantId": d.tenant_id,
        "decisionRequirementsKey": d.decision_requirements_key,
    }


def _form(f: FormRecord) -> dict[str, Any]:
    return {
        "formId": f.form_id,
        "version": f.version,
        "resourceName": f.resource_name,
        "tenantId": f.tenant_id,
        "formKey": f.form_key,
    }


def delete_resource(call: Call) -> Response:
    """Delete a deployed definition (process, decision requirements, decision or form)."""
    key = call.params["resourceKey"]
    call.engine.delete_resource(key)
    return json_response({"resourceKey": key, "batchOperation": None})


OPERATIONS = [
    Operation("POST", "/deployments", "createDeployment", create_deployment, json_body=False),
    Operation(
        "POST",
        "/resources/{resourceKey}/deletion",
        "deleteResource",
        delete_resource,
        Object(
            {"operationReference": OPERATION_REFERENCE, "deleteHistory": Boolean()},
            nullable=True,
        ),
    ),
]
