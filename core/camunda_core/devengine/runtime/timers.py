"""Timers: durations, dates and cycles (static or FEEL), for catch events, boundary events,
event sub-process starts and timer start events.

A timer is a task on the engine clock; pinning the clock forward fires everything due. A
cycle repeats (``R3/PT1H``: three times) for timer start events, non-interrupting boundary
events and non-interrupting event sub-processes; the next firing is one interval after the
firing time. Cron expressions are refused at deploy (and as FEEL values at run time).
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from camunda_core.devengine.bpmn import BoundaryEvent, StartEvent, TimerDefinition, TimerKind
from camunda_core.devengine.feel import (
    CalendarDuration,
    Cycle,
    FeelError,
    YearMonthDuration,
    add_duration,
    parse_iso_cycle,
    parse_iso_duration,
)
from camunda_core.devengine.runtime import events, instances
from camunda_core.devengine.runtime.clock import ms_to_datetime
from camunda_core.devengine.runtime.cron import CronCycle, CronError, parse_cron
from camunda_core.devengine.runtime.events_index import Timer
from camunda_core.devengine.runtime.expressions import evaluate, feel_type, parse_date_ms
from camunda_core.devengine.runtime.names import EXTRACT_VALUE_ERROR
from camunda_core.devengine.runtime.state import StepFailure

if TYPE_CHECKING:
    from camunda_core.devengine.bpmn import FlowNode
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["cancel", "fire", "first_due", "parse_cycle", "schedule", "schedule_start"]


def parse_cycle(text: str) -> Cycle | CronCycle:
    """An ISO 8601 repeating interval, or a cron expression (FeelError / CronError)."""
    stripped = text.strip()
    if stripped.upper().startswith("R"):
        return parse_iso_cycle(stripped)
    return parse_cron(stripped)


def _to_ms(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1000)


def _invalid(definition: TimerDefinition, value: Any, reason: str) -> StepFailure:
    return StepFailure(
        EXTRACT_VALUE_ERROR,
        f"Expected a valid timer {definition.kind.value} for '{definition.expression.source}', "
        f"but {reason} (value of type '{feel_type(value)}')",
    )


def first_due(
    rt: Runtime, definition: TimerDefinition, run: Run | None, now_ms: int
) -> tuple[int, Cycle | CronCycle | None]:
    """When a timer first fires (epoch ms), and its cycle when it repeats."""
    value = evaluate(rt, definition.expression, run, EXTRACT_VALUE_ERROR)
    now = ms_to_datetime(now_ms)
    try:
        if definition.kind is TimerKind.DURATION:
            duration = value
            if isinstance(value, str):
                duration = parse_iso_duration(value.strip())
            if not isinstance(duration, (timedelta, YearMonthDuration, CalendarDuration)):
                raise _invalid(definition, value, "it is not a duration")
            return _to_ms(add_duration(now, duration)), None
        if definition.kind is TimerKind.DATE:
            if isinstance(value, datetime):
                return _to_ms(value), None
            due = parse_date_ms(value) if isinstance(value, str) else None
            if due is None:
                raise _invalid(definition, value, "it is not a date-time")
            return due, None
        if not isinstance(value, str):
            raise _invalid(definition, value, "it is not an ISO 8601 repeating interval")
        cycle = parse_cycle(value)
    except (FeelError, CronError) as exc:
        raise _invalid(definition, value, str(exc)) from exc
    fire_at = cycle.next_fire_time(now)
    if fire_at is None:
        raise _invalid(definition, value, "the cycle has no repetitions")
    return _to_ms(fire_at), cycle


def _add(rt: Runtime, timer: Timer) -> None:
    timer.task = rt.timeline.add(timer.due, "timer", timer.key)
    rt.events.timers[timer.key] = timer


def schedule(rt: Runtime, owner: Run, catch: FlowNode, definition: TimerDefinition) -> None:
    """Schedule the timer ``catch`` waits for, owned by ``owner``."""
    due, cycle = first_due(rt, definition, owner, rt.clock.now())
    timer = Timer(rt.keys.next(), owner.key, catch.id, False, cycle=cycle, due=due)
    _add(rt, timer)
    owner.add_handle("timer", timer.key)


def schedule_start(
    rt: Runtime, definition_key: str, start: StartEvent, timer_def: TimerDefinition
) -> str:
    """Schedule a timer start event of a deployed process; returns the timer key."""
    due, cycle = first_due(rt, timer_def, None, rt.clock.now())
    timer = Timer(rt.keys.next(), definition_key, start.id, True, cycle=cycle, due=due)
    _add(rt, timer)
    return timer.key


def cancel(rt: Runtime, key: str) -> None:
    """Drop a timer that has not fired (or stop a repeating one)."""
    timer = rt.events.timers.pop(key, None)
    if timer is not None:
        rt.timeline.cancel(timer.task)


def _repeats(catch: FlowNode | None, timer: Timer) -> bool:
    if timer.cycle is None:
        return False
    if timer.is_start:
        return True
    if isinstance(catch, BoundaryEvent):
        return not catch.cancel_activity
    return isinstance(catch, StartEvent) and not catch.is_interrupting


def _reschedule(rt: Runtime, timer: Timer) -> bool:
    cycle: Cycle | CronCycle = timer.cycle.after_firing()
    fire_at = cycle.next_fire_time(ms_to_datetime(max(timer.due, rt.clock.now())))
    if fire_at is None:
        return False
    timer.cycle = cycle
    timer.due = _to_ms(fire_at)
    _add(rt, timer)
    return True


def fire(rt: Runtime, key: str) -> None:
    """A timer is due: trigger its catching element (or start an instance)."""
    timer = rt.events.timers.pop(key, None)
    if timer is None:
        return
    if timer.is_start:
        definition = rt.store.process_definitions.get(timer.owner_key)
        if definition is None or definition.state != "ACTIVE":
            return
        if _repeats(None, timer):
            _reschedule(rt, timer)
        instances.create(rt, definition, {}, start_element=timer.element_id)
        return
    owner = rt.runs.get(timer.owner_key)
    if owner is None:
        return
    catch = owner.inst.definition.model.elements[timer.element_id]
    if not (_repeats(catch, timer) and _reschedule(rt, timer)) and owner.handles:
        with contextlib.suppress(ValueError):
            owner.handles.remove(("timer", key))
    events.trigger(rt, owner, catch, {})
