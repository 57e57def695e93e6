"""Every client operation, called the ways the contract test checks against the spec.

Each ``Scenario`` calls one public method of ``CamundaClient``. Scenarios marked ``maximal``
set every optional field the spec documents (the contract test checks that, minus the
fields listed in ``NOT_SENT``), the others the fewest; ``oneOf`` branches (create and
evaluate by id or key, page shapes) each get their own scenario.

The table is long on purpose: one flat list, grouped by domain and read top to bottom, is
easier to check against the spec than the same calls spread over several modules.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
from openapi_schema import SchemaTools
from openapi_spec import Operation

from camunda_core import CamundaClient
from camunda_core.client import NO_RETRY
from camunda_core.models.jobs import JobResultCorrections, UserTaskJobResult
from camunda_core.models.search import (
    DateTimeFilter,
    EnumFilter,
    EnumFilterWithNotIn,
    IntegerFilter,
    KeyFilter,
    PageRequest,
    SortSpec,
    StringFilter,
    VariableValueFilter,
)

__all__ = [
    "NOT_AN_OPERATION",
    "NOT_SENT",
    "SCENARIOS",
    "Scenario",
    "answer_for",
    "client_for",
    "response_scenarios",
]

KEY = "2251799813685249"
OTHER_KEY = "2251799813685250"
WHEN = datetime(2025, 9, 7, 21, 36, 14, tzinfo=timezone.utc)
CURSOR = "WzIyNTE3OTk4MTM2ODcxMDJd"
BPMN = b'<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>'

#: Public members of the client that are not REST operations (each says why).
NOT_AN_OPERATION = {
    "close": "lifecycle",
    "request": "the escape hatch: any path, so the caller owns the contract",
    "wait_until": "polls another method",
    "with_options": "returns a view of the client",
    "retry_policy": "a property",
    "settings": "an attribute",
}

#: Spec request properties no scenario sends, by operationId (each says why).
NOT_SENT: dict[str, dict[str, str]] = {
    "createProcessInstance": {"runtimeInstructions": "alpha in 8.9; not offered yet"},
    "searchProcessInstances": {"filter.batchOperationId": "deprecated for batchOperationKey"},
}


@dataclass(frozen=True)
class Scenario:
    """One call of a client method, and the operation it must send."""

    label: str
    operation: str
    method: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    maximal: bool = False

    def run(self, client: CamundaClient) -> Any:
        """Call the method; iterators are drained (bounded) so their requests are sent."""
        result = getattr(client, self.method)(*self.args, **self.kwargs)
        if isinstance(result, Iterator):
            return list(itertools.islice(result, 10))
        return result

    def __str__(self) -> str:
        return self.label


def client_for(handler: Callable[[httpx.Request], httpx.Response]) -> CamundaClient:
    """A sync client whose every request goes to ``handler`` (no retries)."""
    return CamundaClient(
        rest_address="http://camunda.test", transport=httpx.MockTransport(handler), retry=NO_RETRY
    )


def answer_for(op: Operation, tools: SchemaTools, mode: str) -> httpx.Response:
    """The operation's documented success answer, built from its schema in ``mode``."""
    status, content_type, schema = op.success()
    if content_type is None:
        return httpx.Response(status)
    if content_type == "application/json" and schema is not None:
        return httpx.Response(status, json=tools.sample(schema, mode))
    return httpx.Response(status, text="<definitions/>", headers={"content-type": content_type})


def response_scenarios() -> list[Scenario]:
    """One scenario per operation to read answers with (a direct call, not an iterator)."""
    chosen: dict[str, Scenario] = {}
    for scenario in SCENARIOS:
        if scenario.operation not in chosen and not scenario.method.startswith("iter_"):
            chosen[scenario.operation] = scenario
    return list(chosen.values())


def _s(label: str, operation: str, method: str, *args: Any, **kwargs: Any) -> Scenario:
    return Scenario(label, operation, method, args, kwargs)


def _max(label: str, operation: str, method: str, *args: Any, **kwargs: Any) -> Scenario:
    return Scenario(label, operation, method, args, kwargs, maximal=True)


STRING = StringFilter(eq="a", neq="b", exists=True, in_=["c"], not_in=["d"], like="e*")
KEYS = KeyFilter(eq=KEY, neq=OTHER_KEY, exists=True, in_=[KEY], not_in=[OTHER_KEY])
INTEGERS = IntegerFilter(eq=1, neq=2, gt=0, gte=1, lt=9, lte=8, in_=[1, 2], exists=True)
DATES = DateTimeFilter(gt=WHEN, lte=WHEN + timedelta(days=1), in_=[WHEN], exists=True)
VARIABLES = [VariableValueFilter(name="orderId", value='"A-1"')]
SORT = ["-name", SortSpec(field="tenantId", order="ASC")]

