"""Zeebe extension element rules on tasks, user tasks, call activities and multi-instance."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from camunda_core.devengine.bpmn import BpmnProblem

Document = Callable[..., bytes]
Refused = Callable[[bytes, str | None, str | None, str], BpmnProblem]
Around = Callable[..., str]

JOB = '<zeebe:taskDefinition type="work" />'


def element(tag: str, extensions: str, inner: str = "", attrs: str = "") -> str:
    return f'<bpmn:{tag} id="Task"{attrs}><bpmn:extensionElements>{extensions}</bpmn:extensionElements>{inner}</bpmn:{tag}>'


def native(extensions: str) -> str:
    return element("userTask", f"<zeebe:userTask />{extensions}")


def loop(attrs: str, inner: str = "") -> str:
    return (
        "<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>"
        f"<zeebe:loopCharacteristics {attrs} /></bpmn:extensionElements>{inner}"
        "</bpmn:multiInstanceLoopCharacteristics>"
    )


CASES = [
    (
        "serviceTask",
        "",
        "Must have exactly one 'zeebe:taskDefinition' extension element",
        "no-task-definition",
    ),
    (
        "serviceTask",
        JOB + JOB,
        "Must have exactly one 'zeebe:taskDefinition' extension element",
        "two-task-definitions",
    ),
    (
        "sendTask",
        "",
        "Must have exactly one 'zeebe:taskDefinition' extension element",
        "send-task-without-job",
    ),
    (
        "serviceTask",
        "<zeebe:taskDefinition />",
        "zeebe:taskDefinition: attribute 'type' must be present and not empty",
        "no-type",
    ),
    ("serviceTask", '<zeebe:taskDefinition type="=" />', "", "lone-equals-type-is-static"),
    (
        "serviceTask",
        '<zeebe:taskDefinition type="= " />',
        "attribute 'type' is an empty FEEL expression",
        "empty-feel-type",
    ),
    (
        "serviceTask",
        '<zeebe:taskDefinition type="t" retries="many" />',
        "attribute 'retries' must be a whole number or a FEEL expression",
        "bad-retries",
    ),
    (
        "scriptTask",
        "",
        "Must have either one 'zeebe:script' or one 'zeebe:taskDefinition' extension element",
        "script-task-empty",
    ),
    (
        "scriptTask",
        '<zeebe:script expression="1 + 1" resultVariable="x" />',
        "attribute 'expression' must be a FEEL expression",
        "static-script",
    ),
    (
        "scriptTask",
        '<zeebe:script expression="=1" />',
        "attribute 'resultVariable' must be present and not empty",
        "script-without-result",
    ),
    (
        "businessRuleTask",
        JOB + '<zeebe:calledDecision decisionId="d" resultVariable="r" />',
        "Must have either one 'zeebe:calledDecision' or one 'zeebe:taskDefinition' extension "
        "element",
        "rule-task-with-both",
    ),
    (
        "businessRuleTask",
        '<zeebe:calledDecision decisionId="d" />',
        "attribute 'resultVariable' must be present and not empty",
        "decision-without-result",
    ),
    (
        "callActivity",
        "",
        "Must have exactly one 'zeebe:calledElement' extension element",
        "call-without-called-element",
    ),
    (
        "callActivity",
        "<zeebe:calledElement />",
        "zeebe:calledElement: attribute 'processId' must be present and not empty",
        "call-without-process-id",
    ),
    (
        "callActivity",
        '<zeebe:calledElement processId="x" bindingType="newest" />',
        "attribute 'bindingType' must be one of latest, deployment, versionTag",
        "bad-binding",
    ),
    (
        "callActivity",
        '<zeebe:calledElement processId="x" bindingType="versionTag" />',
        "attribute 'versionTag' must be present and not empty when bindingType is versionTag",
        "version-tag-missing",
    ),
    (
        "serviceTask",
        JOB
        + '<zeebe:taskHeaders><zeebe:header key="io.camunda.zeebe:formKey" value="x" /></zeebe:taskHeaders>',
        "key 'io.camunda.zeebe:formKey' is reserved",
        "reserved-header",
    ),
    (
        "serviceTask",
        JOB
        + '<zeebe:taskHeaders><zeebe:header key="a" value="1" /><zeebe:header key="a" value="2" /></zeebe:taskHeaders>',
        "duplicate header key 'a'",
        "duplicate-header",
    ),
    (
        "serviceTask",
        JOB + '<zeebe:ioMapping><zeebe:output source="result" target="x" /></zeebe:ioMapping>',
        "must be a FEEL expression",
        "static-output",
    ),
    (
        "serviceTask",
        JOB + '<zeebe:ioMapping><zeebe:input source="=a" target="" /></zeebe:ioMapping>',
        "attribute 'target' must be a variable name or a dotted path",
        "empty-target",
    ),
    (
        "serviceTask",
        JOB + '<zeebe:ioMapping><zeebe:input source="=a" target="a..b" /></zeebe:ioMapping>',
        "found 'a..b'",
        "bad-target-path",
    ),
    (
        "serviceTask",
        JOB + "<zeebe:ioMapping /><zeebe:ioMapping />",
        "Must have at most one 'zeebe:ioMapping' extension element",
        "two-io-mappings",
    ),
    (
        "serviceTask",
        JOB
        + '<zeebe:executionListeners><zeebe:executionListener eventType="middle" type="x" /></zeebe:executionListeners>',
        "eventType must be 'start' or 'end', found 'middle'",
        "bad-listener-event",
    ),
    (
        "serviceTask",
        JOB
        + '<zeebe:executionListeners><zeebe:executionListener eventType="start" type="x" /><zeebe:executionListener eventType="start" type="x" /></zeebe:executionListeners>',
        "execution listeners must be unique per event type and job type",
        "duplicate-listener",
    ),
    (
        "serviceTask",
        JOB
        + '<zeebe:executionListeners><zeebe:executionListener eventType="end" /></zeebe:executionListeners>',
        "attribute 'type' must be present and not empty",
        "listener-without-type",
    ),
    (
        "userTask",
        '<zeebe:taskListeners><zeebe:taskListener eventType="creating" type="t" '
        "/></zeebe:taskListeners>",
        "Task listeners are only allowed on Camunda user tasks",
        "task-listener-on-job-worker-task",
    ),
    (
        "userTask",
        '<zeebe:formDefinition formId="a" formKey="b" />',
        "exactly one of the attributes 'formId, formKey' must be present",
        "form-id-and-key",
    ),
    (
        "userTask",
        '<zeebe:formDefinition externalReference="x" />',
        "attribute 'externalReference' needs a Camunda user task",
        "external-on-job-worker",
    ),
    (
        "userTask",
        '<zeebe:formDefinition formKey="camunda-forms:bpmn:missing" />',
        "points at an embedded form 'missing'",
        "missing-embedded-form",
    ),
    (
        "userTask",
        '<zeebe:assignmentDefinition candidateGroups=" , " />',
        "attribute 'candidateGroups' must be a list of comma-separated values",
        "empty-candidate-list",
    ),
    (
        "userTask",
        '<zeebe:taskSchedule dueDate="next week" />',
        "attribute 'dueDate' must be a valid date-time",
        "bad-due-date",
    ),
]


@pytest.mark.parametrize(
    ("tag", "extensions", "reason"),
    [pytest.param(tag, ext, reason, id=case_id) for tag, ext, reason, case_id in CASES if reason],
)
def test_extension_refusals(
    document: Document, around: Around, refused: Refused, tag: str, extensions: str, reason: str
) -> None:
    refused(document(around(element(tag, extensions), "Task")), "Task", f"bpmn:{tag}", reason)


def test_a_lone_equals_sign_is_a_static_value(
    document: Document, around: Around, parse: Callable[[bytes], object]
) -> None:
    parse(document(around(element("serviceTask", '<zeebe:taskDefinition type="=" />'), "Task")))


@pytest.mark.parametrize(
    ("extensions", "reason"),
    [
        pytest.param(
            '<zeebe:priorityDefinition priority="101" />',
            "attribute 'priority' must be a whole number between 0 and 100",
            id="priority-too-high",
        ),
        pytest.param(
            '<zeebe:priorityDefinition priority="high" />',
            "attribute 'priority' must be a whole number between 0 and 100",
            id="priority-text",
        ),
        pytest.param(
            '<zeebe:formDefinition formKey="camunda-forms:bpmn:x" />',
            "attribute 'formKey' is not supported on Camunda user tasks",
            id="form-key-on-native",
        ),
        pytest.param(
            "<zeebe:formDefinition />",
            "exactly one of the attributes 'formId, externalReference' must be present and not "
            "blank for Camunda user tasks",
            id="empty-form",
        ),
        pytest.param(
            '<zeebe:taskListeners><zeebe:taskListener eventType="deleting" type="t" '
            "/></zeebe:taskListeners>",
            "eventType must be one of creating, assigning, updating, completing, canceling",
            id="bad-task-event",
        ),
        pytest.param(
            "<zeebe:userTask /><zeebe:userTask />",
            "Must have at most one 'zeebe:userTask' extension element",
            id="two-user-task-markers",
        ),
    ],
)
def test_camunda_user_task_refusals(
    document: Document, around: Around, refused: Refused, extensions: str, reason: str
) -> None:
    refused(document(around(native(extensions), "Task")), "Task", "bpmn:userTask", reason)


@pytest.mark.parametrize(
    ("loop_xml", "reason"),
    [
        pytest.param(
            loop('inputCollection="items"'),
            "attribute 'inputCollection' must be a FEEL expression",
            id="static-input-collection",
        ),
        pytest.param(
            loop('inputElement="x"'),
            "attribute 'inputCollection' must be present and not empty",
            id="no-input-collection",
        ),
        pytest.param(
            loop('inputCollection="=xs" outputCollection="ys"'),
            "attributes 'outputCollection' and 'outputElement' must be set together",
            id="output-collection-alone",
        ),
        pytest.param(
            loop('inputCollection="=xs" outputCollection="ys" outputElement="y"'),
            "attribute 'outputElement' must be a FEEL expression",
            id="static-output-element",
        ),
        pytest.param(
            "<bpmn:multiInstanceLoopCharacteristics />",
            "Must have exactly one 'zeebe:loopCharacteristics' extension element",
            id="no-zeebe-loop",
        ),
    ],
)
def test_multi_instance_refusals(
    document: Document, around: Around, refused: Refused, loop_xml: str, reason: str
) -> None:
    refused(
        document(around(element("serviceTask", JOB, loop_xml), "Task")),
        "Task",
        "bpmn:serviceTask",
        reason,
    )


def test_event_sub_process_cannot_be_multi_instance(
    document: Document, around: Around, refused: Refused
) -> None:
    mi = loop('inputCollection="=xs"')
    sub = (
        f'<bpmn:subProcess id="Events" triggeredByEvent="true">{mi}'
        '<bpmn:startEvent id="EvStart"><bpmn:errorEventDefinition /></bpmn:startEvent>'
        '<bpmn:sequenceFlow id="EF" sourceRef="EvStart" targetRef="EvEnd" /><bpmn:endEvent '
        'id="EvEnd" /></bpmn:subProcess>'
    )
    refused(
        document(around('<bpmn:manualTask id="Task" />', "Task", sub)),
        "Events",
        "bpmn:subProcess",
        "an event sub-process cannot be multi-instance",
    )


@pytest.mark.parametrize(
    ("body", "element_id", "element_type", "reason"),
    [
        pytest.param(
            '<bpmn:startEvent id="Start"><bpmn:extensionElements><zeebe:executionListeners>'
            '<zeebe:executionListener eventType="start" type="x" '
            "/></zeebe:executionListeners></bpmn:extensionElements></bpmn:startEvent>"
            '<bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent '
            'id="End" />',
            "Start",
            "bpmn:startEvent",
            "Execution listeners of type 'start' are not supported by start events",
            id="start-listener-on-start-event",
        ),
        pytest.param(
            '<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="F" sourceRef="Start" '
            'targetRef="Gw" />'
            '<bpmn:parallelGateway id="Gw"><bpmn:extensionElements><zeebe:executionListeners>'
            '<zeebe:executionListener eventType="end" type="x" '
            "/></zeebe:executionListeners></bpmn:extensionElements></bpmn:parallelGateway>"
            '<bpmn:sequenceFlow id="G" sourceRef="Gw" targetRef="End" /><bpmn:endEvent id="End" />',
            "Gw",
            "bpmn:parallelGateway",
            "Execution listeners of type 'end' are not supported by gateways",
            id="end-listener-on-gateway",
        ),
        pytest.param(
            '<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="F" sourceRef="Start" '
            'targetRef="End" />'
            '<bpmn:endEvent id="End"><bpmn:extensionElements><zeebe:executionListeners>'
            '<zeebe:executionListener eventType="end" type="x" '
            "/></zeebe:executionListeners></bpmn:extensionElements>"
            '<bpmn:errorEventDefinition errorRef="Err" /></bpmn:endEvent>',
            "End",
            "bpmn:endEvent",
            "Execution listeners of type 'end' are not supported by error and escalation end "
            "events",
            id="end-listener-on-error-end",
        ),
    ],
)
def test_execution_listener_placement(
    document: Document, refused: Refused, body: str, element_id: str, element_type: str, reason: str
) -> None:
    refused(
        document(body, '<bpmn:error id="Err" errorCode="E" />'), element_id, element_type, reason
    )


def test_process_level_extension_refusals(
    document: Document, around: Around, refused: Refused
) -> None:
    extensions = (
        '<bpmn:extensionElements><zeebe:versionTag value="1" /><zeebe:versionTag value="2" />'
        '<zeebe:userTaskForm id="f">{}</zeebe:userTaskForm><zeebe:userTaskForm '
        'id="f">{}</zeebe:userTaskForm>'
        "</bpmn:extensionElements>"
    )
    data = document(extensions + around('<bpmn:manualTask id="Task" />', "Task"))
    refused(data, "p", "bpmn:process", "Must have at most one 'zeebe:versionTag' extension element")
    refused(data, "p", "bpmn:process", "duplicate zeebe:userTaskForm id 'f'")


def test_condition_in_another_language(document: Document, refused: Refused) -> None:
    body = (
        '<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="Gw" '
        "/>"
        '<bpmn:exclusiveGateway id="Gw" default="B" />'
        '<bpmn:sequenceFlow id="A" sourceRef="Gw" targetRef="End"><bpmn:conditionExpression '
        'language="javascript">x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>'
        '<bpmn:sequenceFlow id="B" sourceRef="Gw" targetRef="End" /><bpmn:endEvent id="End" />'
    )
    data = document(body)
    refused(data, "A", "bpmn:sequenceFlow", "condition language 'javascript' is not supported")
    refused(
        data,
        "A",
        "bpmn:sequenceFlow",
        "condition 'x > 1' must be a FEEL expression starting with '='",
    )


def test_empty_condition(document: Document, refused: Refused) -> None:
    body = (
        '<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="Gw" '
        "/>"
        '<bpmn:exclusiveGateway id="Gw" default="B" />'
        '<bpmn:sequenceFlow id="A" sourceRef="Gw" targetRef="End"><bpmn:conditionExpression '
        'xsi:type="bpmn:tFormalExpression"> </bpmn:conditionExpression></bpmn:sequenceFlow>'
        '<bpmn:sequenceFlow id="B" sourceRef="Gw" targetRef="End" /><bpmn:endEvent id="End" />'
    )
    refused(document(body), "A", "bpmn:sequenceFlow", "the condition expression must not be empty")
