"""The model of a rich process: every behaviour-relevant detail is there and easy to reach."""

from __future__ import annotations

import dataclasses

import pytest

from camunda_core.devengine.bpmn import (
    BindingType,
    BoundaryEvent,
    BusinessRuleTask,
    CallActivity,
    EndEvent,
    ErrorDefinition,
    EscalationDefinition,
    EventType,
    ExclusiveGateway,
    ExecutionListenerEvent,
    Expression,
    InclusiveGateway,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    IoMapping,
    ManualTask,
    MessageDefinition,
    MessageThrowDefinition,
    ProcessModel,
    ReceiveTask,
    ScriptTask,
    SendTask,
    ServiceTask,
    SignalDefinition,
    StartEvent,
    SubProcess,
    TaskListenerEvent,
    TerminateDefinition,
    TimerDefinition,
    TimerKind,
    UserTask,
)


def feel(source: str) -> Expression:
    return Expression(source, True)


def static(value: str) -> Expression:
    return Expression(value, False)


def test_process_attributes(order_model: ProcessModel) -> None:
    assert order_model.process_id == "order-fulfilment"
    assert order_model.name == "Order fulfilment"
    assert order_model.version_tag == "v1.2"
    assert dict(order_model.properties) == {"owner": "shipping-team"}
    assert [listener.type for listener in order_model.execution_listeners] == [
        static("audit-start")
    ]


def test_start_events_by_kind(order_model: ProcessModel) -> None:
    assert [e.id for e in order_model.start_events] == [
        "Start_Form",
        "Start_Message",
        "Start_Timer",
        "Start_Signal",
    ]
    assert order_model.none_start_event is order_model.element("Start_Form")
    assert [e.id for e in order_model.message_start_events] == ["Start_Message"]
    assert [e.id for e in order_model.timer_start_events] == ["Start_Timer"]
    assert [e.id for e in order_model.signal_start_events] == ["Start_Signal"]
    message = order_model.message_start_events[0].definition
    assert message == MessageDefinition("Msg_OrderPlaced", static("order-placed"), None)
    timer = order_model.timer_start_events[0].definition
    assert timer == TimerDefinition(TimerKind.CYCLE, static("R/PT1H"))
    signal = order_model.signal_start_events[0].definition
    assert signal == SignalDefinition("Sig_Restock", static("restock"))


def test_start_form(order_model: ProcessModel) -> None:
    form = order_model.start_form
    assert form is not None
    assert form.form_id == static("order-form")
    assert form.binding_type is BindingType.LATEST


def test_lookups_by_id(order_model: ProcessModel) -> None:
    task = order_model.element("Reserve_Stock")
    assert isinstance(task, ServiceTask)
    assert task.bpmn_type == "bpmn:serviceTask"
    assert task.scope_id == "order-fulfilment"
    assert [f.id for f in order_model.incoming("Reserve_Stock")] == ["F_Merge"]
    assert [f.id for f in order_model.outgoing("Reserve_Stock")] == ["F_Reserved"]
    assert task.incoming == ("F_Merge",)
    assert task.outgoing == ("F_Reserved",)
    assert order_model.flow("F_Reserved").target_id == "Payment_Needed"
    assert order_model.outgoing("End_Notified") == ()
    with pytest.raises(KeyError, match="order-fulfilment"):
        order_model.element("Nope")
    with pytest.raises(KeyError, match="Nope"):
        order_model.flow("Nope")


def test_service_task_job_mappings_and_listeners(order_model: ProcessModel) -> None:
    task = order_model.element("Reserve_Stock")
    assert isinstance(task, ServiceTask)
    assert task.job.type == static("reserve-stock")
    assert task.job.retries == static("5")
    assert task.job.headers == (("warehouse", "north"), ("mode", "strict"))
    assert task.input_mappings == (
        IoMapping(feel("order.items"), "items"),
        IoMapping(static("20"), "timeout.seconds"),
    )
    assert task.input_mappings[1].target_path == ("timeout", "seconds")
    assert task.output_mappings == (IoMapping(feel("reservation.id"), "reservationId"),)
    events = [
        (listener.event_type, listener.type, listener.retries)
        for listener in task.execution_listeners
    ]
    assert events == [
        (ExecutionListenerEvent.START, static("log-start"), static("2")),
        (ExecutionListenerEvent.END, feel("listenerType"), static("3")),
    ]


def test_boundary_events_by_activity(order_model: ProcessModel) -> None:
    boundaries = order_model.boundary_events("Reserve_Stock")
    assert [b.id for b in boundaries] == ["Out_Of_Stock", "Reserve_Slow"]
    task = order_model.element("Reserve_Stock")
    assert isinstance(task, ServiceTask)
    assert task.boundary_event_ids == ("Out_Of_Stock", "Reserve_Slow")
    error, slow = boundaries
    assert error.cancel_activity
    assert error.definition == ErrorDefinition("Err_OutOfStock", static("OUT_OF_STOCK"))
    assert not slow.cancel_activity
    assert slow.definition == TimerDefinition(TimerKind.DURATION, static("PT1H"))
    assert order_model.boundary_events("Fork") == ()


