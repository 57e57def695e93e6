"""Process-instance operations: create, cancel, get, search, and search an instance's incidents."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from camunda_core.client._call import Call, parse_model, parse_none
from camunda_core.client.operations._common import (
    PageInput,
    as_dict,
    as_list,
    default_tenant,
    key,
    search_body,
    wire,
)
from camunda_core.models._base import RequestModel
from camunda_core.models.incidents import INCIDENT_SORT_FIELDS, Incident, IncidentFilter
from camunda_core.models.process_instances import (
    PROCESS_INSTANCE_SORT_FIELDS,
    CancelProcessInstanceRequest,
    CreatedProcessInstance,
    CreateProcessInstanceById,
    CreateProcessInstanceByKey,
    ProcessInstance,
    ProcessInstanceFilter,
    StartInstruction,
)
from camunda_core.models.search import SearchResult, SortInput
from camunda_core.settings import CamundaSettings

__all__ = [
    "cancel_process_instance",
    "create_process_instance",
    "get_process_instance",
    "search_process_instance_incidents",
    "search_process_instances",
]

#: Extra seconds the HTTP read waits beyond the server-side await of ``awaitCompletion``.
AWAIT_MARGIN = 5.0


def create_process_instance(
    settings: CamundaSettings,
    process_definition_id: str | None = None,
    *,
    process_definition_key: str | None = None,
    version: int | None = None,
    variables: Mapping[str, Any] | None = None,
    tenant_id: str | None = None,
    await_completion: bool = False,
    request_timeout_ms: int | None = None,
    fetch_variables: Sequence[str] | None = None,
    start_before: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    business_id: str | None = None,
    operation_reference: int | None = None,
) -> Call[CreatedProcessInstance]:
    """``POST /process-instances`` by BPMN process id (+ version) or by definition key."""
    if (process_definition_id is None) == (process_definition_key is None):
        raise ValueError("give exactly one of process_definition_id and process_definition_key")
    common: dict[str, Any] = {
        "variables": as_dict(variables),
        "tenant_id": default_tenant(settings, tenant_id),
        "operation_reference": operation_reference,
        "start_instructions": [StartInstruction(element_id=e) for e in start_before]
        if start_before
        else None,
        "await_completion": await_completion or None,
        "request_timeout": request_timeout_ms,
        "fetch_variables": as_list(fetch_variables),
        "tags": as_list(tags),
        "business_id": business_id,
    }
    body: RequestModel
    if process_definition_key is not None:
        if version is not None:
            raise ValueError("version applies to process_definition_id, not to a definition key")
        body = CreateProcessInstanceByKey(
            process_definition_key=key(process_definition_key, "process_definition_key"), **common
        )
    else:
        assert process_definition_id is not None
        body = CreateProcessInstanceById(
            process_definition_id=process_definition_id,
            process_definition_version=version,
            **common,
        )
    timeout = None
    if await_completion:
        waited = (request_timeout_ms or settings.http_timeout_ms) / 1000
        timeout = max(settings.http_timeout_ms / 1000, waited + AWAIT_MARGIN)
    return Call(
        "createProcessInstance",
        "POST",
        "/process-instances",
        parse=parse_model(CreatedProcessInstance),
        json=wire(body),
        resend_safe=False,
        timeout=timeout,
    )


def cancel_process_instance(
    process_instance_key: str, *, operation_reference: int | None = None
) -> Call[None]:
    """``POST /process-instances/{key}/cancellation``."""
    path_key = key(process_instance_key, "process_instance_key")
    body = CancelProcessInstanceRequest(operation_reference=operation_reference)
    return Call(
        "cancelProcessInstance",
        "POST",
        f"/process-instances/{path_key}/cancellation",
        parse=parse_none,
        json=wire(body) or None,
    )


def get_process_instance(process_instance_key: str) -> Call[ProcessInstance]:
    """``GET /process-instances/{key}`` (eventually consistent)."""
    path_key = key(process_instance_key, "process_instance_key")
    return Call(
        "getProcessInstance",
        "GET",
        f"/process-instances/{path_key}",
        parse=parse_model(ProcessInstance),
    )


_parse_page = parse_model(SearchResult[ProcessInstance])
_parse_incidents = parse_model(SearchResult[Incident])


def search_process_instances(
    filter: ProcessInstanceFilter | Mapping[str, Any] | None = None,
    *,
    sort: Sequence[SortInput] | SortInput | None = None,
    page: PageInput | None = None,
) -> Call[SearchResult[ProcessInstance]]:
    """``POST /process-instances/search`` (eventually consistent)."""
    return Call(
        "searchProcessInstances",
        "POST",
        "/process-instances/search",
        parse=_parse_page,
        json=search_body(
            ProcessInstanceFilter, filter, sort, page, sort_fields=PROCESS_INSTANCE_SORT_FIELDS
        ),
    )


def search_process_instance_incidents(
    process_instance_key: str,
    filter: IncidentFilter | Mapping[str, Any] | None = None,
    *,
    sort: Sequence[SortInput] | SortInput | None = None,
    page: PageInput | None = None,
) -> Call[SearchResult[Incident]]:
    """``POST /process-instances/{key}/incidents/search`` (eventually consistent)."""
    path_key = key(process_instance_key, "process_instance_key")
    return Call(
        "searchProcessInstanceIncidents",
        "POST",
        f"/process-instances/{path_key}/incidents/search",
        parse=_parse_incidents,
        json=search_body(IncidentFilter, filter, sort, page, sort_fields=INCIDENT_SORT_FIELDS),
    )
