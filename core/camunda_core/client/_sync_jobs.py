"""Job methods of the synchronous client. GENERATED from ``_async_jobs.py`` by ``scripts/unasync.py``.

Do not edit: change ``_async_jobs.py`` and run ``python scripts/unasync.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

from camunda_core.client import _pagination
from camunda_core.client._sync_core import ClientCore
from camunda_core.client.operations import jobs
from camunda_core.client.operations._common import PageInput
from camunda_core.models.jobs import ActivatedJob, JobFilter, JobInfo, UserTaskJobResult
from camunda_core.models.search import SearchResult, SortInput

__all__ = ["JobOperations"]


class JobOperations(ClientCore):
    """Activate and answer jobs (what workers do), and search them."""

    def activate_jobs(
        self,
        job_type: str,
        *,
        max_jobs: int,
        timeout_ms: int | None = None,
        worker: str | None = None,
        fetch_variables: Sequence[str] | None = None,
        request_timeout_ms: int | None = None,
        tenant_ids: Sequence[str] | None = None,
        tenant_filter: Literal["PROVIDED", "ASSIGNED"] | None = None,
    ) -> list[ActivatedJob]:
        """Lock up to ``max_jobs`` jobs of ``job_type``, long-polling when none is ready."""
        return self._send(
            jobs.activate_jobs(
                self.settings,
                job_type,
                max_jobs=max_jobs,
                timeout_ms=timeout_ms,
                worker=worker,
                fetch_variables=fetch_variables,
                request_timeout_ms=request_timeout_ms,
                tenant_ids=tenant_ids,
                tenant_filter=tenant_filter,
            )
        )

    def complete_job(
        self,
        job_key: str,
        *,
        variables: Mapping[str, Any] | None = None,
        result: UserTaskJobResult | None = None,
    ) -> None:
        """Complete a job, merging ``variables`` into the process."""
        self._send(jobs.complete_job(job_key, variables=variables, result=result))

    def fail_job(
        self,
        job_key: str,
        *,
        retries: int,
        error_message: str | None = None,
        retry_backoff_ms: int | None = None,
        variables: Mapping[str, Any] | None = None,
    ) -> None:
        """Report a failed attempt; with ``retries=0`` the job raises an incident."""
        self._send(
            jobs.fail_job(
                job_key,
                retries=retries,
                error_message=error_message,
                retry_backoff_ms=retry_backoff_ms,
                variables=variables,
            )
        )

    def throw_job_error(
        self,
        job_key: str,
        *,
        error_code: str,
        error_message: str | None = None,
        variables: Mapping[str, Any] | None = None,
    ) -> None:
        """Throw a BPMN error from the job's element, to be caught by its error code."""
        self._send(
            jobs.throw_job_error(
                job_key, error_code=error_code, error_message=error_message, variables=variables
            )
        )

    def update_job(
        self,
        job_key: str,
        *,
        retries: int | None = None,
        timeout_ms: int | None = None,
        operation_reference: int | None = None,
    ) -> None:
        """Give a job new retries, or extend its lock by ``timeout_ms`` from now."""
        self._send(
            jobs.update_job(
                job_key,
                retries=retries,
                timeout_ms=timeout_ms,
                operation_reference=operation_reference,
            )
        )

    def search_jobs(
        self,
        filter: JobFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
    ) -> SearchResult[JobInfo]:
        """One page of jobs matching ``filter`` (e.g. ``{"type": "send-email"}``)."""
        return self._send(jobs.search_jobs(filter, sort=sort, page=page))

    def iter_jobs(
        self,
        filter: JobFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
    ) -> Iterator[JobInfo]:
        """Every job matching ``filter``, following the cursor page by page."""
        return self._paginate(
            lambda page: jobs.search_jobs(filter, sort=sort, page=page), page_size
        )
