"""Job operations: activate, complete, fail, throw a BPMN error, update, search."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import httpx

from camunda_core.client._call import Call, parse_model, parse_none
from camunda_core.client.operations._common import PageInput, as_dict, key, search_body, wire
from camunda_core.models.jobs import (
    JOB_SORT_FIELDS,
    ActivatedJob,
    ActivateJobsRequest,
    CompleteJobRequest,
    FailJobRequest,
    JobActivationResult,
    JobChangeset,
    JobFilter,
    JobInfo,
    ThrowJobErrorRequest,
    UpdateJobRequest,
    UserTaskJobResult,
)
from camunda_core.models.search import SearchResult, SortInput
from camunda_core.settings import CamundaSettings

__all__ = [
    "LONG_POLL_MARGIN",
    "activate_jobs",
    "complete_job",
    "fail_job",
    "search_jobs",
    "throw_job_error",
    "update_job",
]

#: Extra seconds the HTTP read waits beyond the server's long poll before calling it lost.
LONG_POLL_MARGIN = 5.0

_parse_activation = parse_model(JobActivationResult)


def _parse_jobs(response: httpx.Response) -> list[ActivatedJob]:
    return _parse_activation(response).jobs


def activate_jobs(
    settings: CamundaSettings,
    job_type: str,
    *,
    max_jobs: int,
    timeout_ms: int | None = None,
    worker: str | None = None,
    fetch_variables: Sequence[str] | None = None,
    request_timeout_ms: int | None = None,
    tenant_ids: Sequence[str] | None = None,
    tenant_filter: Literal["PROVIDED", "ASSIGNED"] | None = None,
) -> Call[list[ActivatedJob]]:
    """``POST /jobs/activation``: long-polls up to ``request_timeout_ms`` for jobs.

    The HTTP read timeout is the long poll plus a margin, so a half-open connection is
    noticed soon after the server should have answered.
    """
    long_poll = (
        settings.worker_request_timeout_ms if request_timeout_ms is None else request_timeout_ms
    )
    if long_poll >= settings.http_timeout_ms:
        raise ValueError(
            f"request_timeout_ms ({long_poll}) must be below CAMUNDA_HTTP_TIMEOUT_MS "
            f"({settings.http_timeout_ms}), or the HTTP read times out before the long poll ends"
        )
    tenants = list(tenant_ids) if tenant_ids is not None else settings.activation_tenant_ids
    body = ActivateJobsRequest(
        type=job_type,
        worker=worker or settings.worker_name,
        timeout=timeout_ms if timeout_ms is not None else settings.worker_timeout_ms,
        max_jobs_to_activate=max_jobs,
        fetch_variable=list(fetch_variables) if fetch_variables is not None else None,
        request_timeout=long_poll,
        tenant_ids=tenants or None,
        tenant_filter=tenant_filter,
    )
    read_timeout = (
        min(settings.http_timeout_ms / 1000, long_poll / 1000 + LONG_POLL_MARGIN)
        if long_poll > 0
        else None
    )
    return Call(
        "activateJobs",
        "POST",
        "/jobs/activation",
        parse=_parse_jobs,
        json=wire(body),
        timeout=read_timeout,
    )


def complete_job(
    job_key: str,
    *,
    variables: Mapping[str, Any] | None = None,
    result: UserTaskJobResult | None = None,
) -> Call[None]:
    """``POST /jobs/{jobKey}/completion``; ``result`` answers a task-listener job."""
    body = CompleteJobRequest(variables=as_dict(variables), result=result)
    return Call(
        "completeJob",
        "POST",
        f"/jobs/{key(job_key, 'job_key')}/completion",
        parse=parse_none,
        json=wire(body) or {},
    )


def fail_job(
    job_key: str,
    *,
    retries: int,
    error_message: str | None = None,
    retry_backoff_ms: int | None = None,
    variables: Mapping[str, Any] | None = None,
) -> Call[None]:
    """``POST /jobs/{jobKey}/failure``; ``retries=0`` raises an incident."""
    body = FailJobRequest(
        retries=retries,
        error_message=error_message,
        retry_back_off=retry_backoff_ms,
        variables=as_dict(variables),
    )
    return Call(
        "failJob",
        "POST",
        f"/jobs/{key(job_key, 'job_key')}/failure",
        parse=parse_none,
        json=wire(body),
    )


def throw_job_error(
    job_key: str,
    *,
    error_code: str,
    error_message: str | None = None,
    variables: Mapping[str, Any] | None = None,
) -> Call[None]:
    """``POST /jobs/{jobKey}/error``: a BPMN error caught by a boundary or event sub-process."""
    body = ThrowJobErrorRequest(
        error_code=error_code,
        error_message=error_message,
        variables=as_dict(variables),
    )
    return Call(
        "throwJobError",
        "POST",
        f"/jobs/{key(job_key, 'job_key')}/error",
        parse=parse_none,
        json=wire(body),
    )


def update_job(
    job_key: str,
    *,
    retries: int | None = None,
    timeout_ms: int | None = None,
    operation_reference: int | None = None,
) -> Call[None]:
    """``PATCH /jobs/{jobKey}``: new retries, or a new lock timeout counted from now."""
    if retries is None and timeout_ms is None:
        raise ValueError("update_job needs retries, timeout_ms or both")
    body = UpdateJobRequest(
        changeset=JobChangeset(retries=retries, timeout=timeout_ms),
        operation_reference=operation_reference,
    )
    return Call(
        "updateJob",
        "PATCH",
        f"/jobs/{key(job_key, 'job_key')}",
        parse=parse_none,
        json=wire(body),
    )


_parse_page = parse_model(SearchResult[JobInfo])


def search_jobs(
    filter: JobFilter | Mapping[str, Any] | None = None,
    *,
    sort: Sequence[SortInput] | SortInput | None = None,
    page: PageInput | None = None,
) -> Call[SearchResult[JobInfo]]:
    """``POST /jobs/search`` (eventually consistent)."""
    return Call(
        "searchJobs",
        "POST",
        "/jobs/search",
        parse=_parse_page,
        json=search_body(JobFilter, filter, sort, page, sort_fields=JOB_SORT_FIELDS),
    )
