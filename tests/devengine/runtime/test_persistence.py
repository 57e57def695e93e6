"""Snapshots: the whole state round-trips through a file, and work continues on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from bpmn_builder import chain, end, process, service, start
from runtime_harness import MINUTE, T0, Harness

from camunda_core.devengine.runtime import Engine, SnapshotError

TIMER = "<bpmn:timerEventDefinition><bpmn:timeDuration>PT10M</bpmn:timeDuration></bpmn:timerEventDefinition>"
FLOW = process(
    "p",
    start(),
    service("task", "work"),
    '<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>'
    "</bpmn:userTask>",
    f'<bpmn:intermediateCatchEvent id="wait">{TIMER}</bpmn:intermediateCatchEvent>',
    '<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m" />'
    "</bpmn:intermediateCatchEvent>",
    end(),
    chain("start", "task", "review", "wait", "paid", "end"),
    extra='<bpmn:message id="m" name="paid"><bpmn:extensionElements>'
    '<zeebe:subscription correlationKey="=id" /></bpmn:extensionElements></bpmn:message>',
)


def test_a_snapshot_round_trip_continues_where_it_stopped(tmp_path: Path) -> None:
    path = tmp_path / "state" / "engine.snapshot"
    with Engine(data_path=path) as first:
        first.pin_clock(T0)
        h = Harness(first)
        h.deploy(("flow.bpmn", FLOW), h.fixture("discount.dmn"))
        key = h.start("p", id="42", order={"items": [1, 2]})
        idle = h.start("p", id="43")
        (job,) = h.activate("work", max_jobs=1, timeout_ms=5 * MINUTE)
        first.snapshot()
        last_key = first.runtime.keys.last
    assert path.exists()

    with Engine.load(path) as second:
        h = Harness(second)
        assert second.now() == T0  # the pinned clock is part of the state
        assert h.state(key) == "ACTIVE"
        second.complete_job(job.job.job_key, variables={"done": True})
        task_key = h.task(key).user_task_key
        assert int(task_key) > last_key  # keys continue
        second.complete_user_task(task_key).result(timeout=5)
        h.advance(10 * MINUTE)
        assert h.active(key) == ["paid"]
        second.publish_message(name="paid", correlation_key="42")
        assert h.state(key) == "COMPLETED"
        assert h.variables(key)["order"] == {"items": [1, 2]}
        assert h.variables(key)["done"] is True
        assert h.activate("work")[0].job.process_instance_key == idle
        assert (
            second.evaluate_decision(
                decision_definition_id="discount", variables={"customer": "gold", "amount": 500}
            ).output
            == 0.2
        )


def test_an_engine_starts_from_its_data_path_and_without_one(tmp_path: Path) -> None:
    path = tmp_path / "engine.snapshot"
    with Engine(data_path=path) as engine:
        assert not engine.store.process_definitions
        Harness(engine).deploy(("flow.bpmn", FLOW))
        engine.snapshot()
    with Engine(data_path=path) as engine:
        assert len(engine.store.process_definitions) == 1


def test_a_file_that_is_not_a_snapshot_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk"
    path.write_bytes(b"not a snapshot")
    with pytest.raises(SnapshotError):
        Engine.load(path)


def test_snapshot_needs_a_path(h: Harness) -> None:
    with pytest.raises(ValueError, match="no snapshot path"):
        h.engine.snapshot()
