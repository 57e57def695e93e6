"""Builders of the activities and gateways, with Zeebe's rules on their extension elements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from camunda_core.devengine.bpmn.activities import (
    BusinessRuleTask,
    CallActivity,
    ManualTask,
    ReceiveTask,
    ScriptTask,
    SendTask,
    ServiceTask,
    SubProcess,
    UserTask,
)
from camunda_core.devengine.bpmn.builder_common import NodeSource
from camunda_core.devengine.bpmn.event_definitions import Role, read_message
from camunda_core.devengine.bpmn.expression import Expression
from camunda_core.devengine.bpmn.extensions import read_headers, read_job
from camunda_core.devengine.bpmn.extensions_tasks import (
    read_assignment,
    read_called_decision,
    read_called_element,
    read_form,
    read_multi_instance,
    read_priority,
    read_schedule,
    read_script,
    read_task_listeners,
)
from camunda_core.devengine.bpmn.nodes import (
    EventBasedGateway,
    ExclusiveGateway,
    FlowNode,
    InclusiveGateway,
    ParallelGateway,
)
from camunda_core.devengine.bpmn.parts import (
    HEADER_FORM_KEY,
    USER_TASK_JOB_RETRIES,
    USER_TASK_JOB_TYPE,
    ExecutionListenerEvent,
    JobDefinition,
)
from camunda_core.devengine.bpmn.xmlload import bpmn

__all__ = ["ACTIVITY_BUILDERS", "GATEWAY_BUILDERS"]


def _activity_fields(source: NodeSource) -> dict[str, Any]:
    """Common fields plus the loop characteristics every activity may have."""
    element, owner = source.element, source.owner
    if (element.get("isForCompensation") or "").strip().lower() == "true":
        owner.report(
            "compensation handlers (isForCompensation) are not supported by the dev engine"
        )
        source.context.refused.add(source.id)
    if element.find(bpmn("standardLoopCharacteristics")) is not None:
        owner.report(
            "standard loops (standardLoopCharacteristics) are not supported by Zeebe: use a "
            "multi-instance activity or a loop with a gateway"
        )
    loop = element.find(bpmn("multiInstanceLoopCharacteristics"))
    fields = source.common_fields()
    fields["multi_instance"] = read_multi_instance(loop, owner) if loop is not None else None
    return fields


def _one_of(source: NodeSource, name: str) -> bool:
    """Zeebe rule for script/business rule tasks: either ``zeebe:<name>`` or a task definition."""
    count = len(source.extensions.all(name)) + len(source.extensions.all("taskDefinition"))
    if count != 1:
        source.owner.report(
            f"Must have either one 'zeebe:{name}' or one 'zeebe:taskDefinition' extension element"
        )
    return source.extensions.has(name)


def _placeholder_job() -> JobDefinition:
    return JobDefinition(type=Expression.static(""), retries=Expression.static(""))


def build_service_task(source: NodeSource) -> ServiceTask:
    """A job-based service task."""
    job = read_job(source.extensions, source.owner, required=True)
    return ServiceTask(**_activity_fields(source), job=job or _placeholder_job())


def build_send_task(source: NodeSource) -> SendTask:
    """A job-based send task."""
    if source.extensions.has("publishMessage"):
        source.owner.report(
            "zeebe:publishMessage is not supported by the dev engine: use zeebe:taskDefinition"
        )
    job = read_job(source.extensions, source.owner, required=True)
    return SendTask(**_activity_fields(source), job=job or _placeholder_job())


def build_script_task(source: NodeSource) -> ScriptTask:
    """A FEEL script task (``zeebe:script``) or a job-based one."""
    if _one_of(source, "script"):
        script = read_script(source.extensions.all("script")[0], source.owner)
        return ScriptTask(**_activity_fields(source), script=script)
    job = read_job(source.extensions, source.owner, required=False)
    return ScriptTask(**_activity_fields(source), job=job)


def build_business_rule_task(source: NodeSource) -> BusinessRuleTask:
    """A DMN business rule task (``zeebe:calledDecision``) or a job-based one."""
    if _one_of(source, "calledDecision"):
        decision = read_called_decision(source.extensions.all("calledDecision")[0], source.owner)
        return BusinessRuleTask(**_activity_fields(source), called_decision=decision)
    job = read_job(source.extensions, source.owner, required=False)
    return BusinessRuleTask(**_activity_fields(source), job=job)


def build_user_task(source: NodeSource) -> UserTask:
    """A Camunda user task (``zeebe:userTask``) or a job-worker user task."""
    extensions, owner = source.extensions, source.owner
    camunda_task = extensions.single("userTask", owner) is not None
    form = read_form(extensions, owner, camunda_user_task=camunda_task)
    listeners = read_task_listeners(extensions, owner)
    if listeners and not camunda_task:
        owner.report("Task listeners are only allowed on Camunda user tasks (zeebe:userTask)")
    headers = read_headers(extensions, owner)
    job = None
    if not camunda_task:
        form_header = ((HEADER_FORM_KEY, form.form_key),) if form and form.form_key else ()
        job = JobDefinition(
            type=Expression.static(USER_TASK_JOB_TYPE),
            retries=Expression.static(USER_TASK_JOB_RETRIES),
            headers=headers + form_header,
        )
    return UserTask(
        **_activity_fields(source),
        is_camunda_user_task=camunda_task,
        assignment=read_assignment(extensions, owner),
        schedule=read_schedule(extensions, owner),
        priority=read_priority(extensions, owner),
        form=form,
        task_listeners=listeners,
        headers=headers,
        job=job,
    )


def build_receive_task(source: NodeSource) -> ReceiveTask:
    """A receive task waiting for a correlated message."""
    ref = source.element.get("messageRef")
    message = read_message(ref, source.owner, source.context.definitions, Role.CATCH)
    return ReceiveTask(**_activity_fields(source), message=message)


def build_manual_task(source: NodeSource) -> ManualTask:
    """A manual or undefined task: passes through."""
    return ManualTask(**_activity_fields(source))


def build_sub_process(source: NodeSource) -> SubProcess:
    """An embedded sub-process or an event sub-process (its children are built by the walker)."""
    starts = source.element.findall(bpmn("startEvent"))
    if len(starts) != 1:
        source.owner.report(f"Must have exactly one start event (found {len(starts)})")
    by_event = (source.element.get("triggeredByEvent") or "").strip().lower() == "true"
    fields = _activity_fields(source)
    if by_event and fields["multi_instance"] is not None:
        source.owner.report("an event sub-process cannot be multi-instance")
    return SubProcess(
        **fields,
        start_event_id=(starts[0].get("id") or "") if starts else "",
        triggered_by_event=by_event,
    )


def build_call_activity(source: NodeSource) -> CallActivity:
    """A call activity starting another process."""
    called = read_called_element(source.extensions, source.owner)
    return CallActivity(**_activity_fields(source), called_element=called)


def _gateway_fields(source: NodeSource) -> dict[str, Any]:
    fields = source.common_fields()
    source.refuse_listeners(fields, ExecutionListenerEvent.END, "gateways")
    return fields


def build_exclusive_gateway(source: NodeSource) -> ExclusiveGateway:
    """XOR gateway with an optional default flow."""
    return ExclusiveGateway(
        **_gateway_fields(source), default_flow_id=source.element.get("default")
    )


def build_inclusive_gateway(source: NodeSource) -> InclusiveGateway:
    """OR gateway with an optional default flow."""
    return InclusiveGateway(
        **_gateway_fields(source), default_flow_id=source.element.get("default")
    )


def build_parallel_gateway(source: NodeSource) -> ParallelGateway:
    """AND gateway."""
    return ParallelGateway(**_gateway_fields(source))


def build_event_based_gateway(source: NodeSource) -> EventBasedGateway:
    """Event-based gateway (its targets are checked by the graph validation)."""
    return EventBasedGateway(**_gateway_fields(source))


ACTIVITY_BUILDERS: dict[str, Callable[[NodeSource], FlowNode]] = {
    "serviceTask": build_service_task,
    "sendTask": build_send_task,
    "scriptTask": build_script_task,
    "businessRuleTask": build_business_rule_task,
    "userTask": build_user_task,
    "receiveTask": build_receive_task,
    "manualTask": build_manual_task,
    "task": build_manual_task,
    "subProcess": build_sub_process,
    "callActivity": build_call_activity,
}

GATEWAY_BUILDERS: dict[str, Callable[[NodeSource], FlowNode]] = {
    "exclusiveGateway": build_exclusive_gateway,
    "inclusiveGateway": build_inclusive_gateway,
    "parallelGateway": build_parallel_gateway,
    "eventBasedGateway": build_event_based_gateway,
}
