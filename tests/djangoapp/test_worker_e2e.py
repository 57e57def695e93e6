"""The project's handlers run by a worker against the dev engine over HTTP: outcomes, ledger,
signals, F16 (a job really delivered twice), and a user-task listener round trip."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from camunda_testsite.orders import camunda_workers
from camunda_testsite.orders.models import Shipment
from django.dispatch import Signal
from django_worker import running_worker
from polling import wait_for

from camunda_core import CamundaClient, ConflictError
from camunda_core.worker.task_listeners import UserTaskEvent
from camunda_django import signals
from camunda_django.models import JobRecord

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def engine(isolated_engine: Any) -> Any:
    """Workers take whatever jobs exist: each test here gets an engine of its own."""
    return isolated_engine


@pytest.fixture
def received() -> Iterator[dict[str, list[dict[str, Any]]]]:
    """What every job signal received, by signal name."""
    seen: dict[str, list[dict[str, Any]]] = {name: [] for name in signals.JOB_SIGNALS}
    receivers = []
    for name, signal in signals.JOB_SIGNALS.items():

        def receiver(sender: Any, _name: str = name, **kwargs: Any) -> None:
            seen[_name].append({"sender": sender, **kwargs})

        signal.connect(receiver, weak=False)
        receivers.append((signal, receiver))
    yield seen
    for signal, receiver in receivers:
        signal.disconnect(receiver)


def _of(events: list[dict[str, Any]], instance_key: str) -> list[dict[str, Any]]:
    """The events of one process instance (the session's engine has other tests' jobs too)."""
    return [event for event in events if event["job"].process_instance_key == instance_key]


def _state(camunda: CamundaClient, key: str) -> str:
    return str(camunda.get_process_instance(key).state)


def _finished(camunda: CamundaClient, key: str, state: str = "COMPLETED") -> None:
    wait_for(lambda: _state(camunda, key), lambda s: s == state, what=f"instance {key} {state}")


def test_a_job_is_completed_recorded_and_signalled(
    camunda: CamundaClient, received: dict[str, list[dict[str, Any]]]
) -> None:
    with running_worker(["ship-order"]):
        created = camunda.create_process_instance("shipping", variables={"order_id": "E-1"})
        mine = created.process_instance_key
        _finished(camunda, mine)
        wait_for(lambda: _of(received["job_completed"], mine), what="job_completed")
    shipment = Shipment.objects.get(order_id="E-1")
    record = JobRecord.objects.get(job_key=shipment.job_key)
    assert (record.state, record.attempts, record.job_type) == ("completed", 1, "ship-order")
    assert record.process_instance_key == created.process_instance_key
    [activated] = _of(received["job_activated"], mine)
    [completed] = _of(received["job_completed"], mine)
    assert activated["sender"] is completed["sender"] is camunda_workers.ship_order
    assert completed["job"].key == shipment.job_key
    assert completed["variables"] == {"shipment_id": shipment.pk}
    assert completed["duration"] >= 0
    assert completed["event"].name == "job_completed"


def test_a_bpmn_error_takes_the_error_path(
    camunda: CamundaClient, received: dict[str, list[dict[str, Any]]]
) -> None:
    with running_worker(["check-stock"]):
        created = camunda.create_process_instance("payment", variables={"order_id": "E-2"})
        mine = created.process_instance_key
        _finished(camunda, mine)
        wait_for(lambda: _of(received["bpmn_error_thrown"], mine), what="bpmn_error_thrown")
    [thrown] = _of(received["bpmn_error_thrown"], mine)
    assert (thrown["code"], thrown["message"]) == ("OUT_OF_STOCK", "no stock for E-2")
    assert thrown["sender"] is camunda_workers.check_stock
    # Caught by the boundary event (an uncaught error would be an incident, not a completion):
    assert not camunda.search_incidents({"processInstanceKey": created.process_instance_key}).items
    record = JobRecord.objects.get(job_key=thrown["job"].key)
    assert (record.state, record.error_code) == ("error_thrown", "OUT_OF_STOCK")


def test_a_failure_without_retries_raises_an_incident(
    camunda: CamundaClient, received: dict[str, list[dict[str, Any]]]
) -> None:
    with running_worker(["notify-customer"]):
        created = camunda.create_process_instance("notify", variables={"message": "mail down"})
        mine = created.process_instance_key
        wait_for(lambda: _of(received["job_failed"], mine), what="job_failed")
    [failed] = _of(received["job_failed"], mine)
    assert (failed["message"], failed["retries"]) == ("mail down", 0)
    incidents = camunda.search_incidents({"processInstanceKey": created.process_instance_key})
    assert [(i.error_type, i.error_message) for i in incidents.items] == [
        ("JOB_NO_RETRIES", "mail down")
    ]
    assert JobRecord.objects.get(job_key=failed["job"].key).state == "failed"


def test_f16_a_job_delivered_twice_has_its_side_effect_once(
    camunda: CamundaClient,
    settings: Any,
    engine_faults: Any,
    received: dict[str, list[dict[str, Any]]],
) -> None:
    """The first completion is refused (500), so the job times out and is offered again."""
    settings.CAMUNDA = {
        **settings.CAMUNDA,
        "WORKERS": {"TYPES": {"ship-order": {"timeout_ms": 1000}}},
    }
    refused = engine_faults.answer_status("completeJob", 500, times=1)
    with running_worker(["ship-order"]):
        created = camunda.create_process_instance("shipping", variables={"order_id": "E-16"})
        _finished(camunda, created.process_instance_key)
    assert refused.hits == 1
    assert Shipment.objects.filter(order_id="E-16").count() == 1
    record = JobRecord.objects.get(process_instance_key=created.process_instance_key)
    assert (record.state, record.attempts) == ("completed", 2)
    wait_for(
        lambda: _of(received["job_completed"], created.process_instance_key), what="job_completed"
    )
    assert len(_of(received["job_activated"], created.process_instance_key)) == 2


def test_the_guard_off_lets_a_repeat_run_again(
    camunda: CamundaClient, settings: Any, engine_faults: Any
) -> None:
    """The control for F16: without the ledger the same fault makes two shipments."""
    settings.CAMUNDA = {
        **settings.CAMUNDA,
        "LEDGER": False,
        "WORKERS": {"TYPES": {"ship-order": {"timeout_ms": 1000}}},
    }
    engine_faults.answer_status("completeJob", 500, times=1)
    with running_worker(["ship-order"]):
        created = camunda.create_process_instance("shipping", variables={"order_id": "E-17"})
        _finished(camunda, created.process_instance_key)
    assert Shipment.objects.filter(order_id="E-17").count() == 2
    assert not JobRecord.objects.filter(process_instance_key=created.process_instance_key).exists()


def _connect(signal: Signal, receiver: Any) -> None:
    signal.connect(receiver, weak=False, dispatch_uid="test-user-task")


def test_a_receiver_denies_a_user_task_completion_through_a_real_listener(
    camunda: CamundaClient,
) -> None:
    seen: list[tuple[str, str | None, Any]] = []

    def four_eyes(
        sender: Any, event: UserTaskEvent, variables: dict[str, Any], **kwargs: Any
    ) -> None:
        seen.append((event.event_type, event.user_task_key, variables.get("amount")))
        if variables.get("amount", 0) > 500:
            event.deny("needs a second approver")

    _connect(signals.user_task_completing, four_eyes)
    try:
        with running_worker(["user-task-events"]):
            big = camunda.create_process_instance("vetting", variables={"amount": 900})
            small = camunda.create_process_instance("vetting", variables={"amount": 100})
            big_task, small_task = (
                camunda.search_user_tasks({"processInstanceKey": created.process_instance_key})
                .items[0]
                .user_task_key
                for created in (big, small)
            )
            with pytest.raises(ConflictError, match="needs a second approver"):
                camunda.complete_user_task(big_task, variables={"approved": True})
            camunda.complete_user_task(small_task, variables={"approved": True})
    finally:
        signals.user_task_completing.disconnect(dispatch_uid="test-user-task")
    assert camunda.get_user_task(big_task).state == "CREATED"
    assert _state(camunda, big.process_instance_key) == "ACTIVE"
    _finished(camunda, small.process_instance_key)
    assert seen == [("completing", big_task, 900), ("completing", small_task, 100)]


def test_an_admin_assignment_denied_by_a_receiver_is_shown_and_not_logged(
    camunda: CamundaClient, operator_client: Any
) -> None:
    from django.contrib.admin.models import LogEntry
    from django.urls import reverse

    def only_leads(sender: Any, event: UserTaskEvent, user_task: Any, **kwargs: Any) -> None:
        if user_task.assignee != "lead":
            event.deny(f"{user_task.assignee} may not take <vetting> tasks")

    _connect(signals.user_task_assigning, only_leads)
    try:
        with running_worker(["user-task-events"]):
            created = camunda.create_process_instance("vetting", variables={"amount": 1})
            task = camunda.search_user_tasks(
                {"processInstanceKey": created.process_instance_key}
            ).items[0]
            assign = reverse("admin:camunda_django_usertask_assign", args=(task.user_task_key,))
            response = operator_client.post(assign, follow=True)
    finally:
        signals.user_task_assigning.disconnect(dispatch_uid="test-user-task")
    [message] = [str(m) for m in response.context["messages"]]
    assert "denied by Task Listener" in message
    assert "operator may not take <vetting> tasks" in message
    assert "operator may not take &lt;vetting&gt; tasks" in response.content.decode()
    assert camunda.get_user_task(task.user_task_key).assignee is None
    assert not LogEntry.objects.exists()
