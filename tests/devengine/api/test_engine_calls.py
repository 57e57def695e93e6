"""Each request becomes the right engine command, with defaults filled in as the spec says,
and each engine answer the right response (checked against the spec by the session observer)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fake_engine import FakeEngine, job_record

from camunda_core import AsyncCamundaClient, CamundaClient
from camunda_core.devengine.contract import InvalidState, Timeout
from camunda_core.devengine.records import UserTaskRecord


def last_call(fake: FakeEngine, name: str) -> dict[str, Any]:
    calls = [arguments for called, arguments in fake.calls if called == name]
    assert calls, f"{name} was not called; calls: {[c for c, _ in fake.calls]}"
    return calls[-1]


def test_activation_maps_every_field(raw: httpx.Client, fake: FakeEngine) -> None:
    body = {
        "type": "pay",
        "worker": "w1",
        "timeout": 5000,
        "maxJobsToActivate": 7,
        "fetchVariable": ["a", "b"],
        "requestTimeout": -1,
        "tenantIds": ["t1"],
    }
    assert raw.post("/jobs/activation", json=body).json() == {"jobs": []}
    assert last_call(fake, "activate_jobs") == {
        "job_type": "pay",
        "worker": "w1",
        "timeout_ms": 5000,
        "max_jobs": 7,
        "fetch_variables": ["a", "b"],
        "tenant_ids": ["t1"],
        "request_timeout_ms": -1,
    }


def test_assigned_tenants_are_the_dev_users(raw: httpx.Client, fake: FakeEngine) -> None:
    body = {
        "type": "pay",
        "timeout": 1,
        "maxJobsToActivate": 1,
        "requestTimeout": -1,
        "tenantFilter": "ASSIGNED",
    }
    raw.post("/jobs/activation", json=body)
    assert last_call(fake, "activate_jobs")["tenant_ids"] == ("<default>",)


def test_job_answers_map_their_bodies(raw: httpx.Client, fake: FakeEngine) -> None:
    for key in ("1", "2", "3"):
        fake.add_job(job_record(key))
    raw.post("/jobs/activation", json={"type": "work", "timeout": 1000, "maxJobsToActivate": 3})
    assert raw.post("/jobs/1/completion", json={"variables": {"x": 1}}).status_code == 204
    assert last_call(fake, "complete_job") == {
        "job_key": "1",
        "variables": {"x": 1},
        "result": None,
    }
    assert raw.post("/jobs/2/failure", json={"retries": 2, "retryBackOff": 500}).status_code == 204
    assert last_call(fake, "fail_job") == {
        "job_key": "2",
        "retries": 2,
        "error_message": None,
        "retry_backoff_ms": 500,
        "variables": None,
    }
    assert raw.post("/jobs/3/error", json={"errorCode": "E1"}).status_code == 204
    assert last_call(fake, "throw_job_error")["error_code"] == "E1"
    assert raw.patch("/jobs/3", json={"changeset": {"timeout": 9000}}).status_code == 204
    assert last_call(fake, "update_job") == {"job_key": "3", "retries": None, "timeout_ms": 9000}


def test_a_completion_without_a_body_is_fine(raw: httpx.Client, fake: FakeEngine) -> None:
    fake.add_job(job_record("1"))
    raw.post("/jobs/activation", json={"type": "work", "timeout": 1000, "maxJobsToActivate": 1})
    assert raw.post("/jobs/1/completion").status_code == 204


def test_rejections_keep_their_status_and_title(raw: httpx.Client, fake: FakeEngine) -> None:
    fake.add_job(job_record("1"))
    conflict = raw.post("/jobs/1/completion")  # not activated
    assert (conflict.status_code, conflict.json()["title"]) == (409, "INVALID_STATE")
    missing = raw.post("/jobs/9/failure", json={})
    assert (missing.status_code, missing.json()["title"]) == (404, "NOT_FOUND")


def test_creation_by_id_fills_the_defaults(client: CamundaClient, fake: FakeEngine) -> None:
    created = client.create_process_instance("order", variables={"a": 1}, tags=["vip"])
    assert created.process_definition_id == "order"
    arguments = last_call(fake, "create_process_instance")
    assert arguments["version"] == -1
    assert arguments["await_completion"] is False
    assert arguments["tags"] == ["vip"]
    assert arguments["start_before_elements"] == []


def test_creation_awaiting_completion_answers_with_variables(client: CamundaClient) -> None:
    created = client.create_process_instance("order", variables={"total": 3}, await_completion=True)
    assert created.variables == {"total": 3}


def test_creation_by_key_with_start_instructions(raw: httpx.Client, fake: FakeEngine) -> None:
    body = {"processDefinitionKey": "2251799813685249", "startInstructions": [{"elementId": "pay"}]}
    assert raw.post("/process-instances", json=body).status_code == 200
    arguments = last_call(fake, "create_process_instance")
    assert arguments["process_definition_key"] == "2251799813685249"
    assert arguments["start_before_elements"] == ["pay"]


def test_runtime_instructions_are_refused_not_ignored(raw: httpx.Client) -> None:
    body = {
        "processDefinitionId": "order",
        "runtimeInstructions": [{"type": "TERMINATE_PROCESS_INSTANCE", "afterElementId": "a"}],
    }
    response = raw.post("/process-instances", json=body)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("runtimeInstructions:")


def test_messages_and_signals(client: CamundaClient, fake: FakeEngine) -> None:
    published = client.publish_message("paid", correlation_key="A-1", time_to_live_ms=1000)
    assert published.tenant_id == "<default>"
    assert last_call(fake, "publish_message")["time_to_live_ms"] == 1000
    correlated = client.correlate_message("paid", correlation_key="A-1")
    assert correlated.process_instance_key == "2251799813685300"
    assert client.broadcast_signal("go").signal_key
    assert last_call(fake, "broadcast_signal")["name"] == "go"


def test_clock_pin_and_reset(client: CamundaClient, fake: FakeEngine) -> None:
    client.pin_clock(1757280974277)
    assert fake.now() == 1757280974277
    client.reset_clock()
    assert last_call(fake, "reset_clock") == {}


def test_set_variables_on_a_scope(raw: httpx.Client, fake: FakeEngine) -> None:
    body = {"variables": {"x": 1}, "local": True}
    assert raw.put("/element-instances/12/variables", json=body).status_code == 204
    assert last_call(fake, "set_variables") == {
        "element_instance_key": "12",
        "variables": {"x": 1},
        "local": True,
    }


def user_task(key: str) -> UserTaskRecord:
    return UserTaskRecord(
        key,
        "Approve",
        "CREATED",
        "approve",
        "31",
        "order",
        "2251799813685249",
        1,
        "Order",
        "30",
        1757280974277,
        "<default>",
    )


def test_user_task_commands(client: CamundaClient, fake: FakeEngine) -> None:
    fake.store.user_tasks["40"] = user_task("40")
    client.assign_user_task("40", "ada", allow_override=False)
    assert last_call(fake, "assign_user_task") == {
        "user_task_key": "40",
        "assignee": "ada",
        "allow_override": False,
        "action": None,
    }
    client.unassign_user_task("40")
    client.complete_user_task("40", variables={"ok": True}, action="approve")
    assert last_call(fake, "complete_user_task")["action"] == "approve"
    client.update_user_task("40", priority=80)
    assert last_call(fake, "update_user_task")["changeset"] == {"priority": 80}
    assert client.get_user_task("40").name == "Approve"
    assert client.get_user_task_form("40") is None


def test_user_task_rejections_from_the_future_are_problems(
    raw: httpx.Client, fake: FakeEngine
) -> None:
    fake.store.user_tasks["40"] = user_task("40")

    def denied(user_task_key: str, **arguments: Any) -> Any:
        from concurrent.futures import Future

        future: Future[None] = Future()
        future.set_exception(InvalidState("a listener denied it"))
        return future

    fake.complete_user_task = denied  # type: ignore[method-assign]
    answer = raw.post("/user-tasks/40/completion", json={})
    assert (answer.status_code, answer.json()["detail"]) == (409, "a listener denied it")

    def slow(user_task_key: str, **arguments: Any) -> Any:
        raise Timeout("no listener answered")

    fake.assign_user_task = slow  # type: ignore[method-assign]
    assert raw.post("/user-tasks/40/assignment", json={"assignee": "ada"}).status_code == 504


def test_an_empty_assignee_is_refused(raw: httpx.Client) -> None:
    answer = raw.post("/user-tasks/40/assignment", json={"assignee": ""})
    assert answer.json()["detail"].startswith("assignee:")


def test_deployment_result_has_one_kind_per_item(client: CamundaClient, fake: FakeEngine) -> None:
    deployment = client.create_deployment(("order.bpmn", b"<definitions/>"))
    assert last_call(fake, "deploy")["resources"] == [("order.bpmn", b"<definitions/>")]
    (item,) = deployment.deployments
    assert item.process_definition is not None
    assert item.process_definition.process_definition_id == "order"
    key = item.process_definition.process_definition_key
    assert client.get_process_definition_xml(key) == "<definitions/>"


def test_xml_is_served_as_xml(raw: httpx.Client, client: CamundaClient) -> None:
    key = (
        client.create_deployment(("order.bpmn", b"<definitions/>"))
        .deployments[0]
        .process_definition.process_definition_key
    )  # type: ignore[union-attr]
    response = raw.get(f"/process-definitions/{key}/xml")
    assert response.headers["content-type"].startswith("text/xml")
    assert response.content == b"<definitions/>"


def test_deleting_an_unknown_resource_is_a_404(raw: httpx.Client) -> None:
    assert raw.post("/resources/1/deletion").status_code == 404


def test_unknown_entities_are_404_problems(raw: httpx.Client) -> None:
    for path in (
        "/process-instances/1",
        "/jobs/1/failure",
        "/incidents/1",
        "/variables/1",
        "/user-tasks/1",
        "/element-instances/1",
        "/process-definitions/1",
        "/decision-definitions/1",
    ):
        method = "POST" if path.endswith("failure") else "GET"
        answer = raw.request(method, path, json={} if method == "POST" else None)
        assert answer.status_code == 404, path


@pytest.mark.parametrize("truncate", ["true", "false"])
def test_unknown_user_task_variables_are_an_empty_page(raw: httpx.Client, truncate: str) -> None:
    answer = raw.post(f"/user-tasks/1/variables/search?truncateValues={truncate}", json={})
    assert answer.json()["items"] == []


async def test_the_async_client_works_in_process(async_client: AsyncCamundaClient) -> None:
    assert (await async_client.get_topology()).partitions_count == 1
    assert (await async_client.search_process_instances({"state": "ACTIVE"})).items == []
