"""A stand-in for the runtime that the REST layer's own tests control exactly.

It implements the :class:`~camunda_core.devengine.contract.EngineAPI` protocol with plain
dicts: tests seed records directly (thousands for paging, odd values for filters), commands
are recorded (so a test can see which arguments a request became) and answer with simple
results. Jobs are real enough for transports, faults and long polls: activation locks
activatable jobs of a type, or waits until one is added or the request timeout passes.
End-to-end behaviour is tested against the real runtime; this is the boundary fake.
"""

from __future__ import annotations

import dataclasses
import itertools
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any

from camunda_core.devengine.contract import (
    ActivatedJob,
    CorrelatedMessage,
    CreatedInstance,
    DecisionEvaluation,
    InvalidState,
    NotFound,
)
from camunda_core.devengine.records import (
    DEFAULT_TENANT,
    DeploymentRecord,
    JobRecord,
    ProcessDefinitionRecord,
    ProcessInstanceRecord,
    VariableRecord,
)

__all__ = ["FakeEngine", "FakeStore", "job_record", "process_instance_record"]

T0 = 1_757_280_974_277  # 2025-09-07T21:36:14.277Z


class FakeStore:
    """The record mappings, as plain dicts a test may fill."""

    def __init__(self) -> None:
        self.deployments: dict[str, Any] = {}
        self.process_definitions: dict[str, Any] = {}
        self.decision_requirements: dict[str, Any] = {}
        self.decision_definitions: dict[str, Any] = {}
        self.forms: dict[str, Any] = {}
        self.process_instances: dict[str, Any] = {}
        self.element_instances: dict[str, Any] = {}
        self.jobs: dict[str, Any] = {}
        self.user_tasks: dict[str, Any] = {}
        self.incidents: dict[str, Any] = {}
        self.variables: dict[str, Any] = {}
        self.message_subscriptions: dict[str, Any] = {}
        self.resources: dict[str, bytes] = {}

    def resource_content(self, resource_key: str) -> bytes:
        return self.resources.get(resource_key, b"")


def process_instance_record(key: str, **values: Any) -> ProcessInstanceRecord:
    """A process instance with plausible defaults."""
    defaults: dict[str, Any] = {
        "process_instance_key": key,
        "process_definition_key": "2251799813685249",
        "process_definition_id": "order",
        "process_definition_name": "Order",
        "process_definition_version": 1,
        "process_definition_version_tag": None,
        "start_date": T0,
        "state": "ACTIVE",
        "tenant_id": DEFAULT_TENANT,
    }
    return ProcessInstanceRecord(**{**defaults, **values})


def job_record(key: str, job_type: str = "work", **values: Any) -> JobRecord:
    """An activatable job with plausible defaults."""
    defaults: dict[str, Any] = {
        "job_key": key,
        "type": job_type,
        "kind": "BPMN_ELEMENT",
        "listener_event_type": "UNSPECIFIED",
        "state": "CREATED",
        "retries": 3,
        "process_instance_key": "2251799813685300",
        "process_definition_key": "2251799813685249",
        "process_definition_id": "order",
        "process_definition_version": 1,
        "element_id": "task",
        "element_instance_key": "2251799813685301",
        "tenant_id": DEFAULT_TENANT,
        "creation_time": T0,
    }
    return JobRecord(**{**defaults, **values})


@dataclasses.dataclass(eq=False)
class _Waiter:
    """A waiting long poll and the timer of its request timeout."""

    job_type: str
    max_jobs: int
    worker: str
    timeout_ms: int
    future: Future[list[ActivatedJob]]
    timer: threading.Timer | None = None

    def cancel_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()


