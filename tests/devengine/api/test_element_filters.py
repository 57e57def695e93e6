"""Process-instance search by element: elementId, elementInstanceState and
hasElementInstanceIncident describe one element instance together, as in Camunda's search."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bpmn_builder import chain, end, flow, gateway, process, service, start

from camunda_core import CamundaClient
from camunda_core.client import NO_RETRY
from camunda_core.devengine import DevEngine
from camunda_core.errors import BadRequestError

#: Two parallel service tasks, ``pick`` and ``pack``, joined before the end.
SPLIT = process(
    "split",
    start(),
    gateway("parallel", "fork"),
    service("pick", "pick"),
    service("pack", "pack"),
    gateway("parallel", "join"),
    end(),
    chain("start", "fork"),
    flow("fork", "pick"),
    flow("fork", "pack"),
    flow("pick", "join"),
    flow("pack", "join"),
    chain("join", "end"),
)


@pytest.fixture
def camunda() -> Iterator[CamundaClient]:
    with DevEngine() as dev, dev.client(retry=NO_RETRY) as client:
        client.create_deployment(("split.bpmn", SPLIT))
        yield client


@pytest.fixture
def instances(camunda: CamundaClient) -> dict[str, str]:
    """``picked``: pick completed, pack active; ``waiting``: both active; ``broken``: pick
    failed for good (an incident on pick), pack active."""
    keys = {
        name: camunda.create_process_instance("split").process_instance_key
        for name in ("picked", "waiting", "broken")
    }
    jobs = {job.process_instance_key: job for job in camunda.activate_jobs("pick", max_jobs=3)}
    camunda.complete_job(jobs[keys["picked"]].job_key)
    camunda.fail_job(jobs[keys["broken"]].job_key, retries=0, error_message="no picker")
    camunda.fail_job(jobs[keys["waiting"]].job_key, retries=1, retry_backoff_ms=0)
    return keys


def found(camunda: CamundaClient, filter_: dict[str, Any]) -> set[str]:
    return {
        instance.process_instance_key
        for instance in camunda.search_process_instances(filter_).items
    }


def test_element_id_and_state_must_hold_for_the_same_element_instance(
    camunda: CamundaClient, instances: dict[str, str]
) -> None:
    # "picked" has an active element instance (pack) and one of pick, but pick is completed.
    active_pick = found(camunda, {"elementId": "pick", "elementInstanceState": "ACTIVE"})
    assert active_pick == {instances["waiting"], instances["broken"]}
    assert found(camunda, {"elementId": "pick", "elementInstanceState": "COMPLETED"}) == {
        instances["picked"]
    }
    assert found(camunda, {"elementId": "pack", "elementInstanceState": "ACTIVE"}) == set(
        instances.values()
    )


def test_the_incident_flag_belongs_to_the_same_element_instance(
    camunda: CamundaClient, instances: dict[str, str]
) -> None:
    assert found(camunda, {"elementId": "pick", "hasElementInstanceIncident": True}) == {
        instances["broken"]
    }
    # pack has no incident anywhere, though "broken" has one on pick.
    assert found(camunda, {"elementId": "pack", "hasElementInstanceIncident": True}) == set()
    assert found(
        camunda,
        {
            "elementId": "pick",
            "elementInstanceState": "ACTIVE",
            "hasElementInstanceIncident": False,
        },
    ) == {instances["waiting"]}


def test_without_element_id_the_element_instance_fields_filter_nothing(
    camunda: CamundaClient, instances: dict[str, str]
) -> None:
    """Camunda builds its element-instance query only from elementId; so does the engine."""
    everything = set(instances.values())
    assert found(camunda, {"elementInstanceState": "COMPLETED"}) == everything
    assert found(camunda, {"hasElementInstanceIncident": True}) == everything


def test_the_fields_still_work_inside_or_groups(
    camunda: CamundaClient, instances: dict[str, str]
) -> None:
    either = {
        "$or": [
            {"elementId": "pick", "elementInstanceState": "COMPLETED"},
            {"elementId": "pick", "hasElementInstanceIncident": True},
        ]
    }
    assert found(camunda, either) == {instances["picked"], instances["broken"]}


def test_a_bad_value_is_refused_even_without_element_id(camunda: CamundaClient) -> None:
    with pytest.raises(BadRequestError, match=r"filter\.elementInstanceState"):
        camunda.search_process_instances({"elementInstanceState": "HALF_DONE"})
