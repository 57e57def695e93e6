"""Signals: catch events, boundaries, event sub-process starts, start events, throw events."""

from __future__ import annotations

from bpmn_builder import boundary, chain, end, flow, process, service, start
from runtime_harness import Harness

SIGNAL = '<bpmn:signal id="s" name="alarm" />'
DEFINITION = '<bpmn:signalEventDefinition signalRef="s" />'


def test_a_signal_triggers_every_waiting_catch_event(h: Harness) -> None:
    h.deploy(
        process(
            "p",
            start(),
            f'<bpmn:intermediateCatchEvent id="wait">{DEFINITION}</bpmn:intermediateCatchEvent>',
            end(),
            chain("start", "wait", "end"),
            extra=SIGNAL,
        )
    )
    keys = [h.start("p") for _ in range(3)]
    h.engine.broadcast_signal(name="alarm", variables={"level": 3})
    assert [h.state(key) for key in keys] == ["COMPLETED"] * 3
    assert h.variables(keys[0]) == {"level": 3}
    h.engine.broadcast_signal(name="alarm")  # nothing waits any more: nothing happens


def test_a_signal_start_event_creates_an_instance_per_broadcast(h: Harness) -> None:
    h.deploy(
        process(
            "p",
            f'<bpmn:startEvent id="start">{DEFINITION}</bpmn:startEvent>',
            service("task", "work"),
            end(),
            chain("start", "task", "end"),
            extra=SIGNAL,
        )
    )
    h.engine.broadcast_signal(name="alarm", variables={"n": 1})
    h.engine.broadcast_signal(name="alarm", variables={"n": 2})
    assert sorted(job.variables["n"] for job in h.activate("work")) == [1, 2]


def test_signal_boundaries_interrupt_or_not(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        service("task", "work"),
        boundary("stop", "task", DEFINITION),
        end(),
        end("stopped"),
        chain("start", "task", "end"),
        flow("stop", "stopped"),
        extra=SIGNAL,
    )
    h.deploy(xml)
    key = h.start("p")
    h.engine.broadcast_signal(name="alarm")
    assert h.completed(key) == ["start", "stop", "stopped"]


def test_a_signal_end_event_broadcasts_its_input_variables(h: Harness) -> None:
    thrower = process(
        "thrower",
        start(),
        '<bpmn:endEvent id="end"><bpmn:extensionElements><zeebe:ioMapping>'
        '<zeebe:input source="=42" target="code" /></zeebe:ioMapping></bpmn:extensionElements>'
        f"{DEFINITION}</bpmn:endEvent>",
        chain("start", "end"),
        extra=SIGNAL,
    )
    catcher = process(
        "catcher",
        start(),
        f'<bpmn:intermediateCatchEvent id="wait">{DEFINITION}</bpmn:intermediateCatchEvent>',
        end(),
        chain("start", "wait", "end"),
        extra=SIGNAL,
    )
    h.deploy(("thrower.bpmn", thrower), ("catcher.bpmn", catcher))
    waiting = h.start("catcher")
    h.start("thrower")
    assert h.state(waiting) == "COMPLETED"
    assert h.variables(waiting) == {"code": 42}


def test_signals_are_tenant_scoped(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        f'<bpmn:intermediateCatchEvent id="wait">{DEFINITION}</bpmn:intermediateCatchEvent>',
        end(),
        chain("start", "wait", "end"),
        extra=SIGNAL,
    )
    h.deploy(xml, tenant_id="red")
    key = h.engine.create_process_instance(process_definition_id="p", tenant_id="red").instance
    h.engine.broadcast_signal(name="alarm")
    assert key.state == "ACTIVE"
    h.engine.broadcast_signal(name="alarm", tenant_id="red")
    assert key.state == "COMPLETED"
