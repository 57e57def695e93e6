"""Embedded sub-processes, event sub-processes and call activities.

A sub-process instance is a flow scope: it opens its event sub-process subscriptions, enters
its start event and completes when nothing runs in it any more. An event sub-process is
entered with the event that triggered its start event. A call activity starts an instance of
another process (the latest version, the one of the same deployment, or a version tag) with
the parent's variables, and completes with the child's variables when the child completes.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import BindingType, CallActivity, SubProcess
from camunda_core.devengine.records import ProcessDefinitionRecord
from camunda_core.devengine.runtime import events, instances, lifecycle, variables
from camunda_core.devengine.runtime.behaviour_base import Behaviour
from camunda_core.devengine.runtime.expressions import evaluate_string
from camunda_core.devengine.runtime.names import CALLED_ELEMENT_ERROR, EXTRACT_VALUE_ERROR
from camunda_core.devengine.runtime.state import ACTIVE, StepFailure

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Instance, Run

__all__ = ["CALL_ACTIVITY", "SUB_PROCESS", "called_completed", "open_scope"]


def open_scope(rt: Runtime, run: Run) -> None:
    """Make a sub-process run an active scope: boundaries and event sub-processes open."""
    node = run.node
    assert node is not None
    run.phase = ACTIVE
    events.open_boundaries(rt, run)
    events.open_event_subprocesses(rt, run, node.id)


class _SubProcess(Behaviour):
    """Embedded or event sub-process."""

    def activate(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert isinstance(node, SubProcess)
        data, run.data = run.data, None
        open_scope(rt, run)
        start = run.inst.definition.model.elements[node.start_event_id]
        trigger: Any = None
        if isinstance(data, tuple) and data and data[0] == "esp":
            trigger = data[2]
        lifecycle.enter(rt, run, start, trigger)


def _called_definition(
    rt: Runtime, run: Run, node: CallActivity, process_id: str
) -> ProcessDefinitionRecord | None:
    called = node.called_element
    tenant = run.inst.record.tenant_id
    if called.binding_type is BindingType.DEPLOYMENT:
        deployment = run.inst.definition.deployment_key
        for record in reversed(rt.store.process_versions.get((tenant, process_id), [])):
            if record.deployment_key == deployment and record.state == "ACTIVE":
                return record
        return None
    if called.binding_type is BindingType.VERSION_TAG and called.version_tag:
        return rt.store.process_by_tag(tenant, process_id, called.version_tag)
    return rt.store.latest_process(tenant, process_id)


class _CallActivity(Behaviour):
    """Start the called process and wait for it."""

    def activate(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert isinstance(node, CallActivity)
        process_id = evaluate_string(rt, node.called_element.process_id, run, EXTRACT_VALUE_ERROR)
        definition = _called_definition(rt, run, node, process_id)
        if definition is None:
            raise StepFailure(
                CALLED_ELEMENT_ERROR,
                f"Expected process with BPMN process id '{process_id}' to be deployed, but "
                "not found.",
            )
        if rt.none_start(definition) is None:
            raise StepFailure(
                CALLED_ELEMENT_ERROR,
                f"Expected process with BPMN process id '{process_id}' to have a none start "
                "event, but not found.",
            )
        if node.called_element.propagate_all_parent_variables:
            values = {record.name: record.value for record in reversed(_visible(rt, run))}
        else:
            values = {
                name: record.value for name, record in rt.store.scope_vars.get(run.key, {}).items()
            }
        events.open_boundaries(rt, run)
        child = instances.create(rt, definition, values, caller=run)
        run.add_handle("child", child.key)


def _visible(rt: Runtime, run: Run) -> list[Any]:
    return variables.visible_records(rt, run.key)


def called_completed(rt: Runtime, run: Run, child: Instance) -> None:
    """The called instance completed: take its variables back and complete the activity."""
    node = run.node
    assert isinstance(node, CallActivity)
    if run.handles:
        with contextlib.suppress(ValueError):
            run.handles.remove(("child", child.key))
    values = {name: record.value for name, record in rt.store.scope_vars.get(child.key, {}).items()}
    if node.output_mappings:
        variables.set_all_local(rt, run, values)
    elif node.called_element.propagate_all_child_variables:
        variables.propagate(rt, run, values)
    lifecycle.complete(rt, run)


SUB_PROCESS = _SubProcess()
CALL_ACTIVITY = _CallActivity()
