"""Camunda's own Python SDK (``camunda-orchestration-sdk`` 9.x) against the dev engine over HTTP.

The SDK is generated from the 8.9 spec and parses every answer into its models, so a shape,
status or header the engine gets wrong breaks it here (and the suite's spec observer checks
every response the engine gives). Each test drives one part of the SDK's common surface with
the SDK alone, then checks the engine's state with our own client.

The engine and its server are shared by the module; each test starts its own instances. The
module is long because the SDK's models are verbose and its surface is walked in one place,
next to the helpers every step shares.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from camunda_core import AsyncCamundaClient, CamundaClient
from camunda_core.client import NO_RETRY
from camunda_core.devengine import AuthConfig, DevEngine

sdk = pytest.importorskip(
    "camunda_orchestration_sdk", reason="camunda-orchestration-sdk (the dev extra) is not installed"
)
from camunda_orchestration_sdk import errors as sdk_errors  # noqa: E402
from camunda_orchestration_sdk import models as m  # noqa: E402

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROCESS_ID = "fidelity-order"
JOB_TYPE = "fidelity-work"
MESSAGE = "fidelity-go"
#: The SDK logs through this logger (captured by pytest) instead of loguru on stderr.
SDK_LOG = logging.getLogger("fidelity.sdk")


# --- the engine, the SDK and our client ---------------------------------------------------------
@pytest.fixture(autouse=True)
def _no_errors_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Neither the SDK (its worker logs poll and completion failures) nor the engine (it logs a
    handler that failed) may log an error while the SDK runs."""
    with caplog.at_level(logging.WARNING):
        yield
    errors = [
        f"{record.name}: {record.getMessage()}"
        for record in caplog.records
        if record.levelno >= logging.ERROR
        and record.name.startswith((SDK_LOG.name, "camunda_core.devengine"))
    ]
    assert not errors, errors


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    """One dev engine for the module, served on a free loopback port; its REST address."""
    with DevEngine() as dev, dev.serve() as url:
        yield url


def _sdk_client(url: str) -> Any:
    return sdk.CamundaClient(
        configuration={"CAMUNDA_REST_ADDRESS": url, "CAMUNDA_AUTH_STRATEGY": "NONE"},
        logger=SDK_LOG,
    )


@pytest.fixture
def official(served: str) -> Iterator[Any]:
    """The official SDK's sync client, configured with a configuration dict."""
    with _sdk_client(served) as client:
        yield client


@pytest.fixture
def ours(served: str) -> Iterator[CamundaClient]:
    """Our own client over the same HTTP address, to check what the SDK did."""
    with CamundaClient(rest_address=served, retry=NO_RETRY) as client:
        yield client


@pytest.fixture
def deployment(official: Any) -> Any:
    """The fixture process, its form and a decision, deployed by the SDK (per test, so the
    spec check sees the answer; the same files again keep their version 1)."""
    return official.deploy_resources_from_files(
        [
            FIXTURES / "fidelity-order.bpmn",
            FIXTURES / "fidelity-review.form",
            FIXTURES / "fidelity-discount.dmn",
        ]
    )


# --- SDK steps shared by the tests ------------------------------------------------------------
def _start(official: Any, order_id: str) -> str:
    created = official.create_process_instance(
        data=m.ProcessCreationById(
            process_definition_id=PROCESS_ID,
            variables=m.ProcessInstanceCreationInstructionByIdVariables.from_dict(
                {"orderId": order_id}
            ),
        )
    )
    return str(created.process_instance_key)


def _activate_own_job(official: Any, instance: str) -> Any:
    """Activate the open jobs of the fixture type; keep the one of ``instance`` and hand the
    others (other tests' instances) back unchanged."""
    activated = official.activate_jobs(
        data=m.JobActivationRequest(
            type_=JOB_TYPE, timeout=30_000, max_jobs_to_activate=100, worker="fidelity"
        )
    )
    own = None
    for job in activated.jobs:
        if str(job.process_instance_key) == instance:
            own = job
        else:
            official.fail_job(job.job_key, data=m.JobFailRequest(retries=job.retries))
    assert own is not None, f"no {JOB_TYPE} job of instance {instance} could be activated"
    return own


def _open_user_task(official: Any, instance: str) -> Any:
    found = official.search_user_tasks(
        data=m.UserTaskSearchQuery(
            filter_=m.UserTaskSearchQueryFilter(
                process_instance_key=instance, state=m.UserTaskStateExactMatch.CREATED
            )
        )
    )
    assert len(found.items) == 1, found
    return found.items[0]


