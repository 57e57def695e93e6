"""The engine's one background thread: started per engine, gone after close()."""

from __future__ import annotations

import threading

from runtime_harness import SECOND

from camunda_core.devengine.runtime import Engine


def test_creating_and_closing_engines_leaks_no_threads() -> None:
    before = threading.active_count()
    for _ in range(25):
        engine = Engine()
        engine.pin_clock(engine.now() + SECOND)
        engine.close()
        engine.close()  # idempotent
    assert threading.active_count() == before


def test_the_scheduler_fires_timers_as_real_time_passes() -> None:
    from bpmn_builder import chain, end, process, start

    timer = "<bpmn:timerEventDefinition><bpmn:timeDuration>PT0.05S</bpmn:timeDuration></bpmn:timerEventDefinition>"
    xml = process(
        "p",
        start(),
        f'<bpmn:intermediateCatchEvent id="wait">{timer}</bpmn:intermediateCatchEvent>',
        end(),
        chain("start", "wait", "end"),
    )
    with Engine() as engine:
        engine.deploy([("p.bpmn", xml)], None)
        created = engine.create_process_instance(
            process_definition_id="p", await_completion=True, request_timeout_ms=5000
        )
        assert created.completion is not None
        assert created.completion.result(timeout=5) == {}


def test_closing_releases_awaited_completions_and_task_commands() -> None:
    import pytest
    from bpmn_builder import chain, end, process, start

    from camunda_core.devengine.contract import InvalidState, Timeout

    task = (
        '<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask /><zeebe:taskListeners>'
        '<zeebe:taskListener eventType="completing" type="check" /></zeebe:taskListeners>'
        "</bpmn:extensionElements></bpmn:userTask>"
    )
    engine = Engine()
    engine.deploy(
        [("p.bpmn", process("p", start(), task, end(), chain("start", "review", "end")))], None
    )
    created = engine.create_process_instance(process_definition_id="p", await_completion=True)
    (user_task,) = engine.store.user_tasks.values()
    completing = engine.complete_user_task(user_task.user_task_key)
    engine.close()
    assert created.completion is not None
    with pytest.raises(Timeout):
        created.completion.result(timeout=5)
    with pytest.raises(InvalidState):
        completing.result(timeout=5)
