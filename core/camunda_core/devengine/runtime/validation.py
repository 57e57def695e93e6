"""Deploy-time checks on top of the BPMN parser: FEEL syntax and timer values.

The parser leaves FEEL alone; here every FEEL expression of every element (and of the
process, and of sequence flow conditions) is compiled once, which both validates it and warms
the FEEL cache. Static timers are checked with the same parsers the timers use, so a value
the engine could not schedule is refused at deploy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from camunda_core.devengine.bpmn import (
    BpmnResource,
    Expression,
    FlowNode,
    ProcessModel,
    TimerDefinition,
    TimerKind,
)
from camunda_core.devengine.feel import FeelError, compile_expression, parse_iso_duration
from camunda_core.devengine.runtime.cron import CronError
from camunda_core.devengine.runtime.expressions import parse_date_ms
from camunda_core.devengine.runtime.timers import parse_cycle

__all__ = ["bpmn_problems"]


def _expressions(value: Any, depth: int = 0) -> Iterator[Expression]:
    """Every Expression reachable from a model value (dataclasses, tuples)."""
    if isinstance(value, Expression):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _expressions(item, depth)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type) and depth < 6:
        for field in dataclasses.fields(value):
            yield from _expressions(getattr(value, field.name), depth + 1)


def _timers(value: Any) -> Iterator[TimerDefinition]:
    definition = getattr(value, "definition", None)
    if isinstance(definition, TimerDefinition):
        yield definition


def _timer_problem(timer: TimerDefinition) -> str | None:
    text = timer.expression.source.strip()
    try:
        if timer.kind is TimerKind.DURATION:
            parse_iso_duration(text)
        elif timer.kind is TimerKind.DATE:
            if parse_date_ms(text) is None:
                return f"invalid timer date '{text}'"
        else:
            parse_cycle(text)
    except (FeelError, CronError) as exc:
        return f"invalid timer {timer.kind.value} '{text}': {exc}"
    return None


def _node_problems(node: FlowNode) -> Iterator[str]:
    for expression in _expressions(node):
        if expression.is_feel:
            try:
                compile_expression(expression.source)
            except FeelError as exc:
                yield f"invalid FEEL expression '={expression.source}': {exc}"
    for timer in _timers(node):
        if timer.expression.is_static:
            problem = _timer_problem(timer)
            if problem is not None:
                yield problem


def _process_problems(model: ProcessModel, resource_name: str) -> Iterator[str]:
    prefix = f"{resource_name}: element"
    for node in model.elements.values():
        for reason in _node_problems(node):
            yield f"{prefix} '{node.id}' ({node.bpmn_type}): {reason}"
    for flow in model.sequence_flows.values():
        if flow.condition is not None and flow.condition.is_feel:
            try:
                compile_expression(flow.condition.source)
            except FeelError as exc:
                yield (
                    f"{prefix} '{flow.id}' (bpmn:sequenceFlow): invalid FEEL condition "
                    f"'{flow.condition_text}': {exc}"
                )
    for listener in model.execution_listeners:
        for expression in _expressions(listener):
            if expression.is_feel:
                try:
                    compile_expression(expression.source)
                except FeelError as exc:
                    yield (
                        f"{prefix} '{model.process_id}' (bpmn:process): invalid FEEL "
                        f"expression '={expression.source}': {exc}"
                    )


def bpmn_problems(resource: BpmnResource) -> list[str]:
    """Every FEEL syntax error and invalid static timer of a parsed BPMN file."""
    problems: list[str] = []
    for model in resource.processes:
        problems.extend(_process_problems(model, resource.resource_name))
    return problems