def _to_the_message_catch(official: Any, instance: str) -> None:
    """Work the service task and complete the user task, all with the SDK."""
    job = _activate_own_job(official, instance)
    official.complete_job(job.job_key, data=m.JobCompletionRequest())
    task = _open_user_task(official, instance)
    official.complete_user_task(task.user_task_key)


def _element_states(ours: CamundaClient, instance: str) -> dict[str, str]:
    found = ours.search_element_instances({"processInstanceKey": instance}, page={"limit": 100})
    return {item.element_id: str(item.state) for item in found.items}


def _wait_completed(ours: CamundaClient, instance: str) -> None:
    ours.wait_until(
        lambda: ours.get_process_instance(instance),
        lambda found: str(found.state) == "COMPLETED",
        timeout=10,
        interval=0.05,
        description=f"instance {instance} completed",
    )


# --- cluster ------------------------------------------------------------------------------------
def test_topology_and_status_with_configuration_from_camunda_variables(
    served: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", served.removesuffix("/v2"))  # the SDK adds /v2
    monkeypatch.setenv("CAMUNDA_AUTH_STRATEGY", "NONE")
    with sdk.CamundaClient(logger=SDK_LOG) as client:
        assert client.configuration.CAMUNDA_REST_ADDRESS.rstrip("/") == served
        topology = client.get_topology()
        assert client.get_status() is None  # 204: the cluster has a healthy partition

    assert topology.gateway_version.startswith("8.9")
    assert topology.cluster_size == len(topology.brokers) == 1
    partition = topology.brokers[0].partitions[0]
    assert (str(partition.role), str(partition.health)) == ("leader", "healthy")


@pytest.mark.parametrize("mode", ["basic", "oauth"])
def test_the_sdk_authenticates_with_basic_and_oauth(mode: str) -> None:
    with DevEngine(auth=AuthConfig(mode=mode)) as dev, dev.serve() as url:
        base = url.removesuffix("/v2")
        configuration = {
            "CAMUNDA_REST_ADDRESS": url,
            "CAMUNDA_AUTH_STRATEGY": mode.upper(),
            "CAMUNDA_BASIC_AUTH_USERNAME": "demo",
            "CAMUNDA_BASIC_AUTH_PASSWORD": "demo",
            "CAMUNDA_OAUTH_URL": f"{base}/oauth/token",
            "CAMUNDA_CLIENT_ID": "devengine",
            "CAMUNDA_CLIENT_SECRET": "devengine-secret",
            "CAMUNDA_TOKEN_DISK_CACHE_DISABLE": "true",
        }
        with sdk.CamundaClient(configuration=configuration, logger=SDK_LOG) as client:
            assert client.get_topology().cluster_size == 1
        wrong = {**configuration, "CAMUNDA_BASIC_AUTH_PASSWORD": "wrong"}
        if mode == "basic":
            with (
                sdk.CamundaClient(configuration=wrong, logger=SDK_LOG) as client,
                pytest.raises(sdk_errors.UnauthorizedError),
            ):
                client.get_topology()


# --- deployments and process instances ----------------------------------------------------------
def test_deploy_a_process_and_its_form(deployment: Any, ours: CamundaClient) -> None:
    assert [p.process_definition_id for p in deployment.processes] == [PROCESS_ID]
    assert [f.form_id for f in deployment.forms] == ["fidelity-review"]
    assert [d.decision_definition_id for d in deployment.decisions] == ["fidelity-discount"]
    assert [r.decision_requirements_id for r in deployment.decision_requirements] == [
        "fidelity-discounts"
    ]
    definition_key = str(deployment.processes[0].process_definition_key)

    definition = ours.get_process_definition(definition_key)
    assert (definition.process_definition_id, definition.version) == (PROCESS_ID, 1)


def test_create_an_instance_by_id_and_search_it(
    deployment: Any, official: Any, ours: CamundaClient
) -> None:
    instance = _start(official, "order-search")

    found = official.search_process_instances(
        data=m.ProcessInstanceSearchQuery(
            filter_=m.ProcessInstanceSearchQueryFilter(
                process_definition_id=PROCESS_ID, process_instance_key=instance
            ),
            sort=[
                m.ProcessInstanceSearchQuerySortRequest(
                    field=m.ProcessInstanceSearchQuerySortRequestField.STARTDATE,
                    order=m.SortOrderEnum.DESC,
                )
            ],
            page=m.LimitBasedPagination(limit=10),
        )
    )
    assert [str(item.process_instance_key) for item in found.items] == [instance]
    assert str(found.items[0].state) == "ACTIVE"
    assert found.page.total_items == 1

    assert str(ours.get_process_instance(instance).state) == "ACTIVE"
    assert _element_states(ours, instance)["Work"] == "ACTIVE"
    ours.cancel_process_instance(instance)


def test_problem_details_become_the_sdk_error_types(deployment: Any, official: Any) -> None:
    with pytest.raises(sdk_errors.NotFoundError) as missing:
        official.get_process_instance("2251799813999999")
    assert missing.value.status_code == 404

    with pytest.raises(sdk_errors.BadRequestError) as invalid:
        official.search_process_instances(
            data=m.ProcessInstanceSearchQuery(page=m.LimitBasedPagination(limit=0))
        )
    assert invalid.value.parsed is not None  # the problem detail parsed into the SDK's model


# --- the SDK's job worker -------------------------------------------------------------------------
JOBS_FOR_THE_WORKER = 5


async def _completed_jobs(ours: AsyncCamundaClient, instances: set[str]) -> int:
    found = await ours.search_jobs({"type": JOB_TYPE, "state": "COMPLETED"}, page={"limit": 100})
    return sum(1 for job in found.items if str(job.process_instance_key) in instances)


async def test_the_sdk_job_worker_completes_jobs_and_stops_cleanly(
    deployment: Any, served: str
) -> None:
    client = sdk.CamundaAsyncClient(
        configuration={"CAMUNDA_REST_ADDRESS": served, "CAMUNDA_AUTH_STRATEGY": "NONE"},
        logger=SDK_LOG,
    )
    seen: list[dict[str, Any]] = []

    async def work(job: Any) -> dict[str, Any]:
        seen.append({"headers": job.custom_headers.to_dict(), **job.variables.to_dict()})
        return {"worked": True}

    async with AsyncCamundaClient(rest_address=served, retry=NO_RETRY) as ours:
        instances = set()
        for number in range(JOBS_FOR_THE_WORKER):
            created = await client.create_process_instance(
                data=m.ProcessCreationById(
                    process_definition_id=PROCESS_ID,
                    variables=m.ProcessInstanceCreationInstructionByIdVariables.from_dict(
                        {"orderId": f"order-worker-{number}"}
                    ),
                )
            )
            instances.add(str(created.process_instance_key))

        worker = client.create_job_worker(
            config=sdk.WorkerConfig(
                job_type=JOB_TYPE,
                job_timeout_milliseconds=30_000,
                request_timeout_milliseconds=2_000,
                max_concurrent_jobs=JOBS_FOR_THE_WORKER * 2,
                worker_name="fidelity-sdk-worker",
            ),
            callback=work,
        )
        running = asyncio.create_task(client.run_workers())
        try:
            deadline = time.monotonic() + 20
            while await _completed_jobs(ours, instances) < JOBS_FOR_THE_WORKER:
                assert time.monotonic() < deadline, f"the SDK worker completed only {seen}"
                await asyncio.sleep(0.1)
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)
            _release_worker_resources(worker)
            await client.aclose()

        assert not worker.running
        orders = sorted(item["orderId"] for item in seen if item["orderId"].startswith("order-w"))
        assert orders == sorted(f"order-worker-{n}" for n in range(JOBS_FOR_THE_WORKER))
        assert all(item["headers"] == {"purpose": "fidelity"} for item in seen)
        for instance in instances:
            tasks = await ours.search_user_tasks({"processInstanceKey": instance})
            assert [t.element_id for t in tasks.items] == ["Review"]
            variables = await ours.search_variables(
                {"processInstanceKey": instance, "name": "worked"}
            )
            assert [v.value for v in variables.items] == ["true"]


