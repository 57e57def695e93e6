"""The records the REST layer reads (:class:`EngineStore`), plus the lookups deploys need.

Every mapping is a plain dict keyed by the record's key, in creation order. The runtime writes
them under the engine lock; compaction removes what belongs to old finished instances.
"""

from __future__ import annotations

from camunda_core.devengine.contract import NotFound
from camunda_core.devengine.records import (
    DecisionDefinitionRecord,
    DecisionRequirementsRecord,
    DeploymentRecord,
    ElementInstanceRecord,
    FormRecord,
    IncidentRecord,
    JobRecord,
    MessageSubscriptionRecord,
    ProcessDefinitionRecord,
    ProcessInstanceRecord,
    UserTaskRecord,
    VariableRecord,
)

__all__ = ["Store", "VersionKey"]

#: (tenant id, BPMN process id / decision id / form id)
VersionKey = tuple[str, str]


class Store:
    """The engine's records by key, and versions of deployed definitions by (tenant, id)."""

    def __init__(self) -> None:
        self.deployments: dict[str, DeploymentRecord] = {}
        self.process_definitions: dict[str, ProcessDefinitionRecord] = {}
        self.decision_requirements: dict[str, DecisionRequirementsRecord] = {}
        self.decision_definitions: dict[str, DecisionDefinitionRecord] = {}
        self.forms: dict[str, FormRecord] = {}
        self.process_instances: dict[str, ProcessInstanceRecord] = {}
        self.element_instances: dict[str, ElementInstanceRecord] = {}
        self.jobs: dict[str, JobRecord] = {}
        self.user_tasks: dict[str, UserTaskRecord] = {}
        self.incidents: dict[str, IncidentRecord] = {}
        self.variables: dict[str, VariableRecord] = {}
        self.message_subscriptions: dict[str, MessageSubscriptionRecord] = {}
        #: Deployed files by resource key, also reachable by each definition's key.
        self.resources: dict[str, bytes] = {}
        #: Variables by scope key (process instance or element instance) and name.
        self.scope_vars: dict[str, dict[str, VariableRecord]] = {}
        self.process_versions: dict[VersionKey, list[ProcessDefinitionRecord]] = {}
        self.drg_versions: dict[VersionKey, list[DecisionRequirementsRecord]] = {}
        self.decision_versions: dict[VersionKey, list[DecisionDefinitionRecord]] = {}
        self.form_versions: dict[VersionKey, list[FormRecord]] = {}

    def resource_content(self, resource_key: str) -> bytes:
        """The deployed file behind a resource, process definition, DRG or form key."""
        try:
            return self.resources[resource_key]
        except KeyError:
            raise NotFound(f"no deployed resource with key '{resource_key}'") from None

    # ------------------------------------------------------------------ definitions
    def latest_process(self, tenant_id: str, process_id: str) -> ProcessDefinitionRecord | None:
        """The newest ACTIVE version of a process, or None."""
        for record in reversed(self.process_versions.get((tenant_id, process_id), ())):
            if record.state == "ACTIVE":
                return record
        return None

    def process_version(
        self, tenant_id: str, process_id: str, version: int
    ) -> ProcessDefinitionRecord | None:
        """One ACTIVE version of a process, or None."""
        for record in self.process_versions.get((tenant_id, process_id), ()):
            if record.version == version and record.state == "ACTIVE":
                return record
        return None

    def process_by_tag(
        self, tenant_id: str, process_id: str, version_tag: str
    ) -> ProcessDefinitionRecord | None:
        """The newest ACTIVE version of a process with this version tag, or None."""
        for record in reversed(self.process_versions.get((tenant_id, process_id), ())):
            if record.version_tag == version_tag and record.state == "ACTIVE":
                return record
        return None

    def latest_decision(self, tenant_id: str, decision_id: str) -> DecisionDefinitionRecord | None:
        """The newest version of a decision, or None."""
        versions = self.decision_versions.get((tenant_id, decision_id))
        return versions[-1] if versions else None

    def latest_form(self, tenant_id: str, form_id: str) -> FormRecord | None:
        """The newest version of a form, or None."""
        versions = self.form_versions.get((tenant_id, form_id))
        return versions[-1] if versions else None
