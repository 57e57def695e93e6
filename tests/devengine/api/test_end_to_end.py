"""Every operation, end to end: our CamundaClient against the real runtime, in process and over
a socket. Each response is checked against the 8.9 spec by the session's observer; the tour
also asserts that it reached every operation the integration needs."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from devengine_operations import REQUIRED
from e2e_models import ALL

from camunda_core import AsyncCamundaClient, CamundaClient
from camunda_core.client import NO_RETRY
from camunda_core.devengine import DevEngine
from camunda_core.devengine.http import Request, Response
from camunda_core.errors import (
    BadRequestError,
    ConflictError,
    GatewayTimeoutError,
    NotFoundError,
)

T0 = 1_757_280_974_277


class Seen:
    """The operations an engine answered (an observer)."""

    def __init__(self) -> None:
        self.operations: set[str] = set()

    def __call__(self, request: Request, response: Response, operation_id: str | None) -> None:
        if operation_id and response.status < 500:
            self.operations.add(operation_id)


@pytest.fixture
def runtime_engine() -> Iterator[DevEngine]:
    """A dev engine over the real runtime."""
    with DevEngine() as dev:
        yield dev


@pytest.fixture(params=["in-process", "socket"])
def camunda(request: pytest.FixtureRequest, runtime_engine: DevEngine) -> Iterator[CamundaClient]:
    """Our client to the real runtime, in process and over HTTP."""
    if request.param == "in-process":
        with runtime_engine.client(retry=NO_RETRY) as client:
            yield client
    else:
        with (
            runtime_engine.serve() as url,
            CamundaClient(rest_address=url, retry=NO_RETRY) as client,
        ):
            yield client


def deploy(camunda: CamundaClient) -> dict[str, str]:
    """Deploy every e2e model; the keys by definition id."""
    deployment = camunda.create_deployment(*ALL)
    keys: dict[str, str] = {}
    for item in deployment.deployments:
        kinds = [value for value in item.model_dump().values() if value]
        assert len(kinds) == 1, "exactly one kind per deployment item"
        if item.process_definition:
            keys[item.process_definition.process_definition_id] = (
                item.process_definition.process_definition_key
            )
        if item.decision_definition:
            keys[item.decision_definition.decision_definition_id] = (
                item.decision_definition.decision_definition_key
            )
        if item.form:
            keys[item.form.form_id] = item.form.form_key
    return keys


def tour_cluster(camunda: CamundaClient) -> None:
    topology = camunda.get_topology()
    assert (topology.gateway_version, topology.partitions_count) == ("8.9.0", 1)
    assert camunda.get_status() is True
    assert camunda.get_authentication().username == "demo"
    camunda.pin_clock(T0)
    camunda.reset_clock()


def tour_definitions(camunda: CamundaClient, keys: dict[str, str]) -> None:
    payment = keys["e2e-payment"]
    assert camunda.get_process_definition(payment).has_start_form is True
    assert "e2e-payment" in (camunda.get_process_definition_xml(payment) or "")
    form = camunda.get_start_process_form(payment)
    assert form is not None
    assert form.form_id == "e2e-start-form"
    found = camunda.search_process_definitions({"processDefinitionId": {"$like": "e2e-*"}})
    assert found.page.total_items == 4
    decision = camunda.get_decision_definition(keys["discount"])
    assert decision.decision_requirements_id == "e2e-discounts"
    assert camunda.search_decision_definitions({"decisionDefinitionId": "discount"}).items


def tour_jobs_and_incidents(camunda: CamundaClient) -> str:
    """Fail a job to an incident, resolve it, complete the job; the instance key."""
    created = camunda.create_process_instance("e2e-payment", variables={"orderId": "A-1"})
    (job,) = camunda.activate_jobs("e2e-charge", max_jobs=5, timeout_ms=60_000, worker="tour")
    assert (job.custom_headers, job.variables) == ({"method": "card"}, {"orderId": "A-1"})
    camunda.fail_job(job.job_key, retries=0, error_message="card expired")
    (incident,) = camunda.search_incidents(
        {"processInstanceKey": created.process_instance_key}
    ).items
    assert camunda.get_incident(incident.incident_key).error_type == "JOB_NO_RETRIES"
    assert camunda.search_process_instance_incidents(created.process_instance_key).items
    camunda.update_job(job.job_key, retries=2)
    camunda.resolve_incident(incident.incident_key)
    (again,) = camunda.activate_jobs("e2e-charge", max_jobs=5, timeout_ms=60_000)
    camunda.update_job(again.job_key, timeout_ms=120_000)
    assert camunda.search_jobs({"jobKey": again.job_key}).items[0].retries == 2
    camunda.complete_job(again.job_key, variables={"paid": True})
    with pytest.raises(NotFoundError):
        camunda.complete_job(again.job_key)
    return created.process_instance_key


def tour_error_and_cancel(camunda: CamundaClient) -> None:
    created = camunda.create_process_instance("e2e-payment", variables={"orderId": "B-2"})
    (job,) = camunda.activate_jobs("e2e-charge", max_jobs=1, timeout_ms=60_000)
    camunda.throw_job_error(job.job_key, error_code="DECLINED", error_message="no funds")
    assert camunda.get_process_instance(created.process_instance_key).state == "COMPLETED"
    waiting = camunda.create_process_instance("e2e-message", variables={"orderId": "C-3"})
    camunda.cancel_process_instance(waiting.process_instance_key)
    assert camunda.get_process_instance(waiting.process_instance_key).state == "TERMINATED"
    with pytest.raises(NotFoundError):
        camunda.cancel_process_instance(waiting.process_instance_key)


def tour_user_task(camunda: CamundaClient, instance_key: str) -> None:
    (task,) = camunda.search_user_tasks({"processInstanceKey": instance_key}).items
    assert (task.candidate_groups, task.priority) == (["sales"], 70)
    form = camunda.get_user_task_form(task.user_task_key)
    assert form is not None
    assert form.form_id == "e2e-approval-form"
    camunda.assign_user_task(task.user_task_key, "ada")
    with pytest.raises(ConflictError):
        camunda.assign_user_task(task.user_task_key, "bob", allow_override=False)
    camunda.unassign_user_task(task.user_task_key)
    camunda.update_user_task(task.user_task_key, priority=90, candidate_groups=["sales", "ops"])
    assert camunda.get_user_task(task.user_task_key).priority == 90
    names = {v.name for v in camunda.search_user_task_variables(task.user_task_key).items}
    assert names == {"orderId", "paid"}
    effective = camunda.search_user_task_effective_variables(task.user_task_key)
    assert effective.page.total_items == 2
    camunda.complete_user_task(task.user_task_key, variables={"approved": True}, action="approve")
    assert camunda.get_process_instance(instance_key).state == "COMPLETED"


def tour_reads(camunda: CamundaClient, instance_key: str) -> None:
    instances = camunda.search_process_instances({"processInstanceKey": instance_key})
    assert instances.items[0].process_definition_id == "e2e-payment"
    elements = camunda.search_element_instances(
        {"processInstanceKey": instance_key, "elementId": "charge"}
    )
    element = camunda.get_element_instance(elements.items[0].element_instance_key)
    assert element.type == "SERVICE_TASK"
    variables = camunda.search_variables({"processInstanceKey": instance_key, "name": "approved"})
    assert camunda.get_variable(variables.items[0].variable_key).value == "true"


def tour_messages_signals_decisions(camunda: CamundaClient, keys: dict[str, str]) -> None:
    waiting = camunda.create_process_instance("e2e-message", variables={"orderId": "D-4"})
    element = camunda.search_element_instances(
        {"processInstanceKey": waiting.process_instance_key, "elementId": "m-wait"}
    )
    camunda.set_variables(element.items[0].element_instance_key, {"note": "soon"}, local=True)
    correlated = camunda.correlate_message("payment-received", correlation_key="D-4")
    assert correlated.process_instance_key == waiting.process_instance_key
    with pytest.raises(NotFoundError):
        camunda.correlate_message("payment-received", correlation_key="nobody")
    buffered = camunda.publish_message(
        "payment-received", correlation_key="E-5", time_to_live_ms=60_000
    )
    later = camunda.create_process_instance("e2e-message", variables={"orderId": "E-5"})
    assert buffered.message_key
    assert camunda.get_process_instance(later.process_instance_key).state == "COMPLETED"
    signalled = camunda.create_process_instance("e2e-signal")
    camunda.broadcast_signal("go")
    assert camunda.get_process_instance(signalled.process_instance_key).state == "COMPLETED"
    evaluated = camunda.evaluate_decision(
        decision_definition_id="discount", variables={"customer": "gold"}
    )
    assert (evaluated.output, evaluated.failure_message) == ("0.2", None)
    by_key = camunda.evaluate_decision(
        decision_definition_key=keys["discount"], variables={"customer": "x"}
    )
    assert by_key.output == "0"


def tour_creation_and_deletion(camunda: CamundaClient, keys: dict[str, str]) -> None:
    awaited = camunda.create_process_instance(
        "e2e-instant", variables={"a": 1}, await_completion=True
    )
    assert awaited.variables == {"a": 1}
    by_key = camunda.create_process_instance(
        process_definition_key=keys["e2e-signal"], tags=["tour"]
    )
    assert by_key.tags == ["tour"]
    deleted = camunda.delete_resource(keys["e2e-approval-form"])
    assert deleted.resource_key == keys["e2e-approval-form"]


def test_every_operation_round_trips(runtime_engine: DevEngine, camunda: CamundaClient) -> None:
    seen = Seen()
    runtime_engine.app.add_response_observer(seen)
    tour_cluster(camunda)
    keys = deploy(camunda)
    tour_definitions(camunda, keys)
    instance_key = tour_jobs_and_incidents(camunda)
    tour_error_and_cancel(camunda)
    tour_user_task(camunda, instance_key)
    tour_reads(camunda, instance_key)
    tour_messages_signals_decisions(camunda, keys)
    tour_creation_and_deletion(camunda, keys)
    assert REQUIRED - seen.operations == set()


def test_awaiting_completion_times_out_with_504(camunda: CamundaClient) -> None:
    deploy(camunda)
    with pytest.raises(GatewayTimeoutError):
        camunda.create_process_instance("e2e-message", await_completion=True, request_timeout_ms=50)


def test_an_unsupported_model_is_refused_naming_the_element(camunda: CamundaClient) -> None:
    broken = ALL[0][1].replace(b'<zeebe:taskDefinition type="e2e-charge" retries="3" />', b"")
    with pytest.raises(BadRequestError) as refused:
        camunda.create_deployment(("broken.bpmn", broken))
    assert "charge" in str(refused.value)


async def test_the_async_client_against_the_runtime(runtime_engine: DevEngine) -> None:
    sync_client = runtime_engine.client(retry=NO_RETRY)
    deploy(sync_client)
    sync_client.close()
    with runtime_engine.serve() as url:
        for client in (
            runtime_engine.async_client(retry=NO_RETRY),
            AsyncCamundaClient(rest_address=url, retry=NO_RETRY),
        ):
            async with client:
                created = await client.create_process_instance(
                    "e2e-payment", variables={"orderId": "F-6"}
                )
                jobs = await client.activate_jobs(
                    "e2e-charge", max_jobs=1, timeout_ms=10_000, request_timeout_ms=5_000
                )
                assert [j.process_instance_key for j in jobs] == [created.process_instance_key]
                await client.complete_job(jobs[0].job_key)


def test_a_long_poll_on_the_runtime_returns_when_an_instance_creates_a_job(
    runtime_engine: DevEngine, camunda: CamundaClient
) -> None:
    deploy(camunda)
    timer = threading.Timer(0.2, lambda: camunda.create_process_instance("e2e-payment"))
    timer.start()
    jobs = camunda.activate_jobs(
        "e2e-charge", max_jobs=5, timeout_ms=10_000, request_timeout_ms=20_000
    )
    timer.join()
    assert [job.element_id for job in jobs] == ["charge"]