class FakeEngine:
    """The EngineAPI protocol over a :class:`FakeStore`; ``calls`` records every command."""

    def __init__(self) -> None:
        self.store = FakeStore()
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._lock = threading.RLock()
        self._keys = itertools.count(2251799813690000)
        self._pinned: int | None = None
        self._waiters: list[_Waiter] = []

    # --- basics ------------------------------------------------------------------------------
    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._lock:
            yield

    def now(self) -> int:
        return self._pinned if self._pinned is not None else int(time.time() * 1000)

    def next_key(self) -> str:
        return str(next(self._keys))

    def _record(self, command: str, /, **arguments: Any) -> None:
        self.calls.append((command, arguments))

    def pin_clock(self, epoch_ms: int) -> None:
        self._record("pin_clock", epoch_ms=epoch_ms)
        self._pinned = epoch_ms

    def reset_clock(self) -> None:
        self._record("reset_clock")
        self._pinned = None

    # --- deployments ---------------------------------------------------------------------------
    def deploy(
        self, resources: Sequence[tuple[str, bytes]], tenant_id: str | None
    ) -> DeploymentRecord:
        self._record("deploy", resources=list(resources), tenant_id=tenant_id)
        tenant = tenant_id or DEFAULT_TENANT
        deployment = DeploymentRecord(self.next_key(), tenant)
        with self._lock:
            for name, content in resources:
                key = self.next_key()
                process_id = name.rsplit(".", 1)[0].replace(" ", "_")
                record = ProcessDefinitionRecord(
                    key,
                    process_id,
                    process_id,
                    1,
                    None,
                    name,
                    tenant,
                    False,
                    "ACTIVE",
                    None,
                    deployment.deployment_key,
                    key,
                    "checksum",
                )
                self.store.process_definitions[key] = record
                self.store.resources[key] = content
                deployment.processes.append(record)
        return deployment

    def delete_resource(self, resource_key: str) -> None:
        self._record("delete_resource", resource_key=resource_key)
        if self.store.process_definitions.pop(resource_key, None) is None:
            raise NotFound(f"no resource {resource_key}")

    # --- process instances -----------------------------------------------------------------------
    def create_process_instance(self, **arguments: Any) -> CreatedInstance:
        self._record("create_process_instance", **arguments)
        key = self.next_key()
        instance = process_instance_record(
            key,
            process_definition_id=arguments.get("process_definition_id") or "order",
            tags=list(arguments.get("tags", ())),
            business_id=arguments.get("business_id"),
        )
        with self._lock:
            self.store.process_instances[key] = instance
        completion: Future[dict[str, Any]] | None = None
        if arguments.get("await_completion"):
            completion = Future()
            completion.set_result(dict(arguments.get("variables") or {}))
        return CreatedInstance(instance, completion)

    def cancel_process_instance(self, process_instance_key: str) -> None:
        self._record("cancel_process_instance", process_instance_key=process_instance_key)
        with self._lock:
            instance = self.store.process_instances.get(process_instance_key)
            if instance is None or instance.state != "ACTIVE":
                raise NotFound(f"no active process instance {process_instance_key}")
            instance.state = "TERMINATED"

    # --- jobs ------------------------------------------------------------------------------------
    def add_job(self, job: JobRecord) -> None:
        """Make a job activatable; a waiting long poll of its type gets it at once."""
        with self._lock:
            self.store.jobs[job.job_key] = job
            ready = self._serve_waiters()
        for future, jobs in ready:
            future.set_result(jobs)

    def activate_jobs(self, **arguments: Any) -> Future[list[ActivatedJob]]:
        self._record("activate_jobs", **arguments)
        future: Future[list[ActivatedJob]] = Future()
        job_type, max_jobs = arguments["job_type"], arguments["max_jobs"]
        worker, timeout_ms = arguments["worker"], arguments["timeout_ms"]
        with self._lock:
            jobs = self._lock_jobs(job_type, max_jobs, worker, timeout_ms)
            if jobs or arguments.get("request_timeout_ms", 0) < 0:
                future.set_result(jobs)
                return future
            wait_ms = arguments.get("request_timeout_ms") or 10_000
            waiter = _Waiter(job_type, max_jobs, worker, timeout_ms, future)
            waiter.timer = threading.Timer(wait_ms / 1000, self._expire, (waiter,))
            waiter.timer.daemon = True
            self._waiters.append(waiter)
        waiter.timer.start()
        return future

    def _expire(self, waiter: _Waiter) -> None:
        """The request timeout passed: answer [] unless the poll was served meanwhile."""
        with self._lock:
            if waiter not in self._waiters:
                return
            self._waiters.remove(waiter)
            if waiter.future.done() or waiter.future.running():
                return  # answered or cancelled by the HTTP side meanwhile
            answer = waiter.future.set_running_or_notify_cancel()
        if answer:
            waiter.future.set_result([])

    def _serve_waiters(self) -> list[tuple[Future[list[ActivatedJob]], list[ActivatedJob]]]:
        ready = []
        for waiter in list(self._waiters):
            if waiter.future.cancelled():
                self._waiters.remove(waiter)
                waiter.cancel_timer()
                continue
            jobs = self._lock_jobs(
                waiter.job_type, waiter.max_jobs, waiter.worker, waiter.timeout_ms
            )
            if jobs:
                self._waiters.remove(waiter)
                waiter.cancel_timer()
                if waiter.future.set_running_or_notify_cancel():
                    ready.append((waiter.future, jobs))
        return ready

    def waiting_polls(self) -> int:
        """Long polls waiting now (cancelled ones not counted)."""
        with self._lock:
            return sum(1 for waiter in self._waiters if not waiter.future.done())

    def return_jobs(self, activations: Sequence[tuple[str, int]]) -> None:
        """Give back undelivered activations (recorded, then made activatable again)."""
        self._record("return_jobs", activations=list(activations))
        with self._lock:
            for job_key, deadline in activations:
                job = self.jobs.get(job_key)
                if job is not None and job.deadline == deadline:
                    job.deadline = None
                    job.worker = ""
                    job.activatable = True

    def close(self) -> None:
        """Answer waiting polls with [] and stop their timers (no thread outlives a test)."""
        with self._lock:
            waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            waiter.cancel_timer()
            if waiter.future.done() or waiter.future.running():
                continue
            if waiter.future.set_running_or_notify_cancel():
                waiter.future.set_result([])

    def _lock_jobs(
        self, job_type: str, max_jobs: int, worker: str, timeout_ms: int
    ) -> list[ActivatedJob]:
        found = []
        for job in self.store.jobs.values():
            if len(found) == max_jobs:
                break
            if job.type == job_type and job.activatable and job.state == "CREATED":
                job.activatable = False
                job.worker = worker
                job.deadline = self.now() + timeout_ms
                found.append(ActivatedJob(dataclasses.replace(job), {"answer": 42}))
        return found

    def _job(self, job_key: str) -> JobRecord:
        job = self.store.jobs.get(job_key)
        if job is None or job.state != "CREATED":
            raise NotFound(f"Job with key '{job_key}' not found")
        if job.activatable:
            raise InvalidState(f"Job with key '{job_key}' is not activated")
        return job

    def complete_job(self, job_key: str, **arguments: Any) -> None:
        self._record("complete_job", job_key=job_key, **arguments)
        with self._lock:
            job = self._job(job_key)
            job.state, job.end_time = "COMPLETED", self.now()

    def fail_job(self, job_key: str, **arguments: Any) -> None:
        self._record("fail_job", job_key=job_key, **arguments)
        with self._lock:
            job = self._job(job_key)
            job.retries, job.state = arguments["retries"], "FAILED"

    def throw_job_error(self, job_key: str, **arguments: Any) -> None:
        self._record("throw_job_error", job_key=job_key, **arguments)
        with self._lock:
            self._job(job_key).state = "ERROR_THROWN"

    def update_job(self, job_key: str, **arguments: Any) -> None:
        self._record("update_job", job_key=job_key, **arguments)
        with self._lock:
            if job_key not in self.store.jobs:
                raise NotFound(f"Job with key '{job_key}' not found")

    # --- user tasks --------------------------------------------------------------------------------
    def _task_command(self, name: str, user_task_key: str, **arguments: Any) -> Future[None]:
        self._record(name, user_task_key=user_task_key, **arguments)
        future: Future[None] = Future()
        if user_task_key not in self.store.user_tasks:
            future.set_exception(NotFound(f"User task with key '{user_task_key}' not found"))
        else:
            future.set_result(None)
        return future

    def assign_user_task(self, user_task_key: str, **arguments: Any) -> Future[None]:
        return self._task_command("assign_user_task", user_task_key, **arguments)

    def unassign_user_task(self, user_task_key: str) -> Future[None]:
        return self._task_command("unassign_user_task", user_task_key)

    def complete_user_task(self, user_task_key: str, **arguments: Any) -> Future[None]:
        return self._task_command("complete_user_task", user_task_key, **arguments)

    def update_user_task(self, user_task_key: str, **arguments: Any) -> Future[None]:
        return self._task_command("update_user_task", user_task_key, **arguments)

    # --- incidents, variables, messages, signals, decisions ----------------------------------------
    def resolve_incident(self, incident_key: str) -> None:
        self._record("resolve_incident", incident_key=incident_key)

    def set_variables(
        self, element_instance_key: str, variables: Mapping[str, Any], *, local: bool = False
    ) -> None:
        self._record(
            "set_variables",
            element_instance_key=element_instance_key,
            variables=variables,
            local=local,
        )

    def visible_variables(self, element_instance_key: str) -> list[VariableRecord]:
        with self._lock:
            return [v for v in self.store.variables.values() if v.scope_key == element_instance_key]

    def publish_message(self, **arguments: Any) -> str:
        self._record("publish_message", **arguments)
        return self.next_key()

    def correlate_message(self, **arguments: Any) -> CorrelatedMessage:
        self._record("correlate_message", **arguments)
        return CorrelatedMessage(
            self.next_key(), arguments.get("tenant_id") or DEFAULT_TENANT, "2251799813685300"
        )

    def broadcast_signal(self, **arguments: Any) -> str:
        self._record("broadcast_signal", **arguments)
        return self.next_key()

    def evaluate_decision(self, **arguments: Any) -> DecisionEvaluation:
        self._record("evaluate_decision", **arguments)
        raise NotFound("the fake engine has no decisions")
