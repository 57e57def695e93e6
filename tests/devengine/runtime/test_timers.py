"""Timers on the pinned clock: durations, dates, cycles, FEEL timers, timer start events and
timer boundary events (interrupting and repeating non-interrupting).
"""

from __future__ import annotations

import pytest
from bpmn_builder import attr, boundary, chain, end, flow, process, service, start
from runtime_harness import HOUR, MINUTE, SECOND, T0, Harness


def _timer(kind: str, value: str) -> str:
    return f"<bpmn:timerEventDefinition><bpmn:{kind}>{attr(value)}</bpmn:{kind}></bpmn:timerEventDefinition>"


def _catch(element_id: str, kind: str, value: str) -> str:
    return (
        f'<bpmn:intermediateCatchEvent id="{element_id}">{_timer(kind, value)}'
        "</bpmn:intermediateCatchEvent>"
    )


def test_a_duration_timer_fires_when_the_clock_reaches_it(h: Harness) -> None:
    h.deploy(
        process(
            "p",
            start(),
            _catch("wait", "timeDuration", "PT5M"),
            end(),
            chain("start", "wait", "end"),
        )
    )
    key = h.start("p")
    h.advance(5 * MINUTE - 1)
    assert h.active(key) == ["wait"]
    h.advance(1)
    assert h.state(key) == "COMPLETED"


def test_a_date_timer_fires_at_its_date(h: Harness) -> None:
    h.deploy(
        process(
            "p",
            start(),
            _catch("wait", "timeDate", "2024-01-02T00:00:00Z"),
            end(),
            chain("start", "wait", "end"),
        )
    )
    key = h.start("p")
    h.engine.pin_clock(T0 + 24 * HOUR - 1)
    assert h.state(key) == "ACTIVE"
    h.engine.pin_clock(T0 + 24 * HOUR)
    assert h.state(key) == "COMPLETED"


def test_a_feel_timer_is_evaluated_with_the_instance_variables(h: Harness) -> None:
    h.deploy(
        process(
            "p",
            start(),
            _catch("wait", "timeDuration", '=duration("PT" + string(seconds) + "S")'),
            end(),
            chain("start", "wait", "end"),
        )
    )
    key = h.start("p", seconds=30)
    h.advance(29 * SECOND)
    assert h.state(key) == "ACTIVE"
    h.advance(SECOND)
    assert h.state(key) == "COMPLETED"


def test_a_feel_timer_that_fails_is_an_incident(h: Harness) -> None:
    h.deploy(
        process(
            "p",
            start(),
            _catch("wait", "timeDuration", "=duration(timeout)"),
            end(),
            chain("start", "wait", "end"),
        )
    )
    key = h.start("p")
    (incident,) = h.incidents(key)
    assert incident.error_type == "EXTRACT_VALUE_ERROR"
    h.engine.set_variables(key, {"timeout": "PT1M"})
    h.engine.resolve_incident(incident.incident_key)
    h.advance(MINUTE)
    assert h.state(key) == "COMPLETED"


def test_a_cycle_timer_start_event_keeps_creating_instances(h: Harness) -> None:
    start_event = f'<bpmn:startEvent id="start">{_timer("timeCycle", "R3/PT1H")}</bpmn:startEvent>'
    h.deploy(
        process("p", start_event, service("task", "work"), end(), chain("start", "task", "end"))
    )
    assert not h.engine.store.process_instances
    for hour in range(1, 6):
        h.advance(HOUR)
        assert len(h.engine.store.process_instances) == min(hour, 3)


def test_a_new_version_replaces_the_timer_start_events_of_the_previous(h: Harness) -> None:
    def file(value: str) -> bytes:
        start_event = f'<bpmn:startEvent id="start">{_timer("timeCycle", value)}</bpmn:startEvent>'
        return process("p", start_event, end(), chain("start", "end"))

    h.deploy(("p.bpmn", file("R/PT1H")))
    h.deploy(("p.bpmn", file("R/PT2H")))
    h.advance(HOUR)
    assert not h.engine.store.process_instances
    h.advance(HOUR)
    (instance,) = h.engine.store.process_instances.values()
    assert instance.process_definition_version == 2


def test_a_date_timer_start_event_fires_once(h: Harness) -> None:
    start_event = f'<bpmn:startEvent id="start">{_timer("timeDate", "2024-01-01T01:00:00Z")}</bpmn:startEvent>'
    h.deploy(process("p", start_event, end(), chain("start", "end")))
    h.advance(2 * HOUR)
    h.advance(2 * HOUR)
    assert len(h.engine.store.process_instances) == 1


def test_an_interrupting_timer_boundary_terminates_the_task(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        service("task", "work"),
        boundary("late", "task", _timer("timeDuration", "PT1H")),
        end(),
        end("escalated"),
        chain("start", "task", "end"),
        flow("late", "escalated"),
    )
    h.deploy(xml)
    key = h.start("p")
    h.advance(HOUR)
    assert h.state(key) == "COMPLETED"
    task = next(e for e in h.elements(key) if e.element_id == "task")
    assert task.state == "TERMINATED"
    assert h.activate("work") == []
    assert h.completed(key) == ["start", "late", "escalated"]


def test_a_non_interrupting_cycle_boundary_repeats_while_the_task_runs(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        service("task", "work"),
        boundary("remind", "task", _timer("timeCycle", "R/PT10M"), interrupting=False),
        service("reminder", "remind"),
        end(),
        end("reminded"),
        chain("start", "task", "end"),
        chain("remind", "reminder", "reminded"),
    )
    h.deploy(xml)
    key = h.start("p")
    for _ in range(3):
        h.advance(10 * MINUTE)
    assert h.active(key).count("reminder") == 3
    h.complete("work")
    h.advance(10 * MINUTE)
    assert h.active(key).count("reminder") == 3


def test_a_cron_timer_start_event_fires_on_matching_times(h: Harness) -> None:
    start_event = (
        f'<bpmn:startEvent id="start">{_timer("timeCycle", "0 0 9 * * MON-FRI")}</bpmn:startEvent>'
    )
    h.deploy(process("p", start_event, end(), chain("start", "end")))
    starts = []
    for _ in range(7 * 24):  # one week, hour by hour (2024-01-01 is a Monday)
        before = len(h.engine.store.process_instances)
        h.advance(HOUR)
        if len(h.engine.store.process_instances) > before:
            starts.append((h.engine.now() - T0) // HOUR)
    assert starts == [9, 33, 57, 81, 105]


def test_cron_expressions_follow_spring_rules() -> None:
    from datetime import datetime, timezone

    from camunda_core.devengine.runtime.cron import CronError, parse_cron

    monday = datetime(2024, 1, 1, tzinfo=timezone.utc)
    every_quarter = parse_cron("0 */15 * * * *")
    assert every_quarter.next_fire_time(monday) == datetime(2024, 1, 1, 0, 15, tzinfo=timezone.utc)
    last_day = parse_cron("0 0 12 L * ?")
    assert last_day.next_fire_time(monday) == datetime(2024, 1, 31, 12, tzinfo=timezone.utc)
    sundays = parse_cron("@weekly")
    assert sundays.next_fire_time(monday) == datetime(2024, 1, 7, tzinfo=timezone.utc)
    assert parse_cron("0 30 8 1 JAN,JUL *").next_fire_time(monday) == datetime(
        2024, 1, 1, 8, 30, tzinfo=timezone.utc
    )
    for bad in ("* * *", "0 0 25 * * *", "0 0 0 ? * MON#2"):
        with pytest.raises(CronError):
            parse_cron(bad)
