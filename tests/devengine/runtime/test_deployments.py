"""Deployments: versions, de-duplication, atomic refusal with every problem named, deletion."""

from __future__ import annotations

import pytest
from bpmn_builder import chain, end, process, service, start
from runtime_harness import Harness

from camunda_core.devengine.contract import InvalidArgument, InvalidState, NotFound
from camunda_core.devengine.runtime.keys import FIRST_KEY


def _simple(process_id: str = "p", job_type: str = "work") -> bytes:
    return process(
        process_id, start(), service("task", job_type), end(), chain("start", "task", "end")
    )


def test_keys_are_zeebe_style_strings_on_partition_one(h: Harness) -> None:
    deployment = h.deploy(_simple())
    assert deployment.deployment_key == str(FIRST_KEY) == "2251799813685249"
    definition = deployment.processes[0]
    assert int(definition.process_definition_key) > FIRST_KEY


def test_redeploying_the_same_file_returns_the_existing_version(h: Harness) -> None:
    first = h.deploy(("a.bpmn", _simple())).processes[0]
    again = h.deploy(("a.bpmn", _simple())).processes[0]
    assert again is first
    assert again.version == 1


def test_a_changed_file_gets_a_new_version_and_becomes_latest(h: Harness) -> None:
    h.deploy(("a.bpmn", _simple(job_type="one")))
    second = h.deploy(("a.bpmn", _simple(job_type="two"))).processes[0]
    assert second.version == 2
    key = h.start("p")
    assert h.instance(key).process_definition_version == 2
    assert len(h.activate("two")) == 1


def test_an_older_version_can_be_started_by_number_or_key(h: Harness) -> None:
    first = h.deploy(("a.bpmn", _simple(job_type="one"))).processes[0]
    h.deploy(("a.bpmn", _simple(job_type="two")))
    by_version = h.engine.create_process_instance(process_definition_id="p", version=1)
    by_key = h.engine.create_process_instance(process_definition_key=first.process_definition_key)
    assert by_version.instance.process_definition_version == 1
    assert by_key.instance.process_definition_key == first.process_definition_key
    assert len(h.activate("one")) == 2


def test_a_deployment_with_problems_is_refused_whole_and_names_each_problem(h: Harness) -> None:
    bad_feel = process(
        "bad",
        start(),
        service("task", "=concat(", retries="3"),
        end(),
        chain("start", "task", "end"),
    )
    with pytest.raises(InvalidArgument) as info:
        h.deploy(("good.bpmn", _simple("good")), ("bad.bpmn", bad_feel), ("notes.txt", b"hello"))
    detail = info.value.detail
    assert "bad.bpmn: element 'task' (bpmn:serviceTask): invalid FEEL expression" in detail
    assert "notes.txt: resource type is not supported" in detail
    with h.engine.reading():
        assert not h.engine.store.process_definitions  # nothing of the deployment was kept


def test_invalid_static_timers_are_refused_at_deploy(h: Harness) -> None:
    def timer_start(value: str) -> bytes:
        start_event = (
            '<bpmn:startEvent id="start"><bpmn:timerEventDefinition>'
            f"<bpmn:timeCycle>{value}</bpmn:timeCycle></bpmn:timerEventDefinition>"
            "</bpmn:startEvent>"
        )
        return process("p", start_event, end(), chain("start", "end"))

    with pytest.raises(InvalidArgument) as info:
        h.deploy(("zero.bpmn", timer_start("R3/PT0S")), ("never.bpmn", timer_start("0 0 0 31 2 *")))
    detail = info.value.detail
    assert "zero.bpmn: element 'start' (bpmn:startEvent): invalid timer cycle 'R3/PT0S'" in detail
    assert "never.bpmn: element 'start' (bpmn:startEvent)" in detail
    assert "never fires" in detail


def test_bpmn_parse_problems_are_reported_with_file_and_element(h: Harness) -> None:
    xml = process(
        "p", start(), '<bpmn:serviceTask id="task" />', end(), chain("start", "task", "end")
    )
    with pytest.raises(InvalidArgument) as info:
        h.deploy(("p.bpmn", xml))
    assert "p.bpmn" in info.value.detail
    assert "'task'" in info.value.detail
    assert "zeebe:taskDefinition" in info.value.detail


def test_the_same_process_id_twice_in_one_deployment_is_refused(h: Harness) -> None:
    with pytest.raises(InvalidArgument, match="duplicated process id 'p'"):
        h.deploy(("a.bpmn", _simple()), ("b.bpmn", _simple(job_type="x")))


def test_deleting_the_latest_version_makes_the_previous_one_latest(h: Harness) -> None:
    h.deploy(("a.bpmn", _simple(job_type="one")))
    second = h.deploy(("a.bpmn", _simple(job_type="two"))).processes[0]
    h.engine.delete_resource(second.process_definition_key)
    assert second.state == "DELETED"
    key = h.start("p")
    assert h.instance(key).process_definition_version == 1
    third = h.deploy(("a.bpmn", _simple(job_type="three"))).processes[0]
    assert third.version == 3  # versions are never reused


def test_a_definition_with_running_instances_cannot_be_deleted(h: Harness) -> None:
    definition = h.deploy(_simple()).processes[0]
    h.start("p")
    with pytest.raises(InvalidState):
        h.engine.delete_resource(definition.process_definition_key)


def test_deleting_an_unknown_resource_is_not_found(h: Harness) -> None:
    with pytest.raises(NotFound):
        h.engine.delete_resource("12345")


def test_starting_an_unknown_process_is_not_found(h: Harness) -> None:
    with pytest.raises(NotFound):
        h.start("missing")


def test_deployments_are_per_tenant(h: Harness) -> None:
    h.deploy(_simple(), tenant_id="red")
    with pytest.raises(NotFound):
        h.start("p")
    created = h.engine.create_process_instance(process_definition_id="p", tenant_id="red")
    assert created.instance.tenant_id == "red"
    assert h.activate("work", tenant_ids=["blue"]) == []
    assert len(h.activate("work", tenant_ids=["red"])) == 1


def test_forms_and_decisions_deploy_with_versions(h: Harness) -> None:
    form = b'{"id": "review", "components": [], "schemaVersion": 16}'
    deployment = h.deploy(("review.form", form), h.fixture("discount.dmn"))
    assert [f.form_id for f in deployment.forms] == ["review"]
    assert [d.decision_definition_id for d in deployment.decisions] == ["discount", "label"]
    again = h.deploy(("review.form", form.replace(b"16", b"17")))
    assert again.forms[0].version == 2
    assert h.engine.store.resource_content(again.forms[0].form_key).endswith(b"17}")


def test_resource_content_is_the_deployed_file(h: Harness) -> None:
    xml = _simple()
    definition = h.deploy(("p.bpmn", xml)).processes[0]
    assert h.engine.store.resource_content(definition.process_definition_key) == xml
    with pytest.raises(NotFound):
        h.engine.store.resource_content("1")
