"""The element lifecycle: enter, activate, complete, terminate, take sequence flows.

Every element instance goes through the same pipeline and only the behaviour step differs:

* activate: input mappings -> start execution listeners -> behaviour ``activate``;
* complete: output mappings -> end execution listeners -> finish (record COMPLETED, close
  subscriptions, behaviour ``leave``: usually take the outgoing flows) -> tell the flow scope;
* terminate: close subscriptions, terminate children, then (once nothing is pending) record
  TERMINATED and run the continuation (e.g. activate the interrupting boundary event).

A failing step raises StepFailure and becomes an incident whose resolution re-runs the step
(``run.stage`` remembers how far the pipeline got).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import (
    Activity,
    ExecutionListener,
    ExecutionListenerEvent,
    FlowNode,
    SequenceFlow,
)
from camunda_core.devengine.records import ElementInstanceRecord
from camunda_core.devengine.runtime import (
    behaviours,
    gateways,
    handles,
    incidents,
    listeners,
    mappings,
    multi_instance,
    root,
)
from camunda_core.devengine.runtime.names import (
    ACTIVE as ACTIVE_STATE,
)
from camunda_core.devengine.runtime.names import (
    COMPLETED,
    MULTI_INSTANCE_BODY,
    TERMINATED,
    element_type_name,
)
from camunda_core.devengine.runtime.state import (
    ACTIVATING,
    ACTIVE,
    COMPLETING,
    FINISHED,
    TERMINATING,
    MultiBody,
    Run,
    StepFailure,
)

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime

__all__ = [
    "activate",
    "check_scope_done",
    "complete",
    "create_run",
    "enter",
    "take_flow",
    "take_outgoing",
    "terminate",
]


def create_run(rt: Runtime, parent: Run, node: FlowNode, *, body: bool = False) -> Run:
    """A new ACTIVE element instance of ``node`` in ``parent`` (not yet activated)."""
    key = rt.keys.next()
    inst = parent.inst
    pi = inst.record
    record = ElementInstanceRecord(
        key,
        pi.process_instance_key,
        pi.process_definition_key,
        pi.process_definition_id,
        node.id,
        node.name,
        MULTI_INSTANCE_BODY if body else element_type_name(node),
        ACTIVE_STATE,
        rt.clock.now(),
        pi.tenant_id,
        parent.key,
        root_process_instance_key=pi.root_process_instance_key,
    )
    elements = rt.store.element_instances
    elements[key] = record
    inst.owned.append((elements, key))
    run = Run(key, node, inst, parent, record)
    parent.add_child(run)
    rt.runs[key] = run
    return run


def enter(rt: Runtime, parent: Run, node: FlowNode, data: Any = None) -> Run | None:
    """Start an element in a scope: create its run now, activate it from the agenda.

    A multi-instance activity enters as its multi-instance body. Nothing enters a scope that is
    being terminated.
    """
    if parent.phase >= TERMINATING:
        return None
    if isinstance(node, Activity) and node.multi_instance is not None:
        run = create_run(rt, parent, node, body=True)
        run.data = MultiBody()
        run.stage = 2  # the body has no mappings or listeners of its own
    else:
        run = create_run(rt, parent, node)
        run.data = data
    rt.agenda.append((activate, run))
    return run


# ---------------------------------------------------------------------- activation
def activate(rt: Runtime, run: Run) -> None:
    """Run (or resume) the activation pipeline of a run."""
    if run.phase >= TERMINATING:
        return
    run.retry = None
    try:
        if run.stage == 0:
            node = run.node
            if node is not None and node.input_mappings:
                mappings.apply_inputs(rt, run, node.input_mappings)
            run.stage = 1
        if run.stage == 1:
            if _run_listeners(rt, run, ExecutionListenerEvent.START):
                return
            run.stage = 2
        run.phase = ACTIVE
        if run.handles:  # a retried activation opens its subscriptions again
            handles.close_all(rt, run)
        behaviours.of(run).activate(rt, run)
    except StepFailure as failure:
        incidents.raise_for_run(rt, run, failure, "activate")


def _listeners(run: Run, event: ExecutionListenerEvent) -> list[ExecutionListener]:
    if isinstance(run.data, MultiBody):
        return []
    owner = run.node if run.node is not None else run.inst.definition.model
    return [listener for listener in owner.execution_listeners if listener.event_type is event]


def _run_listeners(rt: Runtime, run: Run, event: ExecutionListenerEvent) -> bool:
    """Create the next listener job of ``event``; True while one is pending."""
    owner = run.node if run.node is not None else run.inst.definition.model
    if not owner.execution_listeners:
        return False
    pending = _listeners(run, event)
    if run.lidx < len(pending):
        listeners.create_job(rt, run, pending[run.lidx], event)
        return True
    run.lidx = 0
    return False


def listener_completed(rt: Runtime, run: Run) -> None:
    """An execution listener job of the run completed: continue with the next step."""
    run.lidx += 1
    rt.agenda.append((complete if run.phase == COMPLETING else activate, run))


def listener_expression_failed(rt: Runtime, run: Run) -> None:
    """A listener's job type or retries failed to evaluate: Zeebe re-runs all of them."""
    run.lidx = 0