def _release_worker_resources(worker: Any) -> None:
    """``JobWorker.stop()`` stops its private event loop and cancels its poll, but leaves the
    loop and its executors open; close them so the test leaks nothing (an SDK matter)."""
    worker.worker_thread.join(timeout=5)
    if not worker.worker_loop.is_running():
        worker.worker_loop.close()
    worker.thread_pool.shutdown(wait=True)
    worker.process_pool.shutdown(wait=True)


# --- user tasks ---------------------------------------------------------------------------------------
def test_search_assign_and_complete_a_user_task(
    deployment: Any, official: Any, ours: CamundaClient
) -> None:
    instance = _start(official, "order-task")
    job = _activate_own_job(official, instance)
    official.complete_job(
        job.job_key,
        data=m.JobCompletionRequest(
            variables=m.JobCompletionRequestVariables.from_dict({"amount": 42})
        ),
    )

    task = _open_user_task(official, instance)
    assert (task.element_id, task.candidate_groups) == ("Review", ["reviewers"])
    official.assign_user_task(task.user_task_key, data=m.UserTaskAssignmentRequest(assignee="demo"))
    assigned = official.get_user_task(task.user_task_key)
    assert assigned.assignee == "demo"
    form = official.get_user_task_form(task.user_task_key)
    assert form.form_id == "fidelity-review"

    official.complete_user_task(
        task.user_task_key,
        data=m.UserTaskCompletionRequest(
            variables=m.UserTaskCompletionRequestVariables.from_dict({"approved": True})
        ),
    )

    done = ours.get_user_task(str(task.user_task_key))
    assert (str(done.state), done.assignee) == ("COMPLETED", "demo")
    values = {
        v.name: v.value for v in ours.search_variables({"processInstanceKey": instance}).items
    }
    assert (values["amount"], values["approved"]) == ("42", "true")
    assert _element_states(ours, instance)["WaitForGo"] == "ACTIVE"


