"""Our models speak the spec's vocabulary: sort fields, filter fields, request fields, enums.

Filter objects in the spec are open, so a filter field the spec does not know would pass the
request validation and be ignored by the server. These checks catch that, and an enum, sort
or request field that drifted from the spec.
"""

from __future__ import annotations

from typing import Any

import pytest
from contract_calls import NOT_SENT
from openapi_schema import SchemaTools
from openapi_spec import Spec
from pydantic import BaseModel

from camunda_core.models import (
    cluster,
    decisions,
    deployments,
    element_instances,
    incidents,
    jobs,
    messages,
    process_definitions,
    process_instances,
    user_tasks,
    variables,
)
from camunda_core.models._enum import OpenEnum
from camunda_core.models.clock import PinClockRequest

pytestmark = pytest.mark.spec

#: Search operationId -> (our sort fields, our filter model).
SEARCHES: dict[str, tuple[frozenset[str], type[BaseModel]]] = {
    "searchProcessDefinitions": (
        process_definitions.PROCESS_DEFINITION_SORT_FIELDS,
        process_definitions.ProcessDefinitionFilter,
    ),
    "searchProcessInstances": (
        process_instances.PROCESS_INSTANCE_SORT_FIELDS,
        process_instances.ProcessInstanceFilter,
    ),
    "searchProcessInstanceIncidents": (incidents.INCIDENT_SORT_FIELDS, incidents.IncidentFilter),
    "searchElementInstances": (
        element_instances.ELEMENT_INSTANCE_SORT_FIELDS,
        element_instances.ElementInstanceFilter,
    ),
    "searchJobs": (jobs.JOB_SORT_FIELDS, jobs.JobFilter),
    "searchUserTasks": (user_tasks.USER_TASK_SORT_FIELDS, user_tasks.UserTaskFilter),
    "searchUserTaskVariables": (variables.VARIABLE_SORT_FIELDS, variables.UserTaskVariableFilter),
    "searchUserTaskEffectiveVariables": (
        variables.VARIABLE_SORT_FIELDS,
        variables.UserTaskVariableFilter,
    ),
    "searchIncidents": (incidents.INCIDENT_SORT_FIELDS, incidents.IncidentFilter),
    "searchVariables": (variables.VARIABLE_SORT_FIELDS, variables.VariableFilter),
    "searchDecisionDefinitions": (
        decisions.DECISION_DEFINITION_SORT_FIELDS,
        decisions.DecisionDefinitionFilter,
    ),
}

#: Our request model -> the spec schema it sends.
REQUEST_MODELS: dict[type[BaseModel], str] = {
    process_instances.CreateProcessInstanceById: "ProcessInstanceCreationInstructionById",
    process_instances.CreateProcessInstanceByKey: "ProcessInstanceCreationInstructionByKey",
    process_instances.CancelProcessInstanceRequest: "CancelProcessInstanceRequest",
    process_instances.StartInstruction: "ProcessInstanceCreationStartInstruction",
    deployments.DeleteResourceRequest: "DeleteResourceRequest",
    element_instances.SetVariablesRequest: "SetVariableRequest",
    jobs.ActivateJobsRequest: "JobActivationRequest",
    jobs.CompleteJobRequest: "JobCompletionRequest",
    jobs.UserTaskJobResult: "JobResultUserTask",
    jobs.JobResultCorrections: "JobResultCorrections",
    jobs.FailJobRequest: "JobFailRequest",
    jobs.ThrowJobErrorRequest: "JobErrorRequest",
    jobs.UpdateJobRequest: "JobUpdateRequest",
    jobs.JobChangeset: "JobChangeset",
    user_tasks.AssignUserTaskRequest: "UserTaskAssignmentRequest",
    user_tasks.CompleteUserTaskRequest: "UserTaskCompletionRequest",
    user_tasks.UpdateUserTaskRequest: "UserTaskUpdateRequest",
    user_tasks.UserTaskChangeset: "Changeset",
    incidents.ResolveIncidentRequest: "IncidentResolutionRequest",
    messages.PublishMessageRequest: "MessagePublicationRequest",
    messages.CorrelateMessageRequest: "MessageCorrelationRequest",
    messages.BroadcastSignalRequest: "SignalBroadcastRequest",
    decisions.EvaluateDecisionById: "DecisionEvaluationById",
    decisions.EvaluateDecisionByKey: "DecisionEvaluationByKey",
    PinClockRequest: "ClockPinRequest",
}

