"""Multi-instance activities: a body that runs the activity once per input collection item.

The body evaluates ``inputCollection`` when activated, then creates the inner instances (all
at once when parallel, one after the other when sequential); each gets ``loopCounter`` (from
1) and the input element as local variables. When an inner instance completes, its
``outputElement`` goes into ``outputCollection`` (a local variable of the body, in input
order) and ``completionCondition`` is checked (with ``numberOfInstances``,
``numberOfActiveInstances``, ``numberOfCompletedInstances``, ``numberOfTerminatedInstances``).
The body completes when no instance is left, propagating the output collection.
"""

from __future__ import annotations

from collections import ChainMap
from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import Activity, MultiInstance
from camunda_core.devengine.feel import to_json
from camunda_core.devengine.runtime import events, lifecycle, variables
from camunda_core.devengine.runtime.behaviour_base import Behaviour
from camunda_core.devengine.runtime.expressions import evaluate, evaluate_json, feel_type
from camunda_core.devengine.runtime.names import EXTRACT_VALUE_ERROR
from camunda_core.devengine.runtime.state import MultiBody, StepFailure

if TYPE_CHECKING:
    from camunda_core.devengine.bpmn import FlowNode
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["BEHAVIOUR", "MultiBody"]


def _loop(node: FlowNode) -> MultiInstance:
    assert isinstance(node, Activity)
    assert node.multi_instance is not None
    return node.multi_instance


class _MultiInstance(Behaviour):
    """The multi-instance body."""

    def activate(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert node is not None
        loop = _loop(node)
        collection = evaluate(rt, loop.input_collection, run, EXTRACT_VALUE_ERROR)
        if not isinstance(collection, list):
            raise StepFailure(
                EXTRACT_VALUE_ERROR,
                f"Expected result of the expression '{loop.input_collection.source}' to be "
                f"'ARRAY', but was '{feel_type(collection)}'.",
            )
        body: MultiBody = run.data
        body.items = to_json(collection)
        events.open_boundaries(rt, run)
        if loop.output_collection:
            empty = [None] * len(body.items)
            variables.set_local(rt, run, loop.output_collection, variables.encode(empty))
        if not body.items:
            lifecycle.complete(rt, run)
            return
        count = 1 if loop.is_sequential else len(body.items)
        for _ in range(count):
            self._spawn(rt, run, body)

    @staticmethod
    def _spawn(rt: Runtime, run: Run, body: MultiBody) -> None:
        node = run.node
        assert node is not None
        index = body.next_index
        body.next_index += 1
        inner = lifecycle.create_run(rt, run, node)
        body.index_of[inner.key] = index
        loop = _loop(node)
        if loop.input_element:
            variables.set_local(rt, inner, loop.input_element, variables.encode(body.items[index]))
        variables.set_local(rt, inner, "loopCounter", variables.encode(index + 1))
        rt.push(lifecycle.activate, inner)

    @staticmethod
    def _counters(run: Run, body: MultiBody) -> dict[str, int]:
        active = len(run.children or ())
        return {
            "numberOfInstances": len(body.items),
            "numberOfActiveInstances": active - 1,
            "numberOfCompletedInstances": body.completed + 1,
            "numberOfTerminatedInstances": body.terminated,
        }

    def inner_completing(self, rt: Runtime, inner: Run) -> None:
        """An inner instance is completing: collect its output, check the condition.

        Runs in the inner instance's completion step, so a failure is an incident there.
        """
        run = inner.parent
        node = inner.node
        assert run is not None
        assert node is not None
        loop = _loop(node)
        body: MultiBody = run.data
        if loop.output_collection and loop.output_element is not None:
            self._collect(rt, run, inner, loop, body.index_of.get(inner.key, 0))
        if loop.completion_condition is not None:
            context: ChainMap[str, Any] = ChainMap(
                dict(self._counters(run, body)),
                variables.view(rt, inner),  # type: ignore[arg-type]
            )
            body.done_early = _condition(rt, loop, inner, context)

    def child_completed(self, rt: Runtime, run: Run, child: Run) -> None:
        node = run.node
        assert node is not None
        body: MultiBody = run.data
        body.completed += 1
        body.index_of.pop(child.key, None)
        if body.done_early:
            lifecycle.interrupt_children(rt, run, ("complete",))
            return
        if _loop(node).is_sequential and body.next_index < len(body.items):
            self._spawn(rt, run, body)
            return
        lifecycle.check_scope_done(rt, run)

    @staticmethod
    def _collect(rt: Runtime, run: Run, child: Run, loop: MultiInstance, index: int) -> None:
        assert loop.output_element is not None
        assert loop.output_collection is not None
        value = evaluate_json(rt, loop.output_element, child, EXTRACT_VALUE_ERROR)
        current = variables.view(rt, run).get(loop.output_collection)
        collected = current if isinstance(current, list) else []
        while len(collected) <= index:
            collected.append(None)
        collected[index] = value
        variables.set_local(rt, run, loop.output_collection, variables.encode(collected))

    def child_terminated(self, rt: Runtime, run: Run, child: Run) -> None:
        body: MultiBody = run.data
        body.terminated += 1
        body.index_of.pop(child.key, None)
        lifecycle.check_scope_done(rt, run)

    def leave(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert node is not None
        loop = _loop(node)
        if loop.output_collection and run.parent is not None:
            record = rt.store.scope_vars.get(run.key, {}).get(loop.output_collection)
            if record is not None:
                variables.propagate(rt, run.parent, {loop.output_collection: record.value})
        lifecycle.take_outgoing(rt, run)


def _condition(rt: Runtime, loop: MultiInstance, child: Run, context: Any) -> bool:
    assert loop.completion_condition is not None
    value = evaluate(rt, loop.completion_condition, child, EXTRACT_VALUE_ERROR, context)
    if isinstance(value, bool):
        return value
    raise StepFailure(
        EXTRACT_VALUE_ERROR,
        f"Expected result of the expression '{loop.completion_condition.source}' to be "
        f"'BOOLEAN', but was '{feel_type(value)}'.",
    )


BEHAVIOUR = _MultiInstance()