# --- messages ----------------------------------------------------------------------------------------
def test_publish_and_correlate_messages(
    deployment: Any, official: Any, ours: CamundaClient
) -> None:
    published_to = _start(official, "order-publish")
    correlated_to = _start(official, "order-correlate")
    for instance in (published_to, correlated_to):
        _to_the_message_catch(official, instance)

    published = official.publish_message(
        data=m.MessagePublicationRequest(
            name=MESSAGE,
            correlation_key="order-publish",
            time_to_live=60_000,
            variables=m.MessagePublicationRequestVariables.from_dict({"via": "publish"}),
        )
    )
    assert published.message_key
    correlated = official.correlate_message(
        data=m.MessageCorrelationRequest(
            name=MESSAGE,
            correlation_key="order-correlate",
            variables=m.MessageCorrelationRequestVariables.from_dict({"via": "correlate"}),
        )
    )
    assert str(correlated.process_instance_key) == correlated_to

    for instance, via in ((published_to, "publish"), (correlated_to, "correlate")):
        _wait_completed(ours, instance)
        found = ours.search_variables({"processInstanceKey": instance, "name": "via"})
        assert [v.value for v in found.items] == [f'"{via}"']
    with pytest.raises(sdk_errors.NotFoundError):
        official.correlate_message(
            data=m.MessageCorrelationRequest(name=MESSAGE, correlation_key="nobody-waits")
        )


# --- incidents ---------------------------------------------------------------------------------------
def test_fail_a_job_to_an_incident_update_retries_and_resolve_it(
    deployment: Any, official: Any, ours: CamundaClient
) -> None:
    instance = _start(official, "order-incident")
    job = _activate_own_job(official, instance)
    official.fail_job(
        job.job_key, data=m.JobFailRequest(retries=0, error_message="the printer is on fire")
    )

    incidents = official.search_incidents(
        data=m.IncidentSearchQuery(
            filter_=m.IncidentSearchQueryFilter(
                process_instance_key=instance, state=m.IncidentStateExactMatch.ACTIVE
            )
        )
    ).items
    assert len(incidents) == 1
    incident = incidents[0]
    assert (str(incident.error_type), incident.error_message) == (
        "JOB_NO_RETRIES",
        "the printer is on fire",
    )
    assert str(incident.job_key) == str(job.job_key)
    assert ours.get_process_instance(instance).has_incident

    official.update_job(job.job_key, data=m.JobUpdateRequest(changeset=m.JobChangeset(retries=1)))
    official.resolve_incident(incident.incident_key)

    assert str(ours.get_incident(str(incident.incident_key)).state) == "RESOLVED"
    assert not ours.get_process_instance(instance).has_incident
    retried = _activate_own_job(official, instance)
    assert (str(retried.job_key), retried.retries) == (str(job.job_key), 1)
    official.complete_job(retried.job_key, data=m.JobCompletionRequest())
    task = _open_user_task(official, instance)
    official.complete_user_task(task.user_task_key)
    official.publish_message(
        data=m.MessagePublicationRequest(name=MESSAGE, correlation_key="order-incident")
    )
    _wait_completed(ours, instance)


