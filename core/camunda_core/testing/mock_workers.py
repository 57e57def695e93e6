"""Mock job workers for process tests: answer every job of a type as told, and record it.

A test that checks the process (not the handlers) replaces the real workers::

    charge = camunda_mock_worker("charge-card").complete({"receiptId": "R-1"})
    ...
    assert charge.wait_for_invocations(1)[0].variables["orderId"] == "A-1"
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from camunda_core.client import CamundaClient
from camunda_core.errors import CamundaError
from camunda_core.models.jobs import ActivatedJob

__all__ = ["MockJobWorker"]

#: What a mock does with a job; returns nothing (it calls the client itself).
Behaviour = Callable[[CamundaClient, ActivatedJob], None]


class MockJobWorker:
    """Activates jobs of ``job_type`` on a background thread and answers them as configured."""

    def __init__(self, client: CamundaClient, job_type: str, *, poll_ms: int = 200) -> None:
        self.client = client
        self.job_type = job_type
        self.poll_ms = poll_ms
        self.invocations: list[ActivatedJob] = []
        self.errors: list[str] = []
        self._behaviour: Behaviour = _complete(None)
        self._stop = threading.Event()
        self._seen = threading.Condition()
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        return f"<MockJobWorker {self.job_type!r}: {len(self.invocations)} job(s)>"

    # --- behaviours -----------------------------------------------------------------------------
    def complete(self, variables: Mapping[str, Any] | None = None) -> MockJobWorker:
        """Complete every job with ``variables``."""
        return self._use(_complete(dict(variables) if variables else None))

    def throw_bpmn_error(
        self, code: str, message: str = "", variables: Mapping[str, Any] | None = None
    ) -> MockJobWorker:
        """Throw a BPMN error with ``code`` for every job."""

        def throw(client: CamundaClient, job: ActivatedJob) -> None:
            client.throw_job_error(
                job.job_key, error_code=code, error_message=message or None, variables=variables
            )

        return self._use(throw)

    def fail(
        self,
        message: str = "failed by a mock worker",
        *,
        retries: int = 0,
        retry_backoff_ms: int = 0,
    ) -> MockJobWorker:
        """Fail every job (``retries=0``, the default, raises an incident)."""

        def fail(client: CamundaClient, job: ActivatedJob) -> None:
            client.fail_job(
                job.job_key,
                retries=retries,
                error_message=message,
                retry_backoff_ms=retry_backoff_ms,
            )

        return self._use(fail)

    def handle(self, function: Callable[[ActivatedJob], Mapping[str, Any] | None]) -> MockJobWorker:
        """Complete every job with what ``function(job)`` returns."""

        def run(client: CamundaClient, job: ActivatedJob) -> None:
            result = function(job)
            client.complete_job(job.job_key, variables=dict(result) if result else None)

        return self._use(run)

    def _use(self, behaviour: Behaviour) -> MockJobWorker:
        self._behaviour = behaviour
        self.start()
        return self

    # --- running -------------------------------------------------------------------------------
    def start(self) -> None:
        """Start polling (behaviours start it for you)."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name=f"mock-worker-{self.job_type}", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        """Stop polling and wait for the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=max(5.0, self.poll_ms / 1000 * 4))

    def wait_for_invocations(self, count: int, timeout: float = 5.0) -> list[ActivatedJob]:
        """Wait until ``count`` jobs were handled; return them (AssertionError on timeout)."""
        deadline = time.monotonic() + timeout
        with self._seen:
            while len(self.invocations) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} job(s) of type {self.job_type!r}, got {len(self.invocations)} in {timeout:g}s"
                    )
                self._seen.wait(remaining)
            return list(self.invocations)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                jobs = self.client.activate_jobs(
                    self.job_type, max_jobs=10, request_timeout_ms=self.poll_ms, worker="mock"
                )
            except CamundaError as error:
                self.errors.append(str(error))
                self._stop.wait(0.1)
                continue
            for job in jobs:
                try:
                    self._behaviour(self.client, job)
                except CamundaError as error:
                    self.errors.append(f"job {job.job_key}: {error}")
                with self._seen:
                    self.invocations.append(job)
                    self._seen.notify_all()


def _complete(variables: dict[str, Any] | None) -> Behaviour:
    def complete(client: CamundaClient, job: ActivatedJob) -> None:
        client.complete_job(job.job_key, variables=variables)

    return complete