def test_send_task_with_empty_retries_defaults_to_three(order_model: ProcessModel) -> None:
    task = order_model.element("Notify_Delay")
    assert isinstance(task, SendTask)
    assert (task.job.type, task.job.retries) == (static("notify"), static("3"))


def test_exclusive_gateway_default_and_conditions(order_model: ProcessModel) -> None:
    gateway = order_model.element("Payment_Needed")
    assert isinstance(gateway, ExclusiveGateway)
    assert gateway.default_flow_id == "F_Free"
    pay, legacy, free = order_model.outgoing("Payment_Needed")
    assert pay.condition == feel("total > 0")
    assert pay.condition_text == "= total > 0"
    assert pay.name == "to pay"
    assert not pay.is_default
    assert legacy.condition == feel("total < 0")
    assert legacy.condition_text == "total < 0"
    assert free.is_default
    assert free.condition is None


def test_camunda_user_task(order_model: ProcessModel) -> None:
    task = order_model.element("Approve_Payment")
    assert isinstance(task, UserTask)
    assert task.is_camunda_user_task
    assert task.job is None
    assert task.job_definition() is None
    assert task.assignment is not None
    assert task.assignment.assignee == feel("order.owner")
    assert task.assignment.candidate_groups == static("finance, managers")
    assert task.assignment.candidate_groups.static_list() == ("finance", "managers")
    assert task.assignment.candidate_users == feel("[order.owner]")
    assert task.schedule is not None
    assert task.schedule.due_date == feel('now() + duration("P1D")')
    assert task.schedule.follow_up_date == static("2030-01-01T09:00:00Z")
    assert task.priority == static("60")
    assert task.form is not None
    assert (task.form.form_id, task.form.binding_type, task.form.version_tag) == (
        static("approve-form"),
        BindingType.VERSION_TAG,
        "v3",
    )
    listeners = [
        (listener.event_type, listener.type.source, listener.retries.source)
        for listener in task.task_listeners
    ]
    assert listeners == [
        (TaskListenerEvent.CREATING, "assign-approver", "3"),
        (TaskListenerEvent.COMPLETING, "check-approval", "7"),
    ]
    assert task.headers == (("ui", "compact"),)


def test_job_worker_user_task_becomes_a_user_task_job(order_model: ProcessModel) -> None:
    task = order_model.element("Pack_Item")
    assert isinstance(task, UserTask)
    assert not task.is_camunda_user_task
    assert task.scope_id == "Packaging"
    job = task.job_definition()
    assert job is not None
    assert (job.type, job.retries) == (static("io.camunda.zeebe:userTask"), static("1"))
    assert job.headers == (
        ("station", "3"),
        ("io.camunda.zeebe:formKey", "camunda-forms:bpmn:packForm"),
    )
    assert task.form is not None
    assert task.form.embedded_form_id == "packForm"
    assert task.assignment is not None
    assert task.assignment.assignee == static("packer")
    embedded = order_model.embedded_forms["packForm"]
    assert embedded.form_key == "camunda-forms:bpmn:packForm"
    assert embedded.schema_text == '{"components":[],"type":"default","id":"pack"}'


def test_script_business_rule_and_call_activity(order_model: ProcessModel) -> None:
    script = order_model.element("Compute_Discount")
    assert isinstance(script, ScriptTask)
    assert script.job is None
    assert script.script is not None
    assert (script.script.expression, script.script.result_variable) == (
        feel("total * 0.1"),
        "discount",
    )
    rules = order_model.element("Decide_Carrier")
    assert isinstance(rules, BusinessRuleTask)
    assert rules.called_decision is not None
    assert (rules.called_decision.decision_id, rules.called_decision.result_variable) == (
        static("carrier"),
        "carrier",
    )
    call = order_model.element("Book_Shipping")
    assert isinstance(call, CallActivity)
    assert call.called_element.process_id == feel("shippingProcessId")
    assert call.called_element.propagate_all_child_variables is False
    assert call.called_element.propagate_all_parent_variables is True


def test_multi_instance_sub_process_and_its_children(order_model: ProcessModel) -> None:
    packaging = order_model.element("Packaging")
    assert isinstance(packaging, SubProcess)
    assert not packaging.triggered_by_event
    assert packaging.start_event_id == "Pack_Start"
    assert order_model.start_event("Packaging") is order_model.element("Pack_Start")
    mi = packaging.multi_instance
    assert mi is not None
    assert mi.is_sequential
    assert (mi.input_collection, mi.input_element) == (feel("items"), "item")
    assert (mi.output_collection, mi.output_element) == ("packed", feel("packedItem"))
    assert mi.completion_condition == feel("cancelled")
    assert [n.id for n in order_model.children("Packaging")] == [
        "Pack_Start",
        "Pack_Item",
        "Pack_Check",
        "Pack_End",
        "Pack_Late",
    ]
    late = order_model.element("Pack_Late")
    assert isinstance(late, EndEvent)
    assert late.definition == EscalationDefinition("Esc_Late", static("LATE"))
    boundary = order_model.boundary_events("Packaging")[0]
    assert not boundary.cancel_activity
    assert boundary.event_type is EventType.ESCALATION


