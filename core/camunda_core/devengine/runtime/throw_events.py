"""End events and intermediate throw events: none, error, terminate, signal, escalation, link,
and message events (those are jobs, like a send task).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.devengine.bpmn import (
    ErrorDefinition,
    EscalationDefinition,
    FlowNode,
    LinkDefinition,
    SignalDefinition,
    TerminateDefinition,
)
from camunda_core.devengine.runtime import activities, lifecycle, signals, throwing
from camunda_core.devengine.runtime.behaviour_base import Behaviour
from camunda_core.devengine.runtime.expressions import evaluate_string
from camunda_core.devengine.runtime.names import EXTRACT_VALUE_ERROR, UNHANDLED_ERROR_EVENT
from camunda_core.devengine.runtime.state import StepFailure

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["END", "THROW"]


def _local_payload(rt: Runtime, run: Run) -> dict[str, str]:
    """The element's local variables (its input mappings): what a signal throw carries."""
    return {name: record.value for name, record in rt.store.scope_vars.get(run.key, {}).items()}


def _throw(rt: Runtime, run: Run, node: FlowNode) -> None:
    """Throw the event of ``node``; completes the element unless the throw interrupted it."""
    definition = getattr(node, "definition", None)
    if isinstance(definition, ErrorDefinition) and definition.error_code is not None:
        code = evaluate_string(rt, definition.error_code, run, EXTRACT_VALUE_ERROR)
        if not throwing.throw_error(rt, run, code, None, {}):
            raise StepFailure(UNHANDLED_ERROR_EVENT, throwing.unhandled_message(code, None))
        return
    if isinstance(definition, TerminateDefinition):
        parent = run.parent
        if parent is not None:
            for sibling in list((parent.children or {}).values()):
                if sibling is not run:
                    lifecycle.terminate(rt, sibling)
            parent.joins = None
    elif isinstance(definition, SignalDefinition):
        name = evaluate_string(rt, definition.name, run, EXTRACT_VALUE_ERROR)
        signals.broadcast(rt, run.inst.record.tenant_id, name, _local_payload(rt, run))
    elif isinstance(definition, EscalationDefinition) and definition.escalation_code is not None:
        code = evaluate_string(rt, definition.escalation_code, run, EXTRACT_VALUE_ERROR)
        throwing.throw_escalation(rt, run, code)
    if lifecycle.is_active(run):
        lifecycle.complete(rt, run)


class _End(Behaviour):
    """An end event: throws its event, then completes (no outgoing flows)."""

    def activate(self, rt: Runtime, run: Run) -> None:
        node = run.node
        assert node is not None
        if node.job_definition() is not None:
            activities.JOB_TASK.activate(rt, run)
        else:
            _throw(rt, run, node)


class _Throw(_End):
    """An intermediate throw event; a link throw continues at its link catch event."""

    def leave(self, rt: Runtime, run: Run) -> None:
        node = run.node
        parent = run.parent
        if (
            node is not None
            and parent is not None
            and isinstance(getattr(node, "definition", None), LinkDefinition)
        ):
            lifecycle.enter(rt, parent, run.inst.definition.model.link_target(node.id))
            return
        lifecycle.take_outgoing(rt, run)


END = _End()
THROW = _Throw()
