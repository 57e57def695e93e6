"""The fixed vocabulary of the runtime: REST enum values and Zeebe's element type names.

Kept in one place so records, behaviours and tests spell states and types the same way.
"""

from __future__ import annotations

from camunda_core.devengine.bpmn import FlowNode, SubProcess

__all__ = [
    "DEFAULT_TENANT",
    "ELEMENT_TYPES",
    "element_type_name",
]

DEFAULT_TENANT = "<default>"

# Element instance / process instance states.
ACTIVE = "ACTIVE"
COMPLETED = "COMPLETED"
TERMINATED = "TERMINATED"

# Job kinds and listener event types (JobKindEnum, JobListenerEventTypeEnum).
BPMN_ELEMENT = "BPMN_ELEMENT"
EXECUTION_LISTENER = "EXECUTION_LISTENER"
TASK_LISTENER = "TASK_LISTENER"
UNSPECIFIED = "UNSPECIFIED"

# Incident error types (IncidentErrorTypeEnum).
JOB_NO_RETRIES = "JOB_NO_RETRIES"
CONDITION_ERROR = "CONDITION_ERROR"
EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR"
IO_MAPPING_ERROR = "IO_MAPPING_ERROR"
CALLED_ELEMENT_ERROR = "CALLED_ELEMENT_ERROR"
CALLED_DECISION_ERROR = "CALLED_DECISION_ERROR"
DECISION_EVALUATION_ERROR = "DECISION_EVALUATION_ERROR"
UNHANDLED_ERROR_EVENT = "UNHANDLED_ERROR_EVENT"
TASK_LISTENER_NO_RETRIES = "TASK_LISTENER_NO_RETRIES"
EXECUTION_LISTENER_NO_RETRIES = "EXECUTION_LISTENER_NO_RETRIES"
FORM_NOT_FOUND = "FORM_NOT_FOUND"

ELEMENT_TYPES: dict[str, str] = {
    "startEvent": "START_EVENT",
    "endEvent": "END_EVENT",
    "intermediateCatchEvent": "INTERMEDIATE_CATCH_EVENT",
    "intermediateThrowEvent": "INTERMEDIATE_THROW_EVENT",
    "boundaryEvent": "BOUNDARY_EVENT",
    "serviceTask": "SERVICE_TASK",
    "sendTask": "SEND_TASK",
    "scriptTask": "SCRIPT_TASK",
    "businessRuleTask": "BUSINESS_RULE_TASK",
    "userTask": "USER_TASK",
    "receiveTask": "RECEIVE_TASK",
    "manualTask": "MANUAL_TASK",
    "task": "TASK",
    "subProcess": "SUB_PROCESS",
    "callActivity": "CALL_ACTIVITY",
    "exclusiveGateway": "EXCLUSIVE_GATEWAY",
    "inclusiveGateway": "INCLUSIVE_GATEWAY",
    "parallelGateway": "PARALLEL_GATEWAY",
    "eventBasedGateway": "EVENT_BASED_GATEWAY",
}
"""BPMN local names -> the REST ``ElementInstanceResult.type`` values."""

MULTI_INSTANCE_BODY = "MULTI_INSTANCE_BODY"
EVENT_SUB_PROCESS = "EVENT_SUB_PROCESS"


def element_type_name(node: FlowNode) -> str:
    """The REST element type of a node (an event sub-process is not a plain sub-process)."""
    if isinstance(node, SubProcess) and node.triggered_by_event:
        return EVENT_SUB_PROCESS
    return ELEMENT_TYPES.get(node.element_type, "UNKNOWN")
