"""Assertions on process instances and user tasks, in the style of Camunda Process Test.

Each assertion waits (up to ``timeout`` seconds) for the state it expects, because work
happens asynchronously (workers, timers) and reads are eventually consistent on a real
cluster; a failure says what was seen instead::

    assert_process_instance(camunda_client, key).is_completed().has_passed("charge", "ship")
    assert_user_task(camunda_client, element_id="approve").is_assigned_to("demo")
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from camunda_core.client import CamundaClient
from camunda_core.errors import NotFoundError
from camunda_core.models.user_tasks import UserTask
from camunda_core.testing._waiting import DEFAULT_TIMEOUT, wait_for

__all__ = ["ProcessInstanceAssert", "UserTaskAssert", "assert_process_instance", "assert_user_task"]


def assert_process_instance(
    client: CamundaClient, process_instance_key: str, *, timeout: float = DEFAULT_TIMEOUT
) -> ProcessInstanceAssert:
    """Assertions on one process instance."""
    return ProcessInstanceAssert(client, process_instance_key, timeout)


def assert_user_task(
    client: CamundaClient,
    *,
    element_id: str | None = None,
    process_instance_key: str | None = None,
    user_task_key: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> UserTaskAssert:
    """Assertions on the (most recent) user task matching the given element/instance/key."""
    criteria = {
        "elementId": element_id,
        "processInstanceKey": process_instance_key,
        "userTaskKey": user_task_key,
    }
    return UserTaskAssert(client, {k: v for k, v in criteria.items() if v is not None}, timeout)


class ProcessInstanceAssert:
    """Chainable, waiting assertions on a process instance."""

    def __init__(self, client: CamundaClient, key: str, timeout: float) -> None:
        self.client = client
        self.key = key
        self.timeout = timeout

    # --- state ----------------------------------------------------------------------------------
    def is_active(self) -> ProcessInstanceAssert:
        """The instance is running."""
        return self._state("ACTIVE")

    def is_completed(self) -> ProcessInstanceAssert:
        """The instance reached an end event."""
        return self._state("COMPLETED")

    def is_terminated(self) -> ProcessInstanceAssert:
        """The instance was cancelled or terminated."""
        return self._state("TERMINATED")

    def _state(self, expected: str) -> ProcessInstanceAssert:
        def check() -> tuple[bool, str]:
            state = self._current_state()
            return state == expected, f"it is {state}{self._waiting_at_text()}"

        wait_for(f"process instance {self.key} to be {expected}", check, self.timeout)
        return self

    # --- elements ------------------------------------------------------------------------------
    def has_passed(self, *element_ids: str) -> ProcessInstanceAssert:
        """Every element completed at least once."""

        def check() -> tuple[bool, str]:
            passed = self._elements("COMPLETED")
            missing = [e for e in element_ids if e not in passed]
            return (
                not missing,
                f"{', '.join(missing)} did not complete (completed: {sorted(passed)})",
            )

        wait_for(
            f"process instance {self.key} to pass {', '.join(element_ids)}", check, self.timeout
        )
        return self

    def has_not_passed(self, *element_ids: str) -> ProcessInstanceAssert:
        """No element completed (checked now, without waiting)."""
        passed = [e for e in element_ids if e in self._elements("COMPLETED")]
        if passed:
            raise AssertionError(
                f"expected process instance {self.key} not to pass {', '.join(passed)}"
            )
        return self

    def is_waiting_at(self, *element_ids: str) -> ProcessInstanceAssert:
        """Every element is active (a task, a catch event, ...)."""

        def check() -> tuple[bool, str]:
            active = self._elements("ACTIVE")
            missing = [e for e in element_ids if e not in active]
            return not missing, f"it is not at {', '.join(missing)} (active: {sorted(active)})"

        wait_for(
            f"process instance {self.key} to wait at {', '.join(element_ids)}", check, self.timeout
        )
        return self

    # --- variables and incidents -------------------------------------------------------------
    def has_variables(self, expected: Mapping[str, Any]) -> ProcessInstanceAssert:
        """The instance's process-level variables include these values."""

        def check() -> tuple[bool, str]:
            actual = self.variables()
            wrong = {
                k: actual.get(k, "<missing>")
                for k, v in expected.items()
                if actual.get(k, _MISSING) != v
            }
            return not wrong, f"the variables differ: {wrong}"

        wait_for(f"process instance {self.key} to have {dict(expected)}", check, self.timeout)
        return self

    def has_variable(self, name: str, value: Any) -> ProcessInstanceAssert:
        """One process-level variable has this value."""
        return self.has_variables({name: value})

    def has_active_incident(self, error_type: str | None = None) -> ProcessInstanceAssert:
        """An active incident (of ``error_type``, if given) exists."""

        def check() -> tuple[bool, str]:
            incidents = self._incidents()
            types = [i.error_type for i in incidents]
            found = bool(incidents) if error_type is None else error_type in types
            return found, f"its active incidents are {types or 'none'}"

        wait_for(
            f"process instance {self.key} to have an incident {error_type or ''}".rstrip(),
            check,
            self.timeout,
        )
        return self

    def has_no_incidents(self) -> ProcessInstanceAssert:
        """No active incident (checked now)."""
        incidents = self._incidents()
        if incidents:
            found = [f"{i.error_type} at {i.element_id}: {i.error_message}" for i in incidents]
            raise AssertionError(
                f"expected no incidents on process instance {self.key}, found {found}"
            )
        return self

    def variables(self) -> dict[str, Any]:
        """The process-level variables, parsed."""
        found = self.client.iter_variables(
            {"processInstanceKey": self.key, "scopeKey": self.key}, truncate_values=False
        )
        return {v.name: json.loads(v.value) for v in found}

    # --- reads ---------------------------------------------------------------------------------
    def _current_state(self) -> str:
        try:
            return str(self.client.get_process_instance(self.key).state)
        except NotFoundError:
            return "not found (yet)"

    def _elements(self, state: str) -> set[str]:
        found = self.client.iter_element_instances({"processInstanceKey": self.key, "state": state})
        return {element.element_id for element in found}

    def _waiting_at_text(self) -> str:
        active = sorted(self._elements("ACTIVE"))
        return f", waiting at {active}" if active else ""

    def _incidents(self) -> list[Any]:
        return list(self.client.iter_incidents({"processInstanceKey": self.key, "state": "ACTIVE"}))


