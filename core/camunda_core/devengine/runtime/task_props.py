"""The properties of a Camunda user task: evaluated at activation, changed by commands and
corrected by task listeners, always in one internal form.

Attribute names are the REST ones: ``assignee`` (str | None), ``candidateGroups`` and
``candidateUsers`` (list of str), ``dueDate`` and ``followUpDate`` (epoch ms | None),
``priority`` (0..100).
"""

from __future__ import annotations

import operator
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import BindingType, UserTask
from camunda_core.devengine.contract import InvalidArgument
from camunda_core.devengine.records import UserTaskRecord
from camunda_core.devengine.runtime.expressions import (
    evaluate,
    evaluate_date_ms,
    evaluate_int,
    evaluate_string,
    evaluate_string_list,
    feel_type,
    parse_date_ms,
)
from camunda_core.devengine.runtime.names import EXTRACT_VALUE_ERROR, FORM_NOT_FOUND
from camunda_core.devengine.runtime.state import StepFailure

if TYPE_CHECKING:
    from collections.abc import Mapping

    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = [
    "ATTRIBUTES",
    "apply",
    "copy_task",
    "current",
    "evaluate_properties",
    "normalize",
]

ATTRIBUTES = (
    "assignee",
    "candidateGroups",
    "candidateUsers",
    "dueDate",
    "followUpDate",
    "priority",
)
_FIELDS = {
    "assignee": "assignee",
    "candidateGroups": "candidate_groups",
    "candidateUsers": "candidate_users",
    "dueDate": "due_date",
    "followUpDate": "follow_up_date",
    "priority": "priority",
}
_TASK_FIELDS = operator.attrgetter(*(field.name for field in fields(UserTaskRecord)))
DEFAULT_PRIORITY = 50


def copy_task(task: UserTaskRecord) -> UserTaskRecord:
    """A snapshot of a user task record."""
    copy = UserTaskRecord(*_TASK_FIELDS(task))
    copy.candidate_groups = list(task.candidate_groups)
    copy.candidate_users = list(task.candidate_users)
    copy.custom_headers = dict(task.custom_headers)
    return copy


def current(task: UserTaskRecord) -> dict[str, Any]:
    """The task's attributes in the internal form."""
    return {name: getattr(task, attribute) for name, attribute in _FIELDS.items()}


def apply(task: UserTaskRecord, changes: Mapping[str, Any]) -> None:
    """Write changed attributes into the record."""
    for name, value in changes.items():
        attribute = _FIELDS.get(name)
        if attribute is not None:
            setattr(task, attribute, list(value) if isinstance(value, list) else value)


def normalize(name: str, raw: Any) -> Any:
    """An attribute value from a command or a correction (``""``/``[]`` clear it)."""
    if name == "assignee":
        if not isinstance(raw, str):
            raise InvalidArgument(f"'assignee' must be a string, got {raw!r}")
        return raw or None
    if name in ("candidateGroups", "candidateUsers"):
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            raise InvalidArgument(f"'{name}' must be a list of strings, got {raw!r}")
        return list(raw)
    if name in ("dueDate", "followUpDate"):
        if not isinstance(raw, str):
            raise InvalidArgument(f"'{name}' must be an ISO 8601 date-time, got {raw!r}")
        if not raw:
            return None
        moment = parse_date_ms(raw)
        if moment is None:
            raise InvalidArgument(f"'{name}' must be an ISO 8601 date-time, got {raw!r}")
        return moment
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= 100:
        raise InvalidArgument(f"'priority' must be an integer from 0 to 100, got {raw!r}")
    return raw


def normalize_all(values: Mapping[str, Any] | None) -> dict[str, Any]:
    """A changeset or corrections: known attributes that are not null, normalized."""
    result: dict[str, Any] = {}
    for name in ATTRIBUTES:
        if values and values.get(name) is not None:
            result[name] = normalize(name, values[name])
    return result


def _form(rt: Runtime, run: Run, node: UserTask) -> tuple[str | None, str | None]:
    """(form key, external form reference) of the task's linked form."""
    form = node.form
    if form is None:
        return None, None
    if form.external_reference is not None:
        return None, evaluate_string(rt, form.external_reference, run, EXTRACT_VALUE_ERROR)
    if form.form_id is None:
        return None, None
    form_id = evaluate_string(rt, form.form_id, run, EXTRACT_VALUE_ERROR)
    tenant = run.inst.record.tenant_id
    versions = rt.store.form_versions.get((tenant, form_id), [])
    if form.binding_type is BindingType.DEPLOYMENT:
        deployment = run.inst.definition.deployment_key
        versions = [record for record in versions if record.deployment_key == deployment]
    if not versions:
        raise StepFailure(
            FORM_NOT_FOUND,
            f"Expected to find a form with id '{form_id}', but no form with this id is found, "
            "at least a form with this id should be available. To resolve the Incident please "
            "deploy a form with the same id",
        )
    return versions[-1].form_key, None


def _assignment(rt: Runtime, run: Run, node: UserTask, props: dict[str, Any]) -> None:
    assignment = node.assignment
    if assignment is None:
        return
    if assignment.assignee is not None:
        assignee = evaluate(rt, assignment.assignee, run, EXTRACT_VALUE_ERROR)
        if assignee is not None and not isinstance(assignee, str):
            raise StepFailure(
                EXTRACT_VALUE_ERROR,
                f"Expected result of the expression '{assignment.assignee.source}' to be "
                f"'STRING', but was '{feel_type(assignee)}'.",
            )
        props["assignee"] = assignee or None
    for name, expression in (
        ("candidateGroups", assignment.candidate_groups),
        ("candidateUsers", assignment.candidate_users),
    ):
        if expression is not None:
            props[name] = evaluate_string_list(rt, expression, run, EXTRACT_VALUE_ERROR)


def _schedule(rt: Runtime, run: Run, node: UserTask, props: dict[str, Any]) -> None:
    schedule = node.schedule
    if schedule is None:
        return
    for name, expression in (
        ("dueDate", schedule.due_date),
        ("followUpDate", schedule.follow_up_date),
    ):
        if expression is not None:
            props[name] = evaluate_date_ms(rt, expression, run, EXTRACT_VALUE_ERROR)


def evaluate_properties(rt: Runtime, run: Run, node: UserTask) -> dict[str, Any]:
    """Evaluate assignment, schedule, priority and form of a user task being activated."""
    props: dict[str, Any] = {
        "assignee": None,
        "candidateGroups": [],
        "candidateUsers": [],
        "dueDate": None,
        "followUpDate": None,
        "priority": DEFAULT_PRIORITY,
    }
    _assignment(rt, run, node, props)
    _schedule(rt, run, node, props)
    if node.priority is not None:
        priority = evaluate_int(rt, node.priority, run, EXTRACT_VALUE_ERROR)
        if not 0 <= priority <= 100:
            raise StepFailure(
                EXTRACT_VALUE_ERROR,
                f"Expected priority to be in the range [0,100], but was '{priority}'.",
            )
        props["priority"] = priority
    props["formKey"], props["externalFormReference"] = _form(rt, run, node)
    return props