def test_process_level_children_exclude_nested_elements(order_model: ProcessModel) -> None:
    top = {node.id for node in order_model.children("order-fulfilment")}
    assert "Packaging" in top
    assert "Pack_Item" not in top
    assert "Report_Error" not in top
    assert all(
        node.scope_id == "order-fulfilment" for node in order_model.children("order-fulfilment")
    )


def test_event_based_gateway_targets(order_model: ProcessModel) -> None:
    received, timeout = (
        order_model.element(f.target_id) for f in order_model.outgoing("Wait_Payment")
    )
    assert isinstance(received, IntermediateCatchEvent)
    assert received.definition == MessageDefinition(
        "Msg_Paid", static("payment-received"), feel("orderId")
    )
    assert isinstance(timeout, IntermediateCatchEvent)
    assert timeout.definition == TimerDefinition(TimerKind.DURATION, feel("paymentWindow"))


def test_receive_task_message_with_feel_name(order_model: ProcessModel) -> None:
    task = order_model.element("Await_Confirmation")
    assert isinstance(task, ReceiveTask)
    assert task.message == MessageDefinition(
        "Msg_Confirmed", feel('"confirmed-" + region'), feel("orderId")
    )


def test_end_events(order_model: ProcessModel) -> None:
    error_end = order_model.element("End_Error")
    assert isinstance(error_end, EndEvent)
    assert error_end.definition == ErrorDefinition(
        "Err_Unfulfillable", feel('"UNFULFILLABLE-" + region')
    )
    terminate = order_model.element("End_Terminate")
    assert isinstance(terminate, EndEvent)
    assert terminate.definition == TerminateDefinition()
    receipt = order_model.element("Send_Receipt")
    assert isinstance(receipt, EndEvent)
    assert receipt.definition == MessageThrowDefinition("Msg_Receipt", static("receipt"))
    assert receipt.job is not None
    assert receipt.job.type == static("send-receipt")
    signal_end = order_model.element("End_Signal")
    assert isinstance(signal_end, EndEvent)
    assert signal_end.event_type is EventType.SIGNAL


def test_signal_throw_inclusive_gateway_and_link(order_model: ProcessModel) -> None:
    warn = order_model.element("Warn_Signal")
    assert isinstance(warn, IntermediateThrowEvent)
    assert warn.definition == SignalDefinition("Sig_Late", static("packing-late"))
    options = order_model.element("Options")
    assert isinstance(options, InclusiveGateway)
    assert options.default_flow_id == "F_Opt_None"
    assert isinstance(order_model.element("Wrap_Gift"), ManualTask)
    assert order_model.link_target("Jump") is order_model.element("Landing")
    with pytest.raises(KeyError):
        order_model.link_target("Landing")


def test_event_subprocesses(order_model: ProcessModel) -> None:
    subs = order_model.event_subprocesses("order-fulfilment")
    assert [s.id for s in subs] == ["On_Any_Error", "On_Address_Change"]
    assert order_model.event_subprocesses("Packaging") == ()
    error_start = order_model.start_event("On_Any_Error")
    assert isinstance(error_start, StartEvent)
    assert error_start.is_interrupting
    assert isinstance(error_start.definition, ErrorDefinition)
    assert error_start.definition.catches_all
    address = order_model.element("Address_Changed")
    assert isinstance(address, StartEvent)
    assert not address.is_interrupting
    assert address.definition == MessageDefinition(
        "Msg_Address", static("address-changed"), feel("customerId")
    )
    report = order_model.element("Report_Error")
    assert isinstance(report, ManualTask)
    assert report.element_type == "task"


def test_job_types_lists_every_static_job_type(order_model: ProcessModel) -> None:
    assert order_model.job_types() == {
        "reserve-stock",
        "notify",
        "send-receipt",
        "io.camunda.zeebe:userTask",
        "audit-start",
        "log-start",
        "gateway-start",
        "assign-approver",
        "check-approval",
    }


def test_model_is_immutable(order_model: ProcessModel) -> None:
    task = order_model.element("Reserve_Stock")
    with pytest.raises(dataclasses.FrozenInstanceError):
        task.name = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        order_model.elements["X"] = task  # type: ignore[index]
    assert isinstance(task.job.headers, tuple)  # type: ignore[attr-defined]
    assert not isinstance(order_model.elements, dict)


def test_boundary_event_scope_and_attachment(order_model: ProcessModel) -> None:
    boundary = order_model.element("Out_Of_Stock")
    assert isinstance(boundary, BoundaryEvent)
    assert boundary.attached_to == "Reserve_Stock"
    assert boundary.scope_id == order_model.element("Reserve_Stock").scope_id
