"""Input and output variable mappings (``zeebe:ioMapping``), applied in file order.

* Input mappings create local variables of the element; a dotted target writes the whole
  nested object, merged only with earlier mappings of the same element.
* Output mappings are evaluated against the element's scope and merged into its flow scope
  (propagated); a dotted target sets only the leaf inside the existing variable.
A failing source raises StepFailure(IO_MAPPING_ERROR).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import IoMapping
from camunda_core.devengine.runtime import variables
from camunda_core.devengine.runtime.expressions import evaluate_json
from camunda_core.devengine.runtime.names import IO_MAPPING_ERROR

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["apply_inputs", "apply_outputs", "deliver_result", "with_path"]


def with_path(base: Any, path: tuple[str, ...], value: Any) -> Any:
    """``base`` (copied, or a new object) with ``value`` set at ``path`` below it."""
    if not path:
        return value
    result = copy.deepcopy(base) if isinstance(base, dict) else {}
    node = result
    for name in path[:-1]:
        child = node.get(name)
        if not isinstance(child, dict):
            child = node[name] = {}
        node = child
    node[path[-1]] = value
    return result


def _source_value(rt: Runtime, mapping: IoMapping, run: Run) -> Any:
    if mapping.source is None:
        return None
    return evaluate_json(rt, mapping.source, run, IO_MAPPING_ERROR)


def apply_inputs(rt: Runtime, run: Run, mappings: tuple[IoMapping, ...]) -> None:
    """Evaluate the input mappings and set their targets as local variables of ``run``."""
    built: dict[str, Any] = {}
    for mapping in mappings:
        value = _source_value(rt, mapping, run)
        root, *rest = mapping.target_path
        if rest:
            value = with_path(built.get(root), tuple(rest), value)
        built[root] = value
        variables.set_local(rt, run, root, variables.encode(value))


def apply_outputs(rt: Runtime, run: Run, mappings: tuple[IoMapping, ...]) -> None:
    """Evaluate the output mappings in ``run``'s scope and merge them into its flow scope."""
    parent = run.parent
    if parent is None:
        return
    built: dict[str, Any] = {}
    for mapping in mappings:
        value = _source_value(rt, mapping, run)
        root, *rest = mapping.target_path
        if rest:
            base = built[root] if root in built else variables.view(rt, parent).get(root)
            value = with_path(base, tuple(rest), value)
        built[root] = value
        variables.propagate(rt, parent, {root: variables.encode(value)})


def deliver_result(rt: Runtime, run: Run, values: dict[str, str]) -> None:
    """Merge an element's result (job variables, message payload...) the way Zeebe does.

    With output mappings the values become local variables of the element (the mappings
    then pick what goes out when it completes); without, they are propagated from the
    element's own scope outwards.
    """
    if not values:
        return
    node = run.node
    if node is not None and node.output_mappings:
        variables.set_all_local(rt, run, values)
    else:
        variables.propagate(rt, run, values)
