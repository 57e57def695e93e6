"""Multi-instance activities: parallel and sequential bodies, input and output collections,
completion conditions, empty collections, boundary events on the body.
"""

from __future__ import annotations

from bpmn_builder import attr, boundary, chain, end, flow, io, process, start
from runtime_harness import HOUR, Harness


def _multi(
    sequential: bool = False,
    completion: str | None = None,
    output: bool = True,
    extensions: str = "",
) -> str:
    loop = (
        '<zeebe:loopCharacteristics inputCollection="=items" inputElement="item"'
        + (' outputCollection="results" outputElement="=result"' if output else "")
        + " />"
    )
    condition = (
        f"<bpmn:completionCondition>{attr(completion)}</bpmn:completionCondition>"
        if completion
        else ""
    )
    return (
        '<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="work" />'
        f"{extensions}</bpmn:extensionElements>"
        f'<bpmn:multiInstanceLoopCharacteristics isSequential="{str(sequential).lower()}">'
        f"<bpmn:extensionElements>{loop}</bpmn:extensionElements>{condition}"
        "</bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>"
    )


def _deploy(h: Harness, task: str, *more: str) -> None:
    h.deploy(process("p", start(), task, end(), chain("start", "task", "end"), *more))


def test_parallel_instances_run_at_once_and_collect_output_in_input_order(h: Harness) -> None:
    _deploy(h, _multi())
    key = h.start("p", items=["a", "b", "c"])
    jobs = h.activate("work")
    assert [job.variables["item"] for job in jobs] == ["a", "b", "c"]
    assert [job.variables["loopCounter"] for job in jobs] == [1, 2, 3]
    for job in reversed(jobs):
        h.engine.set_variables(
            job.job.element_instance_key, {"result": job.variables["item"] * 2}, local=True
        )
        h.engine.complete_job(job.job.job_key)
    assert h.state(key) == "COMPLETED"
    assert h.variables(key)["results"] == ["aa", "bb", "cc"]
    body = next(e for e in h.elements(key) if e.type == "MULTI_INSTANCE_BODY")
    inner = [e for e in h.elements(key) if e.type == "SERVICE_TASK"]
    assert {e.flow_scope_key for e in inner} == {body.element_instance_key}


def test_sequential_instances_run_one_after_the_other(h: Harness) -> None:
    _deploy(h, _multi(sequential=True, extensions=io(outputs={"result": "=item + 1"})))
    key = h.start("p", items=[1, 2, 3])
    seen = []
    for _ in range(3):
        (job,) = h.activate("work")
        seen.append(job.variables["item"])
        h.engine.complete_job(job.job.job_key)
    assert seen == [1, 2, 3]
    assert h.variables(key)["results"] == [2, 3, 4]


def test_an_empty_collection_skips_the_activity_with_an_empty_output(h: Harness) -> None:
    _deploy(h, _multi())
    key = h.start("p", items=[])
    assert h.state(key) == "COMPLETED"
    assert h.variables(key)["results"] == []


def test_a_missing_collection_is_an_incident(h: Harness) -> None:
    _deploy(h, _multi())
    key = h.start("p")
    (incident,) = h.incidents(key)
    assert incident.error_type == "EXTRACT_VALUE_ERROR"
    assert "ARRAY" in incident.error_message


def test_the_completion_condition_ends_the_remaining_instances(h: Harness) -> None:
    _deploy(h, _multi(completion="=numberOfCompletedInstances >= 2", output=False))
    key = h.start("p", items=[1, 2, 3, 4])
    jobs = h.activate("work")
    h.engine.complete_job(jobs[0].job.job_key)
    assert h.state(key) == "ACTIVE"
    h.engine.complete_job(jobs[1].job.job_key)
    assert h.state(key) == "COMPLETED"
    inner = [e.state for e in h.elements(key) if e.type == "SERVICE_TASK"]
    assert sorted(inner) == ["COMPLETED", "COMPLETED", "TERMINATED", "TERMINATED"]


def test_an_interrupting_boundary_on_the_body_ends_all_instances(h: Harness) -> None:
    timer = "<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>"
    _deploy(
        h,
        _multi(),
        boundary("late", "task", timer),
        end("late_end"),
        flow("late", "late_end"),
    )
    key = h.start("p", items=[1, 2])
    h.advance(HOUR)
    assert h.state(key) == "COMPLETED"
    assert "results" not in h.variables(key)
    assert h.activate("work") == []


def test_a_multi_instance_sub_process_has_a_scope_per_instance(h: Harness) -> None:
    loop = (
        "<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics "
        'inputCollection="=items" inputElement="item" /></bpmn:extensionElements>'
        "</bpmn:multiInstanceLoopCharacteristics>"
    )
    sub = (
        f'<bpmn:subProcess id="task">{loop}<bpmn:startEvent id="s" />'
        '<bpmn:serviceTask id="inner"><bpmn:extensionElements><zeebe:taskDefinition type="inner" />'
        '</bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="e" />'
        + chain("s", "inner", "e")
        + "</bpmn:subProcess>"
    )
    _deploy(h, sub)
    key = h.start("p", items=["x", "y"])
    jobs = h.activate("inner")
    assert sorted(job.variables["item"] for job in jobs) == ["x", "y"]
    for job in jobs:
        h.engine.complete_job(job.job.job_key)
    assert h.state(key) == "COMPLETED"