#: Our enum -> where the spec defines its values (a schema, or schema + property).
ENUMS: dict[type[OpenEnum], tuple[str, ...]] = {
    process_instances.ProcessInstanceState: ("ProcessInstanceStateEnum",),
    element_instances.ElementInstanceState: ("ElementInstanceStateEnum",),
    element_instances.ElementType: ("ElementInstanceResult", "type"),
    user_tasks.UserTaskState: ("UserTaskStateEnum",),
    jobs.JobState: ("JobStateEnum",),
    jobs.JobKind: ("JobKindEnum",),
    jobs.JobListenerEventType: ("JobListenerEventTypeEnum",),
    incidents.IncidentState: ("IncidentStateEnum",),
    incidents.IncidentErrorType: ("IncidentErrorTypeEnum",),
    deployments.BatchOperationType: ("BatchOperationTypeEnum",),
    process_definitions.ProcessDefinitionState: ("ProcessDefinitionResult", "state"),
    cluster.PartitionRole: ("Partition", "role"),
    cluster.PartitionHealth: ("Partition", "health"),
}


def wire_names(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


def search_schema(spec: Spec, tools: SchemaTools, operation: str) -> dict[str, Any]:
    body = spec.operations[operation].request_body
    assert body is not None
    return tools.resolve(body["content"]["application/json"]["schema"])


@pytest.mark.parametrize("operation", sorted(SEARCHES))
def test_sort_fields_are_the_spec_ones(
    operation: str, spec: Spec, schema_tools: SchemaTools
) -> None:
    sort = search_schema(spec, schema_tools, operation)["properties"]["sort"]["items"]
    field = schema_tools.resolve(sort)["properties"]["field"]
    assert SEARCHES[operation][0] == set(schema_tools.resolve(field)["enum"])


@pytest.mark.parametrize("operation", sorted(SEARCHES))
def test_filter_fields_are_the_spec_ones(
    operation: str, spec: Spec, schema_tools: SchemaTools, contract_report: Any
) -> None:
    filter_schema = search_schema(spec, schema_tools, operation)["properties"]["filter"]
    documented = schema_tools.property_names(filter_schema)
    left_out = {name.removeprefix("filter.") for name in NOT_SENT.get(operation, {})}
    assert wire_names(SEARCHES[operation][1]) == documented - left_out
    contract_report.counts["filter models matched to the spec"] += 1


@pytest.mark.parametrize("model", list(REQUEST_MODELS), ids=lambda model: model.__name__)
def test_request_models_send_only_documented_fields(
    model: type[BaseModel], schema_tools: SchemaTools
) -> None:
    documented = schema_tools.property_names({"$ref": f"#/{REQUEST_MODELS[model]}"})
    assert wire_names(model) <= documented


@pytest.mark.parametrize("enum", list(ENUMS), ids=lambda enum: enum.__name__)
def test_enum_members_are_the_spec_values(
    enum: type[OpenEnum], schema_tools: SchemaTools, contract_report: Any
) -> None:
    schema_name, *prop = ENUMS[enum]
    schema = schema_tools.resolve({"$ref": f"#/{schema_name}"})
    if prop:
        schema = schema_tools.resolve(schema["properties"][prop[0]])
    assert {member.value for member in enum} == set(schema["enum"])
    contract_report.counts["enums matched to the spec"] += 1
