"""Compaction: finished root instances and all they own are kept up to a bounded history."""

from __future__ import annotations

import pytest
from bpmn_builder import chain, end, process, service, start
from runtime_harness import T0, Harness

from camunda_core.devengine.runtime import Engine

CHILD = process("child", start(), service("task", "work"), end(), chain("start", "task", "end"))
PARENT = process(
    "parent",
    start(),
    '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" />'
    "</bpmn:extensionElements></bpmn:callActivity>",
    end(),
    chain("start", "call", "end"),
)


def _sizes(engine: Engine) -> dict[str, int]:
    store = engine.store
    runtime = engine.runtime
    return {
        "process_instances": len(store.process_instances),
        "element_instances": len(store.element_instances),
        "jobs": len(store.jobs),
        "variables": len(store.variables),
        "scope_vars": len(store.scope_vars),
        "runs": len(runtime.runs),
        "instances": len(runtime.instances),
        "queued_jobs": runtime.job_queue.count("work"),
        "timeline": len(runtime.timeline),
    }


@pytest.mark.parametrize("limit", [0, 25])
def test_the_store_stays_bounded_over_many_finished_instances(limit: int) -> None:
    with Engine(history_limit=limit) as engine:
        engine.pin_clock(T0)
        h = Harness(engine)
        h.deploy(("child.bpmn", CHILD), ("parent.bpmn", PARENT))
        for _ in range(300):
            h.start("parent", payload={"n": 1})
            assert h.complete("work", {"result": 2}) == 1
        with engine.reading():
            sizes = _sizes(engine)
        assert sizes == {
            "process_instances": 2 * limit,  # each root keeps its called instance
            "element_instances": 6 * limit,  # start, call, end + start, task, end of child
            "jobs": limit,
            "variables": 4 * limit,  # payload and result, in parent and child
            "scope_vars": 2 * limit,
            "runs": 0,
            "instances": 0,
            "queued_jobs": 0,
            "timeline": 0,
        }
        assert len(engine.runtime.history) == limit


def test_the_most_recent_finished_instances_are_the_ones_kept(h: Harness) -> None:
    with Engine(history_limit=2) as engine:
        harness = Harness(engine)
        harness.deploy(("child.bpmn", CHILD))
        keys = []
        for _ in range(4):
            keys.append(harness.start("child"))
            harness.complete("work")
        assert [key for key in keys if key in engine.store.process_instances] == keys[2:]


def test_active_instances_are_never_evicted() -> None:
    with Engine(history_limit=0) as engine:
        harness = Harness(engine)
        harness.deploy(("child.bpmn", CHILD))
        waiting = harness.start("child")
        for _ in range(5):
            harness.start("child")
        assert waiting in engine.store.process_instances
        assert len(engine.store.process_instances) == 6
