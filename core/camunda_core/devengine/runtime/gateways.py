"""Gateways: exclusive, inclusive, parallel and event-based; parallel and inclusive joins.

Splits decide their outgoing flows when activated (a failing or missing condition is a
CONDITION_ERROR incident) and take them when they leave. Joins count the tokens that arrived
per incoming flow in the flow scope (``scope.joins``): a parallel join fires when every
incoming flow has a token, an inclusive join also when no active element of the scope can
still reach one of its empty incoming flows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.devengine.bpmn import FlowNode, InclusiveGateway, ParallelGateway, SequenceFlow
from camunda_core.devengine.runtime import events, lifecycle
from camunda_core.devengine.runtime.behaviour_base import Behaviour
from camunda_core.devengine.runtime.expressions import evaluate_bool
from camunda_core.devengine.runtime.names import CONDITION_ERROR
from camunda_core.devengine.runtime.state import ACTIVE, StepFailure

if TYPE_CHECKING:
    from camunda_core.devengine.bpmn import ProcessModel
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["EVENT_BASED", "EXCLUSIVE", "INCLUSIVE", "JOINS", "PARALLEL"]

_NO_FLOW = "Expected at least one condition to evaluate to true, or to have a default flow"


def _choose(rt: Runtime, run: Run, all_true: bool) -> list[SequenceFlow]:
    node = run.node
    assert node is not None
    outgoing = run.inst.definition.model.outgoing(node.id)
    default_id = getattr(node, "default_flow_id", None)
    chosen: list[SequenceFlow] = []
    default: SequenceFlow | None = None
    for flow in outgoing:
        if flow.id == default_id:
            default = flow
            continue
        if flow.condition is None or evaluate_bool(rt, flow.condition, run, CONDITION_ERROR):
            chosen.append(flow)
            if not all_true:
                break
    if not chosen and default is not None:
        chosen.append(default)
    if not chosen and outgoing:
        raise StepFailure(CONDITION_ERROR, _NO_FLOW)
    return chosen


class _Split(Behaviour):
    """Exclusive (first true condition) or inclusive (every true condition) split."""

    def __init__(self, all_true: bool) -> None:
        self.all_true = all_true

    def activate(self, rt: Runtime, run: Run) -> None:
        run.data = _choose(rt, run, self.all_true)
        lifecycle.complete(rt, run)

    def leave(self, rt: Runtime, run: Run) -> None:
        flows: list[SequenceFlow] = run.data or []
        run.data = None
        if run.parent is not None:
            for flow in flows:
                lifecycle.take_flow(rt, run.parent, flow)


class _EventBased(Behaviour):
    """Waits for the first event of the catch events its flows lead to."""

    def activate(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert node is not None
        model = run.inst.definition.model
        for flow in model.outgoing(node.id):
            events.open_catch(rt, run, model.elements[flow.target_id])

    def leave(self, rt: Runtime, run: Run) -> None:
        node = run.node
        if node is None or run.parent is None or run.data is None:
            return
        catch_id, data = run.data
        run.data = None
        for flow in run.inst.definition.model.outgoing(node.id):
            if flow.target_id == catch_id:
                lifecycle.take_flow(rt, run.parent, flow, data)


def _upstream(model: ProcessModel, starts: list[str]) -> set[str]:
    """Every element from which one of ``starts`` can be reached (boundary paths included)."""
    seen: set[str] = set(starts)
    pending = list(starts)
    while pending:
        element_id = pending.pop()
        sources = [flow.source_id for flow in model.incoming(element_id)]
        node = model.elements.get(element_id)
        attached = getattr(node, "attached_to", None)
        if attached:
            sources.append(attached)
        for source in sources:
            if source not in seen:
                seen.add(source)
                pending.append(source)
    return seen


class _Joins:
    """Tokens waiting at joining gateways."""

    def arrive(self, rt: Runtime, scope: Run, gateway: FlowNode, flow: SequenceFlow) -> None:
        """A token arrived at ``gateway`` over ``flow``."""
        if scope.joins is None:
            scope.joins = {}
        tokens = scope.joins.setdefault(gateway.id, {})
        tokens[flow.id] = tokens.get(flow.id, 0) + 1
        self._try_fire(rt, scope, gateway)

    def recheck(self, rt: Runtime, scope: Run) -> None:
        """Re-evaluate waiting inclusive joins (an element of the scope finished)."""
        if not scope.joins or scope.phase != ACTIVE:
            return
        model = scope.inst.definition.model
        for gateway_id in list(scope.joins):
            gateway = model.elements[gateway_id]
            if isinstance(gateway, InclusiveGateway):
                self._try_fire(rt, scope, gateway)

    def _try_fire(self, rt: Runtime, scope: Run, gateway: FlowNode) -> None:
        joins = scope.joins
        if joins is None or gateway.id not in joins:
            return
        tokens = joins[gateway.id]
        empty = [flow_id for flow_id in gateway.incoming if not tokens.get(flow_id)]
        if empty and (
            isinstance(gateway, ParallelGateway) or self._reachable(scope, gateway, empty)
        ):
            return
        for flow_id in list(tokens):
            tokens[flow_id] -= 1
            if tokens[flow_id] <= 0:
                del tokens[flow_id]
        if not tokens:
            del joins[gateway.id]
        if not joins:
            scope.joins = None
        lifecycle.enter(rt, scope, gateway)

    @staticmethod
    def _reachable(scope: Run, gateway: FlowNode, empty_flows: list[str]) -> bool:
        model = scope.inst.definition.model
        starts = [model.flow(flow_id).source_id for flow_id in empty_flows]
        upstream = _upstream(model, starts)
        positions = {child.node.id for child in (scope.children or {}).values() if child.node}
        positions.update(gateway_id for gateway_id in scope.joins or {} if gateway_id != gateway.id)
        return bool(upstream & positions)


class _Passing(Behaviour):
    """A parallel gateway forks to every outgoing flow (its join is handled by _Joins)."""


EXCLUSIVE = _Split(all_true=False)
INCLUSIVE = _Split(all_true=True)
PARALLEL = _Passing()
EVENT_BASED = _EventBased()
JOINS = _Joins()
