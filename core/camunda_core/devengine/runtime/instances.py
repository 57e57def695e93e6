"""Process instances: create (with start instructions, business id), complete, terminate,
called instances of call activities, and awaited completions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from camunda_core.devengine.bpmn import FlowNode, SubProcess
from camunda_core.devengine.contract import InvalidArgument, InvalidState, NotFound
from camunda_core.devengine.records import ProcessDefinitionRecord, ProcessInstanceRecord
from camunda_core.devengine.runtime import events, lifecycle, messages, subprocesses, variables
from camunda_core.devengine.runtime.names import ACTIVE, COMPLETED, DEFAULT_TENANT, TERMINATED
from camunda_core.devengine.runtime.state import Instance, Owned, Run

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime

__all__ = [
    "cancel",
    "check_business_id",
    "check_start_instructions",
    "completed",
    "create",
    "find_definition",
    "start_before",
    "terminate_called",
    "terminated",
]


def _record(
    rt: Runtime,
    definition: ProcessDefinitionRecord,
    caller: Run | None,
    tags: Sequence[str],
    business_id: str | None,
) -> ProcessInstanceRecord:
    key = rt.keys.next()
    caller_inst = caller.inst if caller is not None else None
    return ProcessInstanceRecord(
        key,
        definition.process_definition_key,
        definition.process_definition_id,
        definition.name,
        definition.version,
        definition.version_tag,
        rt.clock.now(),
        ACTIVE,
        definition.tenant_id,
        parent_process_instance_key=caller_inst.key if caller_inst is not None else None,
        parent_element_instance_key=caller.key if caller is not None else None,
        root_process_instance_key=(
            caller_inst.record.root_process_instance_key if caller_inst is not None else key
        ),
        tags=list(tags),
        business_id=business_id,
    )


def create(
    rt: Runtime,
    definition: ProcessDefinitionRecord,
    values: dict[str, str],
    *,
    start_element: str | None = None,
    start_values: dict[str, str] | None = None,
    start_instructions: Sequence[str] = (),
    tags: Sequence[str] = (),
    business_id: str | None = None,
    caller: Run | None = None,
) -> Instance:
    """Create a process instance and schedule its start (the caller runs the agenda)."""
    caller_inst = caller.inst if caller is not None else None
    record = _record(rt, definition, caller, tags, business_id)
    key = record.process_instance_key
    owned: Owned = caller_inst.owned if caller_inst is not None else []
    store = rt.store
    store.process_instances[key] = record
    owned.append((store.process_instances, key))
    inst = Instance(record, definition, owned, caller.key if caller is not None else None)
    root = Run(key, None, inst, None, None)
    inst.root = root
    rt.runs[key] = root
    rt.instances[key] = inst
    if business_id is not None and caller is None:
        rt.business_ids[(record.tenant_id, record.process_definition_id, business_id)] = key
    if values:
        variables.set_all_local(rt, root, values)
    if start_instructions:
        root.data = ("instructions", tuple(start_instructions))
    elif start_element is not None:
        root.data = ("start", start_element, events.triggered(start_values))
    rt.push(lifecycle.activate, root)
    return inst


def check_start_instructions(
    rt: Runtime, definition: ProcessDefinitionRecord, element_ids: Sequence[str]
) -> None:
    """Refuse start instructions for elements that do not exist or cannot be started, and a
    plain creation of a process without a none start event."""
    model = definition.model
    if not element_ids and rt.none_start(definition) is None:
        raise InvalidArgument(
            f"Expected to create instance of process with none start event, but there is no "
            f"such event in process '{definition.process_definition_id}'"
        )
    for element_id in element_ids:
        node = model.elements.get(element_id)
        if node is None:
            raise InvalidArgument(
                f"Expected to create instance of process with start instructions but no element "
                f"found with id '{element_id}'."
            )
        for scope in _ancestors(definition, node):
            if scope.triggered_by_event or scope.multi_instance is not None:
                raise InvalidArgument(
                    f"Expected to create instance of process with start instructions but the "
                    f"element with id '{element_id}' is inside an event sub-process or a "
                    "multi-instance sub-process."
                )


def _ancestors(definition: ProcessDefinitionRecord, node: FlowNode) -> list[SubProcess]:
    """The sub-processes around ``node``, outermost first."""
    model = definition.model
    chain: list[SubProcess] = []
    scope_id = node.scope_id
    while scope_id != model.process_id:
        scope = model.elements[scope_id]
        assert isinstance(scope, SubProcess)
        chain.append(scope)
        scope_id = scope.scope_id
    return list(reversed(chain))


def start_before(rt: Runtime, root: Run, element_id: str) -> None:
    """Start at an element, creating the sub-process instances around it."""
    definition = root.inst.definition
    node = definition.model.elements[element_id]
    scope = root
    for sub_process in _ancestors(definition, node):
        existing = next(
            (child for child in (scope.children or {}).values() if child.node is sub_process),
            None,
        )
        if existing is None:
            existing = lifecycle.create_run(rt, scope, sub_process)
            existing.stage = 2
            subprocesses.open_scope(rt, existing)
        scope = existing
    lifecycle.enter(rt, scope, node)


def _finish(rt: Runtime, inst: Instance, state: str) -> None:
    record = inst.record
    record.state = state
    record.end_date = rt.clock.now()
    rt.instances.pop(inst.key, None)
    rt.runs.pop(inst.key, None)
    inst.root = None  # no reference cycle left: the runs are freed without the cyclic GC
    if record.business_id is not None:
        rt.business_ids.pop(
            (record.tenant_id, record.process_definition_id, record.business_id), None
        )
    if inst.start_message is not None:
        messages.release_start(
            rt, record.tenant_id, record.process_definition_id, inst.start_message[1]
        )


def completed(rt: Runtime, inst: Instance) -> None:
    """The instance completed: answer awaiting callers, return to the caller, compact."""
    _finish(rt, inst, COMPLETED)
    if inst.caller_key is not None:
        caller = rt.runs.get(inst.caller_key)
        if caller is not None:
            subprocesses.called_completed(rt, caller, inst)
        return
    waiting = rt.awaiting.pop(inst.key, None)
    if waiting:
        scope = rt.store.scope_vars.get(inst.key, {})
        for future, fetch, task in waiting:
            rt.request_timeouts.cancel(task)
            values = {
                name: variables.decode(record.value)
                for name, record in scope.items()
                if not fetch or name in fetch
            }
            rt.resolve(future, values)
    rt.history.finished(inst.owned)


def terminated(rt: Runtime, inst: Instance) -> None:
    """The instance was terminated."""
    _finish(rt, inst, TERMINATED)
    if inst.caller_key is not None:
        caller = rt.runs.get(inst.caller_key)
        if caller is not None:
            lifecycle.async_done(rt, caller)
        return
    rt.history.finished(inst.owned)


def cancel(rt: Runtime, process_instance_key: str) -> None:
    """The cancel command: terminate a root instance and everything in it."""
    inst = rt.instances.get(process_instance_key)
    if inst is None or inst.root is None:
        raise NotFound(
            f"Expected to cancel a process instance with key '{process_instance_key}', but no "
            "such process was found"
        )
    if inst.caller_key is not None:
        raise InvalidArgument(
            f"Expected to cancel a process instance with key '{process_instance_key}', but it "
            "is created by a parent process instance. Cancel the root process instance "
            f"'{inst.record.root_process_instance_key}' instead."
        )
    lifecycle.terminate(rt, inst.root)


def terminate_called(rt: Runtime, caller: Run, child_key: str) -> None:
    """A call activity ends early: its called instance is terminated first."""
    child = rt.instances.get(child_key)
    if child is None or child.root is None:
        return
    caller.waits += 1
    lifecycle.terminate(rt, child.root)


def check_business_id(rt: Runtime, definition: ProcessDefinitionRecord, business_id: str) -> None:
    """409 while an active root instance of the process has the same business id."""
    index = (definition.tenant_id, definition.process_definition_id, business_id)
    if index in rt.business_ids:
        raise InvalidState(
            f"Expected to create an instance of process '{definition.process_definition_id}' "
            f"with business id '{business_id}', but the active instance "
            f"'{rt.business_ids[index]}' already has it"
        )


def find_definition(
    rt: Runtime, process_id: str | None, version: int, key: str | None, tenant_id: str | None
) -> ProcessDefinitionRecord:
    """The definition to create an instance of: by key, or by id and version (-1 = latest)."""
    if (process_id is None) == (key is None):
        raise InvalidArgument("give exactly one of processDefinitionId or processDefinitionKey")
    store = rt.store
    if key is not None:
        record = store.process_definitions.get(key)
        if (
            record is None
            or record.state != "ACTIVE"
            or (tenant_id is not None and record.tenant_id != tenant_id)
        ):
            raise NotFound(f"Expected to find process definition with key '{key}', but none found")
        return record
    assert process_id is not None
    tenant = tenant_id or DEFAULT_TENANT
    if version < 0:
        found = store.latest_process(tenant, process_id)
        described = "latest version"
    else:
        found = store.process_version(tenant, process_id, version)
        described = f"version '{version}'"
    if found is None:
        raise NotFound(
            f"Expected to find process definition with process ID '{process_id}' and "
            f"{described}, but none found"
        )
    return found
