"""Drive the dev engine runtime from tests: deploy, start, work jobs, read records.

Used by ``tests/devengine/runtime``; the engine runs in process on a pinned clock.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from camunda_core.devengine.contract import ActivatedJob
from camunda_core.devengine.records import (
    ElementInstanceRecord,
    IncidentRecord,
    JobRecord,
    ProcessInstanceRecord,
    UserTaskRecord,
)
from camunda_core.devengine.runtime import Engine

__all__ = ["HOUR", "MINUTE", "SECOND", "T0", "Harness"]

FIXTURES = Path(__file__).resolve().parents[1] / "devengine" / "runtime" / "fixtures"
T0 = 1_704_067_200_000  # 2024-01-01T00:00:00Z
SECOND = 1000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE


class Harness:
    """An engine plus the reads and drives the tests repeat."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # ------------------------------------------------------------------ set-up
    def deploy(self, *files: bytes | tuple[str, bytes], tenant_id: str | None = None) -> Any:
        resources = [
            item if isinstance(item, tuple) else (f"resource{index}.bpmn", item)
            for index, item in enumerate(files)
        ]
        return self.engine.deploy(resources, tenant_id)

    def fixture(self, name: str) -> tuple[str, bytes]:
        return name, (FIXTURES / name).read_bytes()

    def start(self, process_id: str, **variables: Any) -> str:
        created = self.engine.create_process_instance(
            process_definition_id=process_id, variables=variables
        )
        return created.instance.process_instance_key

    # ------------------------------------------------------------------ clock
    def advance(self, milliseconds: int) -> None:
        self.engine.pin_clock(self.engine.now() + milliseconds)

    # ------------------------------------------------------------------ jobs
    def activate(
        self, job_type: str, max_jobs: int = 100, timeout_ms: int = 5 * MINUTE, **options: Any
    ) -> list[ActivatedJob]:
        return self.engine.activate_jobs(
            job_type=job_type,
            worker="test",
            timeout_ms=timeout_ms,
            max_jobs=max_jobs,
            request_timeout_ms=-1,
            **options,
        ).result(timeout=5)

    def complete(self, job_type: str, variables: dict[str, Any] | None = None) -> int:
        """Activate and complete every job of a type; returns how many."""
        activated = self.activate(job_type)
        for job in activated:
            self.engine.complete_job(job.job.job_key, variables=variables)
        return len(activated)

    def job(self, job_type: str) -> JobRecord:
        """The one live job of a type."""
        with self.engine.reading():
            found = [
                job
                for job in self.engine.store.jobs.values()
                if job.type == job_type and job.lifecycle not in ("COMPLETED", "CANCELED")
            ]
        assert len(found) == 1, found
        return found[0]

    def job_state(self, job_key: str) -> str:
        with self.engine.reading():
            return self.engine.store.jobs[job_key].state

    # ------------------------------------------------------------------ reads
    def instance(self, key: str) -> ProcessInstanceRecord:
        with self.engine.reading():
            return self.engine.store.process_instances[key]

    def state(self, key: str) -> str:
        return self.instance(key).state

    def elements(self, key: str, state: str | None = None) -> list[ElementInstanceRecord]:
        with self.engine.reading():
            return [
                element
                for element in self.engine.store.element_instances.values()
                if element.process_instance_key == key and (state is None or element.state == state)
            ]

    def active(self, key: str) -> list[str]:
        """Element ids of the active element instances, in creation order."""
        return [element.element_id for element in self.elements(key, "ACTIVE")]

    def completed(self, key: str) -> list[str]:
        return [element.element_id for element in self.elements(key, "COMPLETED")]

    def variables(self, scope_key: str) -> dict[str, Any]:
        """The variables defined directly in a scope."""
        with self.engine.reading():
            scope = self.engine.store.scope_vars.get(scope_key, {})
            return {name: json.loads(record.value) for name, record in scope.items()}

    def incidents(self, key: str | None = None, state: str = "ACTIVE") -> list[IncidentRecord]:
        with self.engine.reading():
            return [
                incident
                for incident in self.engine.store.incidents.values()
                if (key is None or incident.process_instance_key == key) and incident.state == state
            ]

    def tasks(self, key: str | None = None) -> list[UserTaskRecord]:
        with self.engine.reading():
            return [
                task
                for task in self.engine.store.user_tasks.values()
                if key is None or task.process_instance_key == key
            ]

    def task(self, key: str | None = None) -> UserTaskRecord:
        found = [task for task in self.tasks(key) if task.state not in ("COMPLETED", "CANCELED")]
        assert len(found) == 1, found
        return found[0]

    def element_key(self, key: str, element_id: str) -> str:
        found = [e for e in self.elements(key, "ACTIVE") if e.element_id == element_id]
        assert len(found) == 1, found
        return found[0].element_instance_key
