"""BPMN errors and escalations: find the catching event up the scope hierarchy, then catch.

Starting at the element that threw, each level is searched for a matching catch: the
boundary events of the activity (not for the inner instances of a multi-instance activity,
whose boundaries belong to the body), then the event sub-processes of the scope the element
runs in, and so on outwards; a called process continues at its call activity. A catch event
with the exact code wins over a catch-all one at the same level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.devengine.bpmn import (
    BoundaryEvent,
    ErrorDefinition,
    EscalationDefinition,
    FlowNode,
    StartEvent,
    SubProcess,
)
from camunda_core.devengine.runtime import events, lifecycle, variables

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["find_catch", "throw_error", "throw_escalation", "unhandled_message"]

Values = dict[str, str]


def unhandled_message(code: str, message: str | None) -> str:
    """Zeebe's incident message for a BPMN error that nothing caught."""
    described = f" with message '{message}'" if message else ""
    return (
        f"Expected to throw an error event with the code '{code}'{described}, but it was not "
        "caught. No error events are available in the scope."
    )


def _code_of(node: FlowNode, kind: type) -> tuple[bool, str | None]:
    """(is a catch of this kind, its static code or None for catch-all)."""
    definition = getattr(node, "definition", None)
    if not isinstance(definition, kind):
        return False, None
    if isinstance(definition, ErrorDefinition):
        code = definition.error_code
    elif isinstance(definition, EscalationDefinition):
        code = definition.escalation_code
    else:
        return False, None
    return True, None if code is None else code.source


def _best(candidates: list[FlowNode], kind: type, code: str) -> FlowNode | None:
    catch_all: FlowNode | None = None
    for node in candidates:
        matches, catch_code = _code_of(node, kind)
        if not matches:
            continue
        if catch_code == code:
            return node
        if catch_code is None and catch_all is None:
            catch_all = node
    return catch_all


def _is_inner(run: Run) -> bool:
    parent = run.parent
    return (
        parent is not None
        and parent.node is run.node
        and parent.record is not None
        and (parent.record.type == "MULTI_INSTANCE_BODY")
    )


def _scope_catch(run: Run, kind: type, code: str) -> FlowNode | None:
    """A matching event sub-process start inside the scope ``run`` (process or sub-process)."""
    model = run.inst.definition.model
    node = run.node
    if node is not None and not isinstance(node, SubProcess):
        return None
    scope_id = model.process_id if node is None else node.id
    starts = [model.elements[esp.start_event_id] for esp in model.event_subprocesses(scope_id)]
    return _best(starts, kind, code)


def _boundary_catch(run: Run, kind: type, code: str) -> FlowNode | None:
    node = run.node
    if node is None or _is_inner(run) or not getattr(node, "boundary_event_ids", ()):
        return None
    boundaries = list(run.inst.definition.model.boundary_events(node.id))
    return _best(boundaries, kind, code)


def find_catch(rt: Runtime, thrower: Run, kind: type, code: str) -> tuple[Run, FlowNode] | None:
    """The run that catches (owner) and the catching event, or None."""
    run: Run | None = thrower
    while run is not None:
        if run is not thrower:
            found = _scope_catch(run, kind, code)
            if found is not None:
                return run, found
        boundary = _boundary_catch(run, kind, code)
        if boundary is not None:
            return run, boundary
        if run.parent is None:
            caller_key = run.inst.caller_key
            run = rt.runs.get(caller_key) if caller_key is not None else None
        else:
            run = run.parent
    return None


def _catch(rt: Runtime, owner: Run, catch: FlowNode, values: Values, local: Values) -> None:
    data = events.triggered(values, local)
    if isinstance(catch, BoundaryEvent):
        if catch.cancel_activity:
            lifecycle.terminate(rt, owner, after=("enter", catch.id, data))
        elif owner.parent is not None:
            lifecycle.enter(rt, owner.parent, catch, data)
        return
    assert isinstance(catch, StartEvent)
    events.trigger(rt, owner, catch, values, local)


def throw_error(rt: Runtime, thrower: Run, code: str, message: str | None, values: Values) -> bool:
    """Throw a BPMN error from ``thrower``; False when nothing catches it."""
    found = find_catch(rt, thrower, ErrorDefinition, code)
    if found is None:
        return False
    owner, catch = found
    local = {"errorCode": variables.encode(code)}
    if message is not None:
        local["errorMessage"] = variables.encode(message)
    _catch(rt, owner, catch, values, local)
    return True


def throw_escalation(rt: Runtime, thrower: Run, code: str) -> bool:
    """Throw an escalation; True when it was caught (uncaught escalations are ignored)."""
    found = find_catch(rt, thrower, EscalationDefinition, code)
    if found is None:
        return False
    owner, catch = found
    _catch(rt, owner, catch, {}, {"escalationCode": variables.encode(code)})
    return True
