"""The process itself as a flow scope: its start, its event sub-processes, its end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda_core.devengine.runtime import events, instances, lifecycle, variables
from camunda_core.devengine.runtime.behaviour_base import Behaviour

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["BEHAVIOUR"]


class _Root(Behaviour):
    """Starts at the none start event, a triggered start event, or start instructions."""

    def activate(self, rt: Runtime, run: Run) -> None:
        model = run.inst.definition.model
        data, run.data = run.data, None
        if data is not None and data[0] == "start":
            data = _merge_start_payload(rt, run, data)
        events.open_event_subprocesses(rt, run, model.process_id)
        if data is not None and data[0] == "instructions":
            for element_id in data[1]:
                instances.start_before(rt, run, element_id)
            return
        start_id, trigger = (data[1], data[2]) if data is not None else (None, None)
        start = model.elements[start_id] if start_id else rt.none_start(run.inst.definition)
        if start is None:
            lifecycle.complete(rt, run)
            return
        lifecycle.enter(rt, run, start, trigger)

    def leave(self, rt: Runtime, run: Run) -> None:
        instances.completed(rt, run.inst)

    def terminated(self, rt: Runtime, run: Run) -> None:
        """The instance was terminated (canceled, or its call activity was)."""
        instances.terminated(rt, run.inst)


def _merge_start_payload(rt: Runtime, run: Run, data: tuple[Any, ...]) -> tuple[Any, ...]:
    """Put a start event's payload in the root scope before event sub-processes subscribe.

    Without output mappings on the start event this is where the payload would land anyway;
    doing it first lets event sub-process correlation keys read the message's variables.
    """
    _, start_id, trigger = data
    start = run.inst.definition.model.elements[start_id]
    if start.output_mappings or trigger is None:
        return data
    _, values, local = trigger
    variables.set_all_local(rt, run, values)
    return ("start", start_id, events.triggered({}, local))


BEHAVIOUR = _Root()