# ---------------------------------------------------------------------- completion
def complete(rt: Runtime, run: Run) -> None:
    """Run (or resume) the completion pipeline of a run."""
    if run.phase >= TERMINATING:
        return
    if run.phase != COMPLETING:
        run.phase = COMPLETING
        run.stage = 0
        run.lidx = 0
    run.retry = None
    try:
        if run.stage == 0:
            node = run.node
            if node is not None and not _is_body(run):
                if node.output_mappings:
                    mappings.apply_outputs(rt, run, node.output_mappings)
                parent = run.parent
                if parent is not None and parent.data.__class__ is MultiBody:
                    multi_instance.BEHAVIOUR.inner_completing(rt, run)
            run.stage = 1
        if run.stage == 1:
            if _run_listeners(rt, run, ExecutionListenerEvent.END):
                return
            run.stage = 2
    except StepFailure as failure:
        incidents.raise_for_run(rt, run, failure, "complete")
        return
    _finish(rt, run)


def _is_body(run: Run) -> bool:
    return isinstance(run.data, MultiBody)


def _finish(rt: Runtime, run: Run) -> None:
    if run.handles:
        handles.close_all(rt, run)
    run.phase = FINISHED
    record = run.record
    if record is not None:
        record.state = COMPLETED
        record.end_date = rt.clock.now()
    rt.runs.pop(run.key, None)
    parent = run.parent
    if parent is None or parent.data.__class__ is not MultiBody:
        behaviours.of(run).leave(rt, run)  # an inner instance returns to its body instead
    if parent is not None:
        if parent.children is not None:
            parent.children.pop(run.key, None)
        behaviours.of(parent).child_completed(rt, parent, run)


# ---------------------------------------------------------------------- flows
def take_outgoing(rt: Runtime, run: Run) -> None:
    """Take every outgoing sequence flow of a completed element (implicit parallel split)."""
    node = run.node
    parent = run.parent
    if node is None or parent is None:
        return
    model = run.inst.definition.model
    for flow in model.outgoing(node.id):
        take_flow(rt, parent, flow)


def take_flow(rt: Runtime, scope: Run, flow: SequenceFlow, data: Any = None) -> None:
    """Move a token along a flow: enter the target, or wait at a joining gateway."""
    if scope.phase >= TERMINATING:
        return
    model = scope.inst.definition.model
    target = model.elements[flow.target_id]
    if len(target.incoming) > 1 and behaviours.joins(target):
        gateways.JOINS.arrive(rt, scope, target, flow)
        return
    enter(rt, scope, target, data)


def check_scope_done(rt: Runtime, scope: Run) -> None:
    """Complete a flow scope that has no active children and no waiting tokens."""
    if scope.phase != ACTIVE:
        return
    if scope.joins:
        gateways.JOINS.recheck(rt, scope)
    if not scope.children and not scope.joins:
        if scope.after is not None:
            after, scope.after = scope.after, None
            behaviours.continue_after(rt, scope, after)
            return
        complete(rt, scope)


# ---------------------------------------------------------------------- termination
def terminate(rt: Runtime, run: Run, after: tuple[Any, ...] | None = None) -> None:
    """Terminate a run and everything in it; ``after`` runs once it is terminated."""
    if run.phase >= TERMINATING:
        return
    run.phase = TERMINATING
    run.after = after
    run.waits = 0
    incidents.resolve_for_run(rt, run)
    behaviours.of(run).terminate(rt, run)
    if run.handles:
        handles.close_all(rt, run)
    if run.children:
        for child in list(run.children.values()):
            terminate(rt, child)
    run.joins = None
    finish_termination(rt, run)


def interrupt_children(rt: Runtime, scope: Run, after: tuple[Any, ...] | None) -> None:
    """Terminate every child of a scope that stays active; ``after`` runs once they are gone."""
    scope.after = after
    scope.joins = None
    if scope.children:
        for child in list(scope.children.values()):
            terminate(rt, child)
    check_scope_done(rt, scope)


def finish_termination(rt: Runtime, run: Run) -> None:
    """Mark a terminating run TERMINATED once no child and no asynchronous work is left."""
    if run.phase != TERMINATING or run.children or run.waits > 0:
        return
    run.phase = FINISHED
    record = run.record
    if record is not None:
        record.state = TERMINATED
        record.end_date = rt.clock.now()
    rt.runs.pop(run.key, None)
    after, run.after = run.after, None
    parent = run.parent
    if after is not None and parent is not None:
        behaviours.continue_after(rt, parent, after)
    if parent is None:
        root.BEHAVIOUR.terminated(rt, run)
        return
    if parent.children is not None:
        parent.children.pop(run.key, None)
    if parent.phase == TERMINATING:
        finish_termination(rt, parent)
    else:
        behaviours.of(parent).child_terminated(rt, parent, run)


def async_done(rt: Runtime, run: Run) -> None:
    """One piece of asynchronous termination work of ``run`` ended."""
    run.waits -= 1
    finish_termination(rt, run)


def is_active(run: Run | None) -> bool:
    """True for a run that can still be triggered (not completing or terminating)."""
    return run is not None and run.phase in (ACTIVATING, ACTIVE)