PROCESS_INSTANCE_FILTER: dict[str, Any] = {
    "processInstanceKey": KEYS,
    "parentProcessInstanceKey": KEY,
    "parentElementInstanceKey": KEYS,
    "processDefinitionKey": KEY,
    "processDefinitionId": STRING,
    "processDefinitionName": "Order",
    "processDefinitionVersion": INTEGERS,
    "processDefinitionVersionTag": "v1",
    "state": EnumFilter(in_=["ACTIVE", "COMPLETED"], like="ACT*"),
    "startDate": DATES,
    "endDate": WHEN,
    "hasIncident": False,
    "tenantId": "<default>",
    "variables": VARIABLES,
    "errorMessage": STRING,
    "hasRetriesLeft": True,
    "elementId": "Task_1",
    "elementInstanceState": "ACTIVE",
    "hasElementInstanceIncident": True,
    "incidentErrorHashCode": 123,
    "tags": ["priority:high"],
    "businessId": "order-1",
    "batchOperationKey": "2251799813685251",
    "$or": [{"processDefinitionId": "a"}, {"processDefinitionId": "b", "hasIncident": True}],
}
INCIDENT_FILTER: dict[str, Any] = {
    "incidentKey": KEY,
    "processDefinitionId": STRING,
    "processDefinitionKey": KEYS,
    "processInstanceKey": KEY,
    "elementId": "Task_1",
    "elementInstanceKey": KEYS,
    "jobKey": KEY,
    "errorType": EnumFilterWithNotIn(not_in=["UNKNOWN"], eq="JOB_NO_RETRIES"),
    "errorMessage": STRING,
    "state": "ACTIVE",
    "creationTime": DATES,
    "tenantId": "<default>",
}

