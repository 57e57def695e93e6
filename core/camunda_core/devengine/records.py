"""The dev engine's entities: what the runtime writes and the REST layer reads.

Field names are the snake_case of the REST v2 result fields (``processInstanceKey`` ->
``process_instance_key``), so the REST layer serialises, filters and sorts them generically.
Times are epoch milliseconds of the engine clock (``None`` when unset); the REST layer turns
them into RFC 3339 strings. Keys are strings, as on the wire. Fields that start with ``_`` or
are listed in a record's ``INTERNAL`` tuple are the runtime's own and never serialised.

Records are mutable and change only under the engine lock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

__all__ = [
    "DecisionDefinitionRecord",
    "DecisionRequirementsRecord",
    "DeploymentRecord",
    "ElementInstanceRecord",
    "FormRecord",
    "IncidentRecord",
    "JobRecord",
    "MessageRecord",
    "MessageSubscriptionRecord",
    "ProcessDefinitionRecord",
    "ProcessInstanceRecord",
    "UserTaskRecord",
    "VariableRecord",
]

DEFAULT_TENANT = "<default>"


@dataclass(slots=True)
class ProcessDefinitionRecord:
    """One deployed version of a BPMN process."""

    INTERNAL: ClassVar[tuple[str, ...]] = ("model", "deployment_key", "resource_key", "checksum")

    process_definition_key: str
    process_definition_id: str
    name: str | None
    version: int
    version_tag: str | None
    resource_name: str
    tenant_id: str
    has_start_form: bool
    state: str  # ACTIVE | DELETED
    model: Any  # camunda_core.devengine.bpmn.ProcessModel
    deployment_key: str
    resource_key: str  # the BPMN resource (its XML is kept once per resource)
    checksum: str
    start_form_key: str | None = None


@dataclass(slots=True)
class DecisionRequirementsRecord:
    """One deployed version of a DMN file (a decision requirements graph)."""

    INTERNAL: ClassVar[tuple[str, ...]] = ("graph", "deployment_key", "checksum")

    decision_requirements_key: str
    decision_requirements_id: str
    decision_requirements_name: str | None
    version: int
    resource_name: str
    tenant_id: str
    graph: Any  # camunda_core.devengine.dmn.DecisionRequirementsGraph
    deployment_key: str
    checksum: str


@dataclass(slots=True)
class DecisionDefinitionRecord:
    """One decision of a deployed DMN file."""

    decision_definition_key: str
    decision_definition_id: str
    name: str | None
    version: int
    decision_requirements_id: str
    decision_requirements_key: str
    tenant_id: str


@dataclass(slots=True)
class FormRecord:
    """One deployed version of a Camunda Form."""

    INTERNAL: ClassVar[tuple[str, ...]] = ("deployment_key", "checksum")

    form_key: str
    form_id: str
    version: int
    resource_name: str
    tenant_id: str
    schema: str  # the form-js JSON as text
    deployment_key: str
    checksum: str


@dataclass(slots=True)
class DeploymentRecord:
    """One deployment: what it created, in order (the REST ``deployments`` array)."""

    deployment_key: str
    tenant_id: str
    processes: list[ProcessDefinitionRecord] = field(default_factory=list)
    decisions: list[DecisionDefinitionRecord] = field(default_factory=list)
    decision_requirements: list[DecisionRequirementsRecord] = field(default_factory=list)
    forms: list[FormRecord] = field(default_factory=list)


@dataclass(slots=True)
class ProcessInstanceRecord:
    """A process instance (the REST ``ProcessInstanceResult``)."""

    process_instance_key: str
    process_definition_key: str
    process_definition_id: str
    process_definition_name: str | None
    process_definition_version: int
    process_definition_version_tag: str | None
    start_date: int
    state: str  # ACTIVE | COMPLETED | TERMINATED
    tenant_id: str
    end_date: int | None = None
    has_incident: bool = False
    parent_process_instance_key: str | None = None
    parent_element_instance_key: str | None = None
    root_process_instance_key: str | None = None
    tags: list[str] = field(default_factory=list)
    business_id: str | None = None


@dataclass(slots=True)
class ElementInstanceRecord:
    """An element instance (the REST ``ElementInstanceResult``)."""

    element_instance_key: str
    process_instance_key: str
    process_definition_key: str
    process_definition_id: str
    element_id: str
    element_name: str | None
    type: str  # SERVICE_TASK, USER_TASK, ... (spec's ElementInstanceResult.type enum)
    state: str  # ACTIVE | COMPLETED | TERMINATED
    start_date: int
    tenant_id: str
    #: The element instance (or process instance) this one runs in.
    flow_scope_key: str
    end_date: int | None = None
    has_incident: bool = False
    incident_key: str | None = None
    root_process_instance_key: str | None = None


@dataclass(slots=True)
class JobRecord:
    """A job (the REST ``JobSearchResult``; activation adds variables)."""

    INTERNAL: ClassVar[tuple[str, ...]] = (
        "retry_at",
        "activatable",
        "lifecycle",
        "incident_key",
        "deadline_task",
    )

    job_key: str
    type: str
    kind: str  # BPMN_ELEMENT | EXECUTION_LISTENER | TASK_LISTENER
    listener_event_type: str  # UNSPECIFIED | START | END | CREATING | ASSIGNING | ...
    state: str  # CREATED | COMPLETED | FAILED | ERROR_THROWN | CANCELED | TIMED_OUT | ...
    retries: int
    process_instance_key: str
    process_definition_key: str
    process_definition_id: str
    process_definition_version: int
    element_id: str
    element_instance_key: str
    tenant_id: str
    creation_time: int
    custom_headers: dict[str, str] = field(default_factory=dict)
    worker: str = ""
    deadline: int | None = None  # set while activated
    end_time: int | None = None
    last_update_time: int | None = None
    error_code: str | None = None
    error_message: str | None = None
    has_failed_with_retries_left: bool = False
    is_denied: bool | None = None
    denied_reason: str | None = None
    root_process_instance_key: str | None = None
    tags: list[str] = field(default_factory=list)
    #: For task-listener jobs: the user task and the transition that triggered them.
    user_task_key: str | None = None
    #: Not before this time may the job be activated again (retry back-off).
    retry_at: int | None = None
    #: True while the job may be activated (created, not locked, retries left, not waiting).
    activatable: bool = True
    #: The runtime's own job state (the REST ``state`` has no "activated"): ACTIVATABLE,
    #: ACTIVATED, FAILED (no retries or backing off), ERROR_THROWN, COMPLETED, CANCELED.
    lifecycle: str = "ACTIVATABLE"
    #: The open incident of this job (no retries left, unhandled BPMN error), if any.
    incident_key: str | None = None
    #: The scheduled deadline check while activated (runtime internal).
    deadline_task: Any = None


@dataclass(slots=True)
class UserTaskRecord:
    """A Camunda user task (the REST ``UserTaskResult``)."""

    user_task_key: str
    name: str | None
    state: str  # CREATING | CREATED | ASSIGNING | UPDATING | COMPLETING | COMPLETED | ...
    element_id: str
    element_instance_key: str
    process_definition_id: str
    process_definition_key: str
    process_definition_version: int
    process_name: str | None
    process_instance_key: str
    creation_date: int
    tenant_id: str
    assignee: str | None = None
    candidate_groups: list[str] = field(default_factory=list)
    candidate_users: list[str] = field(default_factory=list)
    completion_date: int | None = None
    due_date: int | None = None
    follow_up_date: int | None = None
    form_key: str | None = None
    external_form_reference: str | None = None
    custom_headers: dict[str, str] = field(default_factory=dict)
    priority: int = 50
    root_process_instance_key: str | None = None
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class IncidentRecord:
    """An incident (the REST ``IncidentResult``)."""

    incident_key: str
    error_type: str  # JOB_NO_RETRIES, CONDITION_ERROR, IO_MAPPING_ERROR, UNHANDLED_ERROR_EVENT, ...
    error_message: str
    state: str  # ACTIVE | RESOLVED | PENDING
    creation_time: int
    process_instance_key: str
    process_definition_key: str
    process_definition_id: str
    element_id: str
    element_instance_key: str
    tenant_id: str
    job_key: str | None = None
    root_process_instance_key: str | None = None


@dataclass(slots=True)
class VariableRecord:
    """A variable in one scope (the REST ``VariableResult``); ``value`` is JSON text."""

    variable_key: str
    name: str
    value: str
    scope_key: str
    process_instance_key: str
    tenant_id: str
    root_process_instance_key: str | None = None


@dataclass(slots=True)
class MessageRecord:
    """A published message, buffered until its time to live ends."""

    message_key: str
    name: str
    correlation_key: str
    variables: dict[str, Any]
    tenant_id: str
    publish_date: int
    expires_at: int
    message_id: str | None = None
    #: Process definitions (by BPMN id) this message already started, once each.
    started_process_ids: set[str] = field(default_factory=set)
    #: Element instances already correlated, so a buffered message correlates once per scope.
    correlated_scopes: set[str] = field(default_factory=set)


@dataclass(slots=True)
class MessageSubscriptionRecord:
    """A waiting message catch (event, receive task, boundary, event sub-process start)."""

    message_subscription_key: str
    message_name: str
    correlation_key: str
    process_instance_key: str
    process_definition_key: str
    process_definition_id: str
    element_id: str
    element_instance_key: str
    tenant_id: str
    state: str  # CREATED | CORRELATED | DELETED
    last_updated_date: int
    interrupting: bool = True