# --- beyond the common calls: the records the SDK reads, and more commands ---------------------
def test_the_sdk_parses_every_record_it_reads(
    deployment: Any, official: Any, ours: CamundaClient
) -> None:
    instance = _start(official, "order-read")
    job = _activate_own_job(official, instance)
    official.complete_job(job.job_key, data=m.JobCompletionRequest())
    task = _open_user_task(official, instance)

    definitions = official.search_process_definitions(
        data=m.ProcessDefinitionSearchQuery.from_dict(
            {"filter": {"processDefinitionId": PROCESS_ID}}
        )
    ).items
    key = definitions[0].process_definition_key
    assert official.get_process_definition(key).name == "Fidelity order"
    assert 'id="fidelity-order"' in official.get_process_definition_xml(key)

    query = {"filter": {"processInstanceKey": instance}}
    elements = official.search_element_instances(
        data=m.ElementInstanceSearchQuery.from_dict(query)
    ).items
    assert [e.element_id for e in elements] == ["Start", "Work", "Review"]
    assert official.get_element_instance(elements[1].element_instance_key).end_date is not None
    variable = official.search_variables(data=m.VariableSearchQuery.from_dict(query)).items[0]
    assert official.get_variable(variable.variable_key).value == '"order-read"'
    jobs = official.search_jobs(data=m.JobSearchQuery.from_dict(query)).items
    assert [(str(j.state), j.worker, j.custom_headers.to_dict()) for j in jobs] == [
        ("COMPLETED", "fidelity", {"purpose": "fidelity"})
    ]
    for search in (
        official.search_user_task_variables,
        official.search_user_task_effective_variables,
    ):
        names = [v.name for v in search(task.user_task_key).items]
        assert names == ["orderId"]
    assert official.get_authentication().username == "demo"


def test_more_commands_decisions_clock_signals_and_cancellation(
    deployment: Any, official: Any, ours: CamundaClient
) -> None:
    evaluated = official.evaluate_decision(
        data=m.DecisionEvaluationByID(
            decision_definition_id="fidelity-discount",
            variables=m.DecisionEvaluationByIdVariables.from_dict({"amount": 150}),
        )
    )
    assert (evaluated.output, evaluated.failure_message) == ("10", None)
    decision = official.search_decision_definitions(
        data=m.DecisionDefinitionSearchQuery.from_dict(
            {"filter": {"decisionDefinitionId": "fidelity-discount"}}
        )
    ).items[0]
    assert official.get_decision_definition(decision.decision_definition_key).version == 1

    pinned = 1_893_456_000_000  # 2030-01-01T00:00:00Z
    official.pin_clock(data=m.ClockPinRequest(timestamp=pinned))
    try:
        instance = _start(official, "order-commands")
    finally:
        official.reset_clock()
    assert ours.get_process_instance(instance).start_date.timestamp() * 1000 == pinned

    official.create_element_instance_variables(
        instance,
        data=m.SetVariableRequest(variables=m.SetVariableRequestVariables.from_dict({"note": 1})),
    )
    job = _activate_own_job(official, instance)
    official.throw_job_error(
        job.job_key, data=m.JobErrorRequest(error_code="NOBODY_CATCHES", error_message="oops")
    )
    incident = official.search_process_instance_incidents(instance).items[0]
    assert str(incident.error_type) == "UNHANDLED_ERROR_EVENT"
    assert official.broadcast_signal(data=m.SignalBroadcastRequest(signal_name="nobody")).signal_key
    official.cancel_process_instance(instance, data=None)  # without data the SDK cannot send

    assert str(ours.get_process_instance(instance).state) == "TERMINATED"
    values = {
        v.name: v.value for v in ours.search_variables({"processInstanceKey": instance}).items
    }
    assert values["note"] == "1"


def test_update_and_unassign_a_user_task_and_delete_a_resource(
    deployment: Any, official: Any, ours: CamundaClient
) -> None:
    instance = _start(official, "order-update")
    job = _activate_own_job(official, instance)
    official.complete_job(job.job_key, data=m.JobCompletionRequest())
    task = _open_user_task(official, instance)

    official.update_user_task(
        task.user_task_key,
        data=m.UserTaskUpdateRequest(
            changeset=m.Changeset(priority=80, candidate_users=["ada", "grace"])
        ),
    )
    official.assign_user_task(task.user_task_key, data=m.UserTaskAssignmentRequest(assignee="ada"))
    official.unassign_user_task(task.user_task_key)
    updated = ours.get_user_task(str(task.user_task_key))
    assert (updated.priority, updated.candidate_users, updated.assignee) == (
        80,
        ["ada", "grace"],
        None,
    )

    spare = official.deploy_resources_from_files([FIXTURES / "fidelity-spare.form"]).forms[0]
    deleted = official.delete_resource(spare.form_key, data=None)
    assert str(deleted.resource_key) == str(spare.form_key)