class UserTaskAssert:
    """Chainable, waiting assertions on a user task."""

    def __init__(self, client: CamundaClient, criteria: dict[str, str], timeout: float) -> None:
        if not criteria:
            raise ValueError(
                "name the user task: element_id, process_instance_key or user_task_key"
            )
        self.client = client
        self.criteria = criteria
        self.timeout = timeout

    def task(self) -> UserTask | None:
        """The most recent matching task, if any."""
        page = self.client.search_user_tasks(self.criteria, sort="-creationDate", page={"limit": 1})
        return page.items[0] if page.items else None

    def _expect(self, expectation: str, met: Any) -> UserTaskAssert:
        def check() -> tuple[bool, str]:
            task = self.task()
            if task is None:
                return False, "no such user task exists"
            seen = f"it is {task.state}, assignee {task.assignee!r}, candidate groups {task.candidate_groups}"
            return bool(met(task)), seen

        wait_for(f"the user task {self.criteria} {expectation}", check, self.timeout)
        return self

    def exists(self) -> UserTaskAssert:
        """The task was created."""
        return self._expect("to exist", lambda task: True)

    def is_created(self) -> UserTaskAssert:
        """The task is open (CREATED)."""
        return self._expect("to be CREATED", lambda task: task.state == "CREATED")

    def is_completed(self) -> UserTaskAssert:
        """The task was completed."""
        return self._expect("to be COMPLETED", lambda task: task.state == "COMPLETED")

    def is_assigned_to(self, assignee: str) -> UserTaskAssert:
        """The task's assignee is ``assignee``."""
        return self._expect(
            f"to be assigned to {assignee!r}", lambda task: task.assignee == assignee
        )

    def is_unassigned(self) -> UserTaskAssert:
        """The task has no assignee."""
        return self._expect("to be unassigned", lambda task: not task.assignee)

    def has_candidate_groups(self, *groups: str) -> UserTaskAssert:
        """The task offers itself to these groups."""
        return self._expect(
            f"to have candidate groups {list(groups)}",
            lambda task: set(groups) <= set(task.candidate_groups),
        )


_MISSING = object()
