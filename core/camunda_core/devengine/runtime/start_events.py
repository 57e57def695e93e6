"""The timer, message and signal start events of the latest version of each process.

They are opened when a version becomes the latest (deploy, or deletion of a newer version)
and closed when it stops being the latest. Message and signal names that are FEEL are
evaluated at deploy without variables, as Zeebe does; a failure refuses the deployment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.devengine.bpmn import (
    BpmnResource,
    MessageDefinition,
    ProcessModel,
    SignalDefinition,
    StartEvent,
    TimerDefinition,
)
from camunda_core.devengine.records import ProcessDefinitionRecord
from camunda_core.devengine.runtime import timers
from camunda_core.devengine.runtime.events_index import StartSubscription
from camunda_core.devengine.runtime.expressions import evaluate_string
from camunda_core.devengine.runtime.names import EXTRACT_VALUE_ERROR
from camunda_core.devengine.runtime.state import StepFailure

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime

__all__ = ["check", "close", "open_latest"]


def _name(rt: Runtime, start: StartEvent) -> str | None:
    definition = start.definition
    if isinstance(definition, (MessageDefinition, SignalDefinition)):
        return evaluate_string(rt, definition.name, None, EXTRACT_VALUE_ERROR)
    return None


def _starts(model: ProcessModel) -> list[StartEvent]:
    return [
        *model.message_start_events,
        *model.signal_start_events,
        *model.timer_start_events,
    ]


def check(rt: Runtime, resource: BpmnResource, tenant_id: str, resource_name: str) -> list[str]:
    """Problems of the start events' names and timers (evaluated at deploy)."""
    problems: list[str] = []
    for model in resource.processes:
        for start in _starts(model):
            try:
                _name(rt, start)
                if isinstance(start.definition, TimerDefinition):
                    timers.first_due(rt, start.definition, None, rt.clock.now())
            except StepFailure as failure:
                problems.append(
                    f"{resource_name}: element '{start.id}' (bpmn:startEvent): {failure.message}"
                )
    return problems


def open_latest(rt: Runtime, record: ProcessDefinitionRecord) -> None:
    """Open the start events of ``record`` (the new latest version of its process)."""
    index = rt.events
    tenant = record.tenant_id
    key = record.process_definition_key
    for start in _starts(record.model):
        definition = start.definition
        if isinstance(definition, TimerDefinition):
            timer_key = timers.schedule_start(rt, key, start, definition)
            index.start_timers.setdefault(key, []).append(timer_key)
            continue
        name = _name(rt, start)
        assert name is not None
        target = (
            index.message_starts
            if isinstance(definition, MessageDefinition)
            else (index.signal_starts)
        )
        target.setdefault((tenant, name), []).append(
            StartSubscription(key, start.id, record.process_definition_id)
        )


def close(rt: Runtime, record: ProcessDefinitionRecord) -> None:
    """Close the start events of a version that is no longer the latest."""
    index = rt.events
    key = record.process_definition_key
    for timer_key in index.start_timers.pop(key, []):
        timers.cancel(rt, timer_key)
    for starts in (index.message_starts, index.signal_starts):
        for name_key in list(starts):
            kept = [start for start in starts[name_key] if start.process_definition_key != key]
            if kept:
                starts[name_key] = kept
            else:
                del starts[name_key]
