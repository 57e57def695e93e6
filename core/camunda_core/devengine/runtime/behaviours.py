"""Which behaviour runs which element: one lookup by node class (and by run for MI bodies).

The behaviours live in one module per family (``activities``, ``gateways``, ``events``,
``throw_events``, ``subprocesses``, ``multi_instance``, ``user_tasks``, ``root``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import (
    BoundaryEvent,
    BusinessRuleTask,
    CallActivity,
    EndEvent,
    EventBasedGateway,
    ExclusiveGateway,
    FlowNode,
    InclusiveGateway,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    ManualTask,
    ParallelGateway,
    ReceiveTask,
    ScriptTask,
    SendTask,
    ServiceTask,
    StartEvent,
    SubProcess,
    UserTask,
)
from camunda_core.devengine.runtime import (
    activities,
    events,
    gateways,
    lifecycle,
    multi_instance,
    root,
    subprocesses,
    throw_events,
    user_tasks,
)
from camunda_core.devengine.runtime.behaviour_base import Behaviour
from camunda_core.devengine.runtime.state import MultiBody

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["continue_after", "joins", "of"]

_BY_TYPE: dict[type, Behaviour] = {}


def _table() -> dict[type, Behaviour]:
    """Built on first use: the behaviour modules import the lifecycle, which imports this."""
    _BY_TYPE.update(
        {
            StartEvent: events.START,
            IntermediateCatchEvent: events.CATCH,
            BoundaryEvent: events.BOUNDARY,
            EndEvent: throw_events.END,
            IntermediateThrowEvent: throw_events.THROW,
            ServiceTask: activities.JOB_TASK,
            SendTask: activities.JOB_TASK,
            ScriptTask: activities.SCRIPT_TASK,
            BusinessRuleTask: activities.BUSINESS_RULE_TASK,
            UserTask: user_tasks.BEHAVIOUR,
            ReceiveTask: activities.RECEIVE_TASK,
            ManualTask: activities.PASS_THROUGH,
            SubProcess: subprocesses.SUB_PROCESS,
            CallActivity: subprocesses.CALL_ACTIVITY,
            ExclusiveGateway: gateways.EXCLUSIVE,
            InclusiveGateway: gateways.INCLUSIVE,
            ParallelGateway: gateways.PARALLEL,
            EventBasedGateway: gateways.EVENT_BASED,
        }
    )
    return _BY_TYPE


def of(run: Run) -> Behaviour:
    """The behaviour of a run."""
    node = run.node
    if node is None:
        return root.BEHAVIOUR
    if run.data.__class__ is MultiBody:
        return multi_instance.BEHAVIOUR
    behaviour = _BY_TYPE.get(type(node))
    return behaviour if behaviour is not None else _table()[type(node)]


def joins(node: FlowNode) -> bool:
    """True for gateways that join their incoming flows (parallel and inclusive)."""
    return isinstance(node, (ParallelGateway, InclusiveGateway))


def continue_after(rt: Runtime, scope: Run, after: tuple[Any, ...]) -> None:
    """Run a continuation left for when a run (or a scope's children) was terminated."""
    if after[0] == "complete":
        lifecycle.complete(rt, scope)
        return
    events.continue_after(rt, scope, after)