SCENARIOS: list[Scenario] = [
    # --- cluster, authentication, clock -----------------------------------------------------
    _s("topology", "getTopology", "get_topology"),
    _s("status", "getStatus", "get_status"),
    _s("authentication", "getAuthentication", "get_authentication"),
    _s("pin clock (datetime)", "pinClock", "pin_clock", WHEN),
    _s("pin clock (epoch ms)", "pinClock", "pin_clock", 1_757_280_974_277),
    _s("reset clock", "resetClock", "reset_clock"),
    # --- deployments and process definitions ------------------------------------------------
    _s("deploy one file", "createDeployment", "create_deployment", ("order.bpmn", BPMN)),
    _max(
        "deploy several files for a tenant",
        "createDeployment",
        "create_deployment",
        ("order.bpmn", BPMN),
        ("discount.dmn", "<definitions/>"),
        ("approve.form", b'{"components": []}'),
        tenant_id="tenant-a",
    ),
    _s("delete resource", "deleteResource", "delete_resource", KEY),
    _max(
        "delete resource with history",
        "deleteResource",
        "delete_resource",
        KEY,
        delete_history=True,
        operation_reference=7,
    ),
    _s("search definitions", "searchProcessDefinitions", "search_process_definitions"),
    _max(
        "search definitions, every filter",
        "searchProcessDefinitions",
        "search_process_definitions",
        {
            "name": STRING,
            "isLatestVersion": False,
            "resourceName": "order.bpmn",
            "version": 2,
            "versionTag": "v2",
            "processDefinitionId": "order_process",
            "tenantId": "<default>",
            "processDefinitionKey": KEY,
            "hasStartForm": True,
            "state": "ACTIVE",
        },
        sort=["version", "-processDefinitionKey"],
        page={"limit": 50},
    ),
    _s(
        "iterate latest definitions",
        "searchProcessDefinitions",
        "iter_process_definitions",
        {"is_latest_version": True},
        sort="process_definition_id",
        page_size=20,
    ),
    _s("get definition", "getProcessDefinition", "get_process_definition", KEY),
    _s("get definition XML", "getProcessDefinitionXML", "get_process_definition_xml", KEY),
    _s("get start form", "getStartProcessForm", "get_start_process_form", KEY),
    # --- process instances ------------------------------------------------------------------
    _s("create by id", "createProcessInstance", "create_process_instance", "order_process"),
    _max(
        "create by id, every option",
        "createProcessInstance",
        "create_process_instance",
        "order_process",
        version=3,
        variables={"orderId": "A-1", "amount": 42},
        tenant_id="<default>",
        await_completion=True,
        request_timeout_ms=10_000,
        fetch_variables=["amount"],
        start_before=["Task_1"],
        tags=["priority:high"],
        business_id="order-1",
        operation_reference=11,
    ),
    _s(
        "create by key",
        "createProcessInstance",
        "create_process_instance",
        process_definition_key=KEY,
        variables={"orderId": "A-2"},
        tags=["rush"],
    ),
    _s("cancel", "cancelProcessInstance", "cancel_process_instance", KEY),
    _max(
        "cancel with reference",
        "cancelProcessInstance",
        "cancel_process_instance",
        KEY,
        operation_reference=5,
    ),
    _s("get instance", "getProcessInstance", "get_process_instance", KEY),
    _s("search instances", "searchProcessInstances", "search_process_instances"),
    _max(
        "search instances, every filter",
        "searchProcessInstances",
        "search_process_instances",
        PROCESS_INSTANCE_FILTER,
        sort=["-startDate", "processInstanceKey"],
        page={"from": 20, "limit": 10},
    ),
    _s(
        "search instances, page by limit",
        "searchProcessInstances",
        "search_process_instances",
        page=PageRequest(limit=5),
    ),
    _s(
        "search instances, page after",
        "searchProcessInstances",
        "search_process_instances",
        page={"after": CURSOR, "limit": 5},
    ),
    _s(
        "search instances, page before",
        "searchProcessInstances",
        "search_process_instances",
        page={"before": CURSOR},
    ),
    _s(
        "iterate instances",
        "searchProcessInstances",
        "iter_process_instances",
        {"state": "ACTIVE"},
        page_size=10,
    ),
    _s(
        "search instance incidents",
        "searchProcessInstanceIncidents",
        "search_process_instance_incidents",
        KEY,
    ),
    _max(
        "search instance incidents, every filter",
        "searchProcessInstanceIncidents",
        "search_process_instance_incidents",
        KEY,
        INCIDENT_FILTER,
        sort="-creationTime",
        page={"limit": 10},
    ),
    _s(
        "iterate instance incidents",
        "searchProcessInstanceIncidents",
        "iter_process_instance_incidents",
        KEY,
    ),
    # --- element instances ------------------------------------------------------------------
    _max(
        "search element instances, every filter",
        "searchElementInstances",
        "search_element_instances",
        {
            "processDefinitionId": "order_process",
            "state": EnumFilter(eq="ACTIVE", neq="COMPLETED", exists=True),
            "type": "USER_TASK",
            "elementId": "Task_1",
            "elementName": "Approve",
            "hasIncident": False,
            "tenantId": "<default>",
            "elementInstanceKey": KEY,
            "processInstanceKey": KEY,
            "processDefinitionKey": KEY,
            "incidentKey": KEY,
            "startDate": DATES,
            "endDate": WHEN,
            "elementInstanceScopeKey": KEY,
        },
        sort=["startDate"],
        page={"limit": 100},
    ),
    _s("iterate element instances", "searchElementInstances", "iter_element_instances"),
    _s("get element instance", "getElementInstance", "get_element_instance", KEY),
    _s(
        "set variables",
        "createElementInstanceVariables",
        "set_variables",
        KEY,
        {"approved": True},
    ),
    _max(
        "set local variables with reference",
        "createElementInstanceVariables",
        "set_variables",
        KEY,
        {"approved": True},
        local=True,
        operation_reference=3,
    ),
    # --- jobs -------------------------------------------------------------------------------
    _s("activate", "activateJobs", "activate_jobs", "send-email", max_jobs=5),
    _max(
        "activate, every option",
        "activateJobs",
        "activate_jobs",
        "send-email",
        max_jobs=5,
        timeout_ms=60_000,
        worker="worker-1",
        fetch_variables=["orderId"],
        request_timeout_ms=10_000,
        tenant_ids=["<default>", "tenant-a"],
        tenant_filter="PROVIDED",
    ),
    _s("complete job", "completeJob", "complete_job", KEY),
    _max(
        "complete a task-listener job with corrections",
        "completeJob",
        "complete_job",
        KEY,
        variables={"ok": True},
        result=UserTaskJobResult(
            denied=False,
            denied_reason="",
            corrections=JobResultCorrections(
                assignee="anna",
                due_date=WHEN,
                follow_up_date=WHEN,
                candidate_users=["anna"],
                candidate_groups=["sales"],
                priority=80,
            ),
        ),
    ),
    _s("fail job", "failJob", "fail_job", KEY, retries=2),
    _max(
        "fail job, every option",
        "failJob",
        "fail_job",
        KEY,
        retries=0,
        error_message="boom",
        retry_backoff_ms=1_000,
        variables={"attempt": 3},
    ),
    _s("throw error", "throwJobError", "throw_job_error", KEY, error_code="NOT_FOUND"),
    _max(
        "throw error, every option",
        "throwJobError",
        "throw_job_error",
        KEY,
        error_code="NOT_FOUND",
        error_message="no such order",
        variables={"reason": "gone"},
    ),
    _s("update job retries", "updateJob", "update_job", KEY, retries=3),
    _max(
        "update job, every option",
        "updateJob",
        "update_job",
        KEY,
        retries=3,
        timeout_ms=30_000,
        operation_reference=9,
    ),
    _max(
        "search jobs, every filter",
        "searchJobs",
        "search_jobs",
        {
            "jobKey": KEYS,
            "type": "send-email",
            "worker": STRING,
            "state": EnumFilter(in_=["CREATED", "FAILED"]),
            "kind": "BPMN_ELEMENT",
            "listenerEventType": EnumFilter(neq="UNSPECIFIED"),
            "retries": INTEGERS,
            "tenantId": "<default>",
            "processDefinitionId": "order_process",
            "processDefinitionKey": KEY,
            "processInstanceKey": KEYS,
            "elementId": "Task_1",
            "elementInstanceKey": KEY,
            "errorCode": "E1",
            "errorMessage": STRING,
            "deniedReason": "no",
            "hasFailedWithRetriesLeft": True,
            "isDenied": False,
            "deadline": DATES,
            "endTime": WHEN,
            "creationTime": DATES,
            "lastUpdateTime": WHEN,
        },
        sort=["-deadline", "jobKey"],
        page={"limit": 10},
    ),
    _s("iterate jobs", "searchJobs", "iter_jobs", {"type": "send-email"}),
    # --- user tasks -------------------------------------------------------------------------
    _s("search tasks", "searchUserTasks", "search_user_tasks"),
    _max(
        "search tasks, every filter",
        "searchUserTasks",
        "search_user_tasks",
        {
            "state": EnumFilter(in_=["CREATED"], like="CREAT*"),
            "assignee": STRING,
            "priority": INTEGERS,
            "elementId": "Task_1",
            "name": "Approve",
            "candidateGroup": "sales",
            "candidateUser": STRING,
            "tenantId": "<default>",
            "processDefinitionId": "order_process",
            "creationDate": DATES,
            "completionDate": WHEN,
            "followUpDate": DATES,
            "dueDate": DATES,
            "processInstanceVariables": VARIABLES,
            "localVariables": [VariableValueFilter(name="x", value=StringFilter(like="*1*"))],
            "userTaskKey": KEY,
            "processDefinitionKey": KEY,
            "processInstanceKey": KEY,
            "elementInstanceKey": KEY,
            "tags": ["priority:high"],
        },
        sort=["-priority", "creation_date"],
        page={"limit": 25},
    ),
    _s("iterate tasks", "searchUserTasks", "iter_user_tasks", {"assignee": "anna"}),
    _s("get task", "getUserTask", "get_user_task", KEY),
    _s("assign task", "assignUserTask", "assign_user_task", KEY, "anna"),
    _max(
        "assign task, every option",
        "assignUserTask",
        "assign_user_task",
        KEY,
        "anna",
        allow_override=False,
        action="claim",
    ),
    _s("unassign task", "unassignUserTask", "unassign_user_task", KEY),
    _s("complete task", "completeUserTask", "complete_user_task", KEY),
    _max(
        "complete task, every option",
        "completeUserTask",
        "complete_user_task",
        KEY,
        variables={"approved": True},
        action="approve",
    ),
    _s("update task priority", "updateUserTask", "update_user_task", KEY, priority=70),
    _max(
        "update task, every option",
        "updateUserTask",
        "update_user_task",
        KEY,
        due_date=WHEN,
        follow_up_date=WHEN,
        candidate_users=["anna"],
        candidate_groups=[],
        priority=70,
        action="reschedule",
    ),
    _s("get task form", "getUserTaskForm", "get_user_task_form", KEY),
    _s("search task variables", "searchUserTaskVariables", "search_user_task_variables", KEY),
    _max(
        "search task variables, every option",
        "searchUserTaskVariables",
        "search_user_task_variables",
        KEY,
        {"name": STRING},
        sort="name",
        page={"after": CURSOR, "limit": 10},
        truncate_values=False,
    ),
    _s(
        "iterate task variables",
        "searchUserTaskVariables",
        "iter_user_task_variables",
        KEY,
        truncate_values=True,
    ),
    _max(
        "search effective task variables, every option",
        "searchUserTaskEffectiveVariables",
        "search_user_task_effective_variables",
        KEY,
        {"name": "orderId"},
        sort="-value",
        page={"from": 0, "limit": 10},
        truncate_values=False,
    ),
    _s(
        "iterate effective task variables",
        "searchUserTaskEffectiveVariables",
        "iter_user_task_effective_variables",
        KEY,
        page_size=10,
    ),
    # --- incidents --------------------------------------------------------------------------
    _max(
        "search incidents, every filter",
        "searchIncidents",
        "search_incidents",
        INCIDENT_FILTER,
        sort=["-creationTime", "incidentKey"],
        page={"before": CURSOR, "limit": 10},
    ),
    _s("iterate incidents", "searchIncidents", "iter_incidents", {"state": "ACTIVE"}),
    _s("get incident", "getIncident", "get_incident", KEY),
    _s("resolve incident", "resolveIncident", "resolve_incident", KEY),
    _max(
        "resolve incident with reference",
        "resolveIncident",
        "resolve_incident",
        KEY,
        operation_reference=4,
    ),
    # --- variables --------------------------------------------------------------------------
    _max(
        "search variables, every filter",
        "searchVariables",
        "search_variables",
        {
            "name": STRING,
            "value": '"A-1"',
            "tenantId": "<default>",
            "isTruncated": False,
            "variableKey": KEYS,
            "scopeKey": KEY,
            "processInstanceKey": KEYS,
        },
        sort=["name", "-scopeKey"],
        page={"limit": 10},
        truncate_values=False,
    ),
    _s("iterate variables", "searchVariables", "iter_variables", {"name": "orderId"}),
    _s("get variable", "getVariable", "get_variable", KEY),
    # --- messages and signals ---------------------------------------------------------------
    _s("publish", "publishMessage", "publish_message", "order-paid"),
    _max(
        "publish, every option",
        "publishMessage",
        "publish_message",
        "order-paid",
        correlation_key="A-1",
        variables={"paid": True},
        time_to_live_ms=60_000,
        message_id="msg-1",
        tenant_id="<default>",
    ),
    _s("correlate", "correlateMessage", "correlate_message", "order-paid"),
    _max(
        "correlate, every option",
        "correlateMessage",
        "correlate_message",
        "order-paid",
        correlation_key="A-1",
        variables={"paid": True},
        tenant_id="<default>",
    ),
    _s("broadcast", "broadcastSignal", "broadcast_signal", "shutdown"),
    _max(
        "broadcast, every option",
        "broadcastSignal",
        "broadcast_signal",
        "shutdown",
        variables={"reason": "maintenance"},
        tenant_id="<default>",
    ),
    # --- decisions --------------------------------------------------------------------------
    _s("evaluate by id", "evaluateDecision", "evaluate_decision", "discount"),
    _max(
        "evaluate by id, every option",
        "evaluateDecision",
        "evaluate_decision",
        "discount",
        variables={"amount": 100},
        tenant_id="<default>",
    ),
    _max(
        "evaluate by key, every option",
        "evaluateDecision",
        "evaluate_decision",
        decision_definition_key=KEY,
        variables={"amount": 100},
        tenant_id="<default>",
    ),
    _max(
        "search decision definitions, every filter",
        "searchDecisionDefinitions",
        "search_decision_definitions",
        {
            "decisionDefinitionId": "discount",
            "name": "Discount",
            "isLatestVersion": True,
            "version": 1,
            "decisionRequirementsId": "pricing",
            "tenantId": "<default>",
            "decisionDefinitionKey": KEY,
            "decisionRequirementsKey": KEY,
            "decisionRequirementsName": "Pricing",
            "decisionRequirementsVersion": 1,
        },
        sort=["-version", "decision_definition_id"],
        page={"limit": 10},
    ),
    _s("iterate decision definitions", "searchDecisionDefinitions", "iter_decision_definitions"),
    _s("get decision definition", "getDecisionDefinition", "get_decision_definition", KEY),
]
