"""Readers for the Zeebe extension elements of specific activities.

User tasks (assignment, schedule, priority, form, task listeners), script tasks, business rule
tasks, call activities and multi-instance loop characteristics.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime

from camunda_core.devengine.bpmn.context import Extensions, Owner
from camunda_core.devengine.bpmn.expression import Expression
from camunda_core.devengine.bpmn.extensions import read_binding, read_retries
from camunda_core.devengine.bpmn.parts import (
    AssignmentDefinition,
    CalledDecision,
    CalledElement,
    FormLink,
    MultiInstance,
    Script,
    TaskListener,
    TaskListenerEvent,
    TaskSchedule,
)
from camunda_core.devengine.bpmn.xmlload import bpmn

__all__ = [
    "parse_date_time",
    "read_assignment",
    "read_called_decision",
    "read_called_element",
    "read_form",
    "read_multi_instance",
    "read_priority",
    "read_schedule",
    "read_script",
    "read_task_listeners",
]

_PLACEHOLDER = Expression.static("")
_INTEGER = re.compile(r"-?\d+")
_ZONE_SUFFIX = re.compile(r"\[[^\]]+\]$")
_LEGACY_TASK_EVENTS = {
    "create": TaskListenerEvent.CREATING,
    "assignment": TaskListenerEvent.ASSIGNING,
    "update": TaskListenerEvent.UPDATING,
    "complete": TaskListenerEvent.COMPLETING,
    "cancel": TaskListenerEvent.CANCELING,
}


def parse_date_time(text: str) -> datetime | None:
    """An ISO 8601 date-time (``Z``, offsets and a ``[Zone/Id]`` suffix allowed), else None."""
    value = _ZONE_SUFFIX.sub("", text.strip())
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    if "T" not in value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def read_assignment(extensions: Extensions, owner: Owner) -> AssignmentDefinition | None:
    """``zeebe:assignmentDefinition``; static candidate lists must be comma-separated values."""
    element = extensions.single("assignmentDefinition", owner)
    if element is None:
        return None
    groups = owner.expression(element, "candidateGroups")
    users = owner.expression(element, "candidateUsers")
    for name, value in (("candidateGroups", groups), ("candidateUsers", users)):
        if value is not None and value.is_static and not value.static_list():
            owner.report(
                f"attribute '{name}' must be a list of comma-separated values, e.g. 'a,b,c'"
            )
    return AssignmentDefinition(
        assignee=owner.expression(element, "assignee"),
        candidate_groups=groups,
        candidate_users=users,
    )


def read_schedule(extensions: Extensions, owner: Owner) -> TaskSchedule | None:
    """``zeebe:taskSchedule``; static dates must be ISO 8601 date-times."""
    element = extensions.single("taskSchedule", owner)
    if element is None:
        return None
    dates = {name: owner.expression(element, name) for name in ("dueDate", "followUpDate")}
    for name, value in dates.items():
        if value is not None and value.is_static and parse_date_time(value.source) is None:
            owner.report(
                f"attribute '{name}' must be a valid date-time, e.g. '2023-03-02T15:35+02:00', "
                f"found '{value.source}'"
            )
    return TaskSchedule(due_date=dates["dueDate"], follow_up_date=dates["followUpDate"])


def read_priority(extensions: Extensions, owner: Owner) -> Expression | None:
    """``zeebe:priorityDefinition``; a static priority is a whole number from 0 to 100."""
    element = extensions.single("priorityDefinition", owner)
    if element is None:
        return None
    priority = owner.expression(element, "priority", required=True)
    if priority is not None and priority.is_static:
        text = priority.source.strip()
        if not _INTEGER.fullmatch(text) or not 0 <= int(text) <= 100:
            owner.report(
                f"attribute 'priority' must be a whole number between 0 and 100, found '{text}'"
            )
        return Expression.static(text)
    return priority


def read_form(extensions: Extensions, owner: Owner, *, camunda_user_task: bool) -> FormLink | None:
    """``zeebe:formDefinition``: formId or formKey (job-worker), formId or externalReference."""
    element = extensions.single("formDefinition", owner)
    if element is None:
        return None
    form_id = owner.expression(element, "formId")
    form_key = owner.text(element, "formKey")
    external = owner.expression(element, "externalReference")
    if camunda_user_task:
        _exactly_one(
            owner, {"formId": form_id, "externalReference": external}, " for Camunda user tasks"
        )
        if form_key is not None:
            owner.report(
                "attribute 'formKey' is not supported on Camunda user tasks (zeebe:userTask); use "
                "formId or externalReference"
            )
    else:
        _exactly_one(owner, {"formId": form_id, "formKey": form_key}, "")
        if external is not None:
            owner.report("attribute 'externalReference' needs a Camunda user task (zeebe:userTask)")
    binding, version_tag = read_binding(element, owner)
    return FormLink(form_id, form_key, external, binding, version_tag)


def _exactly_one(owner: Owner, values: dict[str, object], suffix: str) -> None:
    if sum(value is not None for value in values.values()) != 1:
        names = ", ".join(values)
        owner.report(
            f"zeebe:formDefinition: exactly one of the attributes '{names}' must be present and "
            f"not blank{suffix}"
        )


def read_task_listeners(extensions: Extensions, owner: Owner) -> tuple[TaskListener, ...]:
    """``zeebe:taskListeners``; legacy event names (``complete``...) are mapped to new ones."""
    container = extensions.single("taskListeners", owner)
    if container is None:
        return ()
    listeners = []
    for element in container:
        raw_event = owner.text(element, "eventType", required=True)
        job_type = owner.expression(element, "type", required=True)
        event = _task_event(raw_event, owner)
        if event is not None and job_type is not None:
            listeners.append(TaskListener(event, job_type, read_retries(element, owner)))
    return tuple(listeners)


def _task_event(raw: str | None, owner: Owner) -> TaskListenerEvent | None:
    if raw is None:
        return None
    if raw in _LEGACY_TASK_EVENTS:
        return _LEGACY_TASK_EVENTS[raw]
    try:
        return TaskListenerEvent(raw)
    except ValueError:
        allowed = ", ".join(event.value for event in TaskListenerEvent)
        owner.report(f"zeebe:taskListener: eventType must be one of {allowed}, found '{raw}'")
        return None


def read_called_decision(element: ET.Element, owner: Owner) -> CalledDecision:
    """``zeebe:calledDecision``: decisionId (may be FEEL) and resultVariable are required."""
    binding, version_tag = read_binding(element, owner)
    return CalledDecision(
        decision_id=owner.expression(element, "decisionId", required=True) or _PLACEHOLDER,
        result_variable=owner.text(element, "resultVariable", required=True) or "",
        binding_type=binding,
        version_tag=version_tag,
    )


def read_script(element: ET.Element, owner: Owner) -> Script:
    """``zeebe:script``: a FEEL expression and the variable its result goes to."""
    return Script(
        expression=owner.expression(element, "expression", required=True, feel_only=True)
        or _PLACEHOLDER,
        result_variable=owner.text(element, "resultVariable", required=True) or "",
    )


def read_called_element(extensions: Extensions, owner: Owner) -> CalledElement:
    """``zeebe:calledElement`` (exactly one): processId may be FEEL; propagation flags."""
    found = extensions.all("calledElement")
    if len(found) != 1:
        owner.report("Must have exactly one 'zeebe:calledElement' extension element")
        if not found:
            return CalledElement(process_id=_PLACEHOLDER)
    element = found[0]
    binding, version_tag = read_binding(element, owner)
    return CalledElement(
        process_id=owner.expression(element, "processId", required=True) or _PLACEHOLDER,
        propagate_all_child_variables=_flag(element, "propagateAllChildVariables"),
        propagate_all_parent_variables=_flag(element, "propagateAllParentVariables"),
        binding_type=binding,
        version_tag=version_tag,
    )


def _flag(element: ET.Element, attribute: str, default: bool = True) -> bool:
    raw = element.get(attribute)
    return default if raw is None else raw.strip().lower() == "true"


def read_multi_instance(loop: ET.Element, owner: Owner) -> MultiInstance:
    """``multiInstanceLoopCharacteristics`` with exactly one ``zeebe:loopCharacteristics``."""
    if loop.find(bpmn("loopCardinality")) is not None:
        owner.report(
            "loopCardinality is not supported by Zeebe: use zeebe:loopCharacteristics with an "
            "inputCollection (e.g. '=for i in 1..n return i')"
        )
    found = Extensions(loop).all("loopCharacteristics")
    if len(found) != 1:
        owner.report("Must have exactly one 'zeebe:loopCharacteristics' extension element")
    element = found[0] if found else ET.Element("missing")
    output_collection = owner.text(element, "outputCollection")
    output_element = owner.expression(element, "outputElement", feel_only=True)
    if (output_collection is None) != (output_element is None):
        owner.report("attributes 'outputCollection' and 'outputElement' must be set together")
    return MultiInstance(
        is_sequential=_flag(loop, "isSequential", default=False),
        input_collection=(
            owner.expression(element, "inputCollection", required=bool(found), feel_only=True)
            or _PLACEHOLDER
        ),
        input_element=owner.text(element, "inputElement"),
        output_collection=output_collection,
        output_element=output_element,
        completion_condition=_completion_condition(loop, owner),
    )


def _completion_condition(loop: ET.Element, owner: Owner) -> Expression | None:
    condition = loop.find(bpmn("completionCondition"))
    if condition is None or not (condition.text or "").strip():
        return None
    text = (condition.text or "").strip()
    value = owner.check_expression(text, "completionCondition")
    return value if value.is_feel else Expression.feel(text)
