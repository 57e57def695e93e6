"""Deployment shapes: ``POST /deployments`` and ``POST /resources/{key}/deletion``."""

from __future__ import annotations

from pydantic import Field

from camunda_core.models._base import CamundaModel, RequestModel
from camunda_core.models._enum import OpenEnum
from camunda_core.models.keys import (
    DecisionDefinitionKey,
    DecisionRequirementsKey,
    DeploymentKey,
    FormKey,
    ProcessDefinitionKey,
    ResourceKey,
)

__all__ = [
    "BatchOperationType",
    "CreatedBatchOperation",
    "DeleteResourceRequest",
    "DeletedResource",
    "DeployedDecision",
    "DeployedDecisionRequirements",
    "DeployedForm",
    "DeployedProcess",
    "DeployedResource",
    "Deployment",
    "DeploymentMetadata",
]


class DeployedProcess(CamundaModel):
    """A BPMN process the deployment created (or found unchanged)."""

    process_definition_id: str
    process_definition_version: int
    resource_name: str
    tenant_id: str = "<default>"
    process_definition_key: ProcessDefinitionKey


class DeployedDecision(CamundaModel):
    """A DMN decision the deployment created."""

    decision_definition_id: str
    version: int
    name: str | None = None
    tenant_id: str = "<default>"
    decision_requirements_id: str | None = None
    decision_definition_key: DecisionDefinitionKey
    decision_requirements_key: DecisionRequirementsKey | None = None


class DeployedDecisionRequirements(CamundaModel):
    """A DMN decision requirements graph (the ``.dmn`` file) the deployment created."""

    decision_requirements_id: str
    decision_requirements_name: str | None = None
    version: int
    resource_name: str
    tenant_id: str = "<default>"
    decision_requirements_key: DecisionRequirementsKey


class DeployedForm(CamundaModel):
    """A form-js form the deployment created."""

    form_id: str
    version: int
    resource_name: str
    tenant_id: str = "<default>"
    form_key: FormKey


class DeployedResource(CamundaModel):
    """Any other resource the deployment created (e.g. an RPA script)."""

    resource_id: str
    resource_name: str
    version: int
    tenant_id: str = "<default>"
    resource_key: ResourceKey


class DeploymentMetadata(CamundaModel):
    """One deployed item: exactly one of the fields is set."""

    process_definition: DeployedProcess | None = None
    decision_definition: DeployedDecision | None = None
    decision_requirements: DeployedDecisionRequirements | None = None
    form: DeployedForm | None = None
    resource: DeployedResource | None = None


class Deployment(CamundaModel):
    """The answer to a deployment: its key and what it contained."""

    deployment_key: DeploymentKey
    tenant_id: str = "<default>"
    deployments: list[DeploymentMetadata] = Field(default_factory=list)

    @property
    def processes(self) -> list[DeployedProcess]:
        """The BPMN processes of this deployment."""
        return [d.process_definition for d in self.deployments if d.process_definition]

    @property
    def decisions(self) -> list[DeployedDecision]:
        """The DMN decisions of this deployment."""
        return [d.decision_definition for d in self.deployments if d.decision_definition]

    @property
    def forms(self) -> list[DeployedForm]:
        """The forms of this deployment."""
        return [d.form for d in self.deployments if d.form]

    def definitions(self) -> list[tuple[str, str, str, int]]:
        """``(kind, id, key, version)`` of every deployed item, for logs and records."""
        rows: list[tuple[str, str, str, int]] = []
        for item in self.deployments:
            if item.process_definition:
                p = item.process_definition
                rows.append(
                    (
                        "process",
                        p.process_definition_id,
                        p.process_definition_key,
                        p.process_definition_version,
                    )
                )
            elif item.decision_definition:
                d = item.decision_definition
                rows.append(
                    ("decision", d.decision_definition_id, d.decision_definition_key, d.version)
                )
            elif item.decision_requirements:
                r = item.decision_requirements
                rows.append(
                    (
                        "decision-requirements",
                        r.decision_requirements_id,
                        r.decision_requirements_key,
                        r.version,
                    )
                )
            elif item.form:
                rows.append(("form", item.form.form_id, item.form.form_key, item.form.version))
            elif item.resource:
                rows.append(
                    (
                        "resource",
                        item.resource.resource_id,
                        item.resource.resource_key,
                        item.resource.version,
                    )
                )
        return rows


class DeleteResourceRequest(RequestModel):
    """Body of ``POST /resources/{resourceKey}/deletion``."""

    operation_reference: int | None = Field(None, ge=1)
    delete_history: bool | None = None


class BatchOperationType(OpenEnum):
    """What a batch operation does."""

    ADD_VARIABLE = "ADD_VARIABLE"
    CANCEL_PROCESS_INSTANCE = "CANCEL_PROCESS_INSTANCE"
    DELETE_DECISION_DEFINITION = "DELETE_DECISION_DEFINITION"
    DELETE_DECISION_INSTANCE = "DELETE_DECISION_INSTANCE"
    DELETE_PROCESS_DEFINITION = "DELETE_PROCESS_DEFINITION"
    DELETE_PROCESS_INSTANCE = "DELETE_PROCESS_INSTANCE"
    MIGRATE_PROCESS_INSTANCE = "MIGRATE_PROCESS_INSTANCE"
    MODIFY_PROCESS_INSTANCE = "MODIFY_PROCESS_INSTANCE"
    RESOLVE_INCIDENT = "RESOLVE_INCIDENT"
    UPDATE_VARIABLE = "UPDATE_VARIABLE"


class CreatedBatchOperation(CamundaModel):
    """A batch operation Camunda started (here: deleting a process's history)."""

    batch_operation_key: str
    batch_operation_type: BatchOperationType


class DeletedResource(CamundaModel):
    """The answer to a resource deletion (8.8 answers with no body: only the key is known)."""

    resource_key: ResourceKey
    batch_operation: CreatedBatchOperation | None = None
