"""The dev engine: :class:`Engine` implements ``EngineAPI`` over the runtime.

Every command takes the one engine lock, validates its arguments before changing anything,
does its work, settles (runs the agenda, fires what is due, serves long polls) and releases
the lock; only then are the futures it completed resolved, so a callback never runs under
the lock. A background scheduler thread fires timers and timeouts as time passes.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from typing import Any

from camunda_core.devengine.contract import (
    ActivatedJob,
    CorrelatedMessage,
    CreatedInstance,
    DecisionEvaluation,
    InvalidArgument,
    NotFound,
)
from camunda_core.devengine.records import (
    DeploymentRecord,
    VariableRecord,
)
from camunda_core.devengine.runtime import (
    decisions,
    deploy_store,
    deployments,
    incidents,
    instances,
    jobs,
    messages,
    signals,
    task_commands,
)
from camunda_core.devengine.runtime import variables as scope_variables
from camunda_core.devengine.runtime.engine_base import EngineBase
from camunda_core.devengine.runtime.kernel import Runtime
from camunda_core.devengine.runtime.names import DEFAULT_TENANT
from camunda_core.devengine.runtime.waiters import Waiter

__all__ = ["Engine"]


def _encode(values: Mapping[str, Any] | None) -> dict[str, str]:
    try:
        return scope_variables.encode_all(values)
    except (TypeError, ValueError) as exc:
        raise InvalidArgument(f"variables must be a JSON object of JSON values: {exc}") from exc


class Engine(EngineBase):
    """A Camunda-8-compatible engine in process; thread-safe; ``close()`` when done.

    ``data_path``: a snapshot file restored at start when it exists (and written by
    :meth:`snapshot`). ``history_limit``: finished root instances kept (with everything that
    belongs to them) before the oldest are evicted; 0 keeps none.
    """

    # ------------------------------------------------------------------ deployments
    def deploy(
        self, resources: Sequence[tuple[str, bytes]], tenant_id: str | None = None
    ) -> DeploymentRecord:
        """Deploy atomically; raises InvalidArgument naming the file, element id and reason."""
        return self._run(lambda rt: deployments.deploy(rt, resources, tenant_id))

    def delete_resource(self, resource_key: str) -> None:
        """Delete a process definition (no running instances), a DRG or a form."""
        self._run(lambda rt: deploy_store.delete_resource(rt, resource_key))

    # ------------------------------------------------------------------ process instances
    def create_process_instance(
        self,
        *,
        process_definition_id: str | None = None,
        version: int = -1,
        process_definition_key: str | None = None,
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
        start_before_elements: Sequence[str] = (),
        tags: Sequence[str] = (),
        business_id: str | None = None,
        await_completion: bool = False,
        request_timeout_ms: int = 0,
        fetch_variables: Sequence[str] = (),
    ) -> CreatedInstance:
        """Create an instance (by id and version, or by key); optionally await completion."""
        values = _encode(variables)
        future: Future[dict[str, Any]] | None = Future() if await_completion else None

        def command(rt: Runtime) -> CreatedInstance:
            definition = instances.find_definition(
                rt, process_definition_id, version, process_definition_key, tenant_id
            )
            instances.check_start_instructions(rt, definition, start_before_elements)
            if business_id is not None:
                instances.check_business_id(rt, definition, business_id)
            inst = instances.create(
                rt,
                definition,
                values,
                start_instructions=start_before_elements,
                tags=tags,
                business_id=business_id,
            )
            if future is not None:
                timeout = request_timeout_ms or rt.default_request_timeout_ms
                task = rt.request_timeouts.add(_deadline(timeout), "await", inst.key)
                rt.awaiting.setdefault(inst.key, []).append((future, tuple(fetch_variables), task))
            return CreatedInstance(inst.record, future)

        return self._run(command)

    def cancel_process_instance(self, process_instance_key: str) -> None:
        """Terminate a root instance, its called instances, jobs, subscriptions and timers."""
        self._run(lambda rt: instances.cancel(rt, process_instance_key))

    # ------------------------------------------------------------------ jobs
    def activate_jobs(
        self,
        *,
        job_type: str,
        worker: str,
        timeout_ms: int,
        max_jobs: int,
        fetch_variables: Sequence[str] = (),
        tenant_ids: Sequence[str] = (),
        request_timeout_ms: int = 0,
    ) -> Future[list[ActivatedJob]]:
        """Activate jobs now, or long-poll until one is activatable or the request times out."""
        if max_jobs < 1:
            raise InvalidArgument(f"maxJobsToActivate must be at least 1, got {max_jobs}")
        if timeout_ms < 1:
            raise InvalidArgument(f"timeout must be at least 1 ms, got {timeout_ms}")
        future: Future[list[ActivatedJob]] = Future()
        fetch = frozenset(fetch_variables) if fetch_variables else None
        tenants = frozenset(tenant_ids) if tenant_ids else None

        def command(rt: Runtime) -> list[ActivatedJob] | None:
            found = jobs.activate_batch(rt, job_type, worker, timeout_ms, max_jobs, fetch, tenants)
            if found or request_timeout_ms < 0:
                return found
            waiter = Waiter(job_type, worker, timeout_ms, max_jobs, fetch, tenants, future)
            key = rt.waiters.add(waiter)
            timeout = request_timeout_ms or rt.default_request_timeout_ms
            waiter.task = rt.request_timeouts.add(_deadline(timeout), "poll", key)
            return None

        found = self._run(command)
        if found is not None:
            future.set_result(found)
        return future

    def complete_job(
        self,
        job_key: str,
        *,
        variables: Mapping[str, Any] | None = None,
        result: Mapping[str, Any] | None = None,
    ) -> None:
        """Complete a job (404 when gone, 409 when failed or errored)."""
        values = _encode(variables)
        outcome = dict(result) if result is not None else None
        self._run(lambda rt: jobs.complete(rt, job_key, values, outcome))

    def fail_job(
        self,
        job_key: str,
        *,
        retries: int,
        error_message: str | None = None,
        retry_backoff_ms: int = 0,
        variables: Mapping[str, Any] | None = None,
    ) -> None:
        """Fail a job: retried after the back-off while retries are left, else an incident."""
        values = _encode(variables)
        self._run(
            lambda rt: jobs.fail(rt, job_key, retries, error_message, retry_backoff_ms, values)
        )

    def throw_job_error(
        self,
        job_key: str,
        *,
        error_code: str,
        error_message: str | None = None,
        variables: Mapping[str, Any] | None = None,
    ) -> None:
        """Throw a BPMN error for a job's element."""
        values = _encode(variables)
        self._run(lambda rt: jobs.throw_error(rt, job_key, error_code, error_message, values))

    def update_job(
        self, job_key: str, *, retries: int | None = None, timeout_ms: int | None = None
    ) -> None:
        """Change retries and/or extend an activated job's deadline from now."""
        self._run(lambda rt: jobs.update(rt, job_key, retries, timeout_ms))

    def return_jobs(self, activations: Sequence[tuple[str, int]]) -> None:
        """Give back jobs of an activation answer that was never delivered."""
        self._run(lambda rt: jobs.give_back(rt, activations))

    # ------------------------------------------------------------------ user tasks
    def _task_command(self, task_key: str, verb: str, **arguments: Any) -> Future[None]:
        future: Future[None] = Future()
        self._run(lambda rt: task_commands.command(rt, task_key, verb, future, **arguments))
        return future

    def assign_user_task(
        self,
        user_task_key: str,
        *,
        assignee: str,
        allow_override: bool = True,
        action: str | None = None,
    ) -> Future[None]:
        """Assign (after the assigning listeners); fails when denied."""
        if not assignee:
            raise InvalidArgument("the assignee must not be empty")
        return self._task_command(
            user_task_key, "assign", assignee=assignee, allow_override=allow_override, action=action
        )

    def unassign_user_task(self, user_task_key: str) -> Future[None]:
        """Remove the assignee (the assigning listeners run with action 'unassign')."""
        return self._task_command(user_task_key, "unassign")

    def complete_user_task(
        self,
        user_task_key: str,
        *,
        variables: Mapping[str, Any] | None = None,
        action: str | None = None,
    ) -> Future[None]:
        """Complete a CREATED task (after the completing listeners); fails when denied."""
        values = _encode(variables)
        return self._task_command(user_task_key, "complete", values=values, action=action)

    def update_user_task(
        self, user_task_key: str, *, changeset: Mapping[str, Any], action: str | None = None
    ) -> Future[None]:
        """Change dates, candidates or priority (after the updating listeners)."""
        return self._task_command(
            user_task_key, "update", changeset=dict(changeset or {}), action=action
        )

    # ------------------------------------------------------------------ incidents, variables
    def resolve_incident(self, incident_key: str) -> None:
        """Retry what failed (a job incident needs retries on its job first)."""
        self._run(lambda rt: incidents.resolve(rt, incident_key))

    def set_variables(
        self, element_instance_key: str, variables: Mapping[str, Any], *, local: bool = False
    ) -> None:
        """Set variables in a scope (local), or propagate them from it (Zeebe's default)."""
        values = _encode(variables)

        def command(rt: Runtime) -> None:
            run = rt.runs.get(element_instance_key)
            if run is None:
                raise NotFound(
                    f"Expected to update variables for element with key "
                    f"'{element_instance_key}', but no such element was found"
                )
            if local:
                for name, text in values.items():
                    scope_variables.set_local(rt, run, name, text)
            else:
                scope_variables.propagate(rt, run, values)

        self._run(command)

    def visible_variables(self, element_instance_key: str) -> list[VariableRecord]:
        """Every variable visible from a scope, innermost first."""
        with self._lock:
            return scope_variables.visible_records(self._rt, element_instance_key)

    # ------------------------------------------------------------------ messages, signals
    def publish_message(
        self,
        *,
        name: str,
        correlation_key: str = "",
        time_to_live_ms: int = 0,
        message_id: str | None = None,
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> str:
        """Publish (correlate now, buffer for the TTL); returns the message key."""
        values = _encode(variables)

        def command(rt: Runtime) -> str:
            message = messages.new_message(
                rt, name, correlation_key, time_to_live_ms, message_id, values
            )
            message.tenant_id = tenant_id or DEFAULT_TENANT
            messages.publish(rt, message, buffer=True)
            return message.message_key

        return self._run(command)

    def correlate_message(
        self,
        *,
        name: str,
        correlation_key: str = "",
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> CorrelatedMessage:
        """Correlate now (no buffering); NotFound when nothing waits for the message."""
        values = _encode(variables)
        tenant = tenant_id or DEFAULT_TENANT

        def command(rt: Runtime) -> CorrelatedMessage:
            message = messages.new_message(rt, name, correlation_key, 0, None, values)
            message.tenant_id = tenant
            keys = messages.publish(rt, message, buffer=False)
            if not keys:
                raise NotFound(
                    f"Expected to find subscription for message with name '{name}' and "
                    f"correlation key '{correlation_key}', but none was found."
                )
            return CorrelatedMessage(message.message_key, tenant, keys[0])

        return self._run(command)

    def broadcast_signal(
        self, *, name: str, variables: Mapping[str, Any] | None = None, tenant_id: str | None = None
    ) -> str:
        """Broadcast a signal; returns the signal key."""
        values = _encode(variables)

        def command(rt: Runtime) -> str:
            signals.broadcast(rt, tenant_id or DEFAULT_TENANT, name, values)
            return rt.keys.next()

        return self._run(command)

    def evaluate_decision(
        self,
        *,
        decision_definition_id: str | None = None,
        decision_definition_key: str | None = None,
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> DecisionEvaluation:
        """Evaluate a decision (latest version by id, or by key)."""
        context = {name: scope_variables.decode(text) for name, text in _encode(variables).items()}
        return self._run(
            lambda rt: decisions.evaluate_command(
                rt,
                decision_definition_id=decision_definition_id,
                decision_definition_key=decision_definition_key,
                context=context,
                tenant_id=tenant_id or DEFAULT_TENANT,
            )
        )


def _deadline(timeout_ms: int) -> float:
    return time.monotonic() + timeout_ms / 1000
