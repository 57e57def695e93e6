"""Elements the dev engine cannot run are refused at deploy, naming the element and why."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from camunda_core.devengine.bpmn import BpmnProblem

Document = Callable[..., bytes]
Refused = Callable[[bytes, str | None, str | None, str], BpmnProblem]

TASK = '<bpmn:serviceTask id="Task"><bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements>{inner}</bpmn:serviceTask>'


def task_with(inner: str) -> str:
    return TASK.format(inner=inner)


@pytest.mark.parametrize(
    ("element", "element_id", "element_type", "reason"),
    [
        pytest.param(
            '<bpmn:complexGateway id="Complex" />',
            "Complex",
            "bpmn:complexGateway",
            "complex gateways are not supported by the dev engine",
            id="complex-gateway",
        ),
        pytest.param(
            '<bpmn:transaction id="Tx"><bpmn:startEvent id="TxStart" /></bpmn:transaction>',
            "Tx",
            "bpmn:transaction",
            "transaction sub-processes are not supported by the dev engine",
            id="transaction",
        ),
        pytest.param(
            '<bpmn:adHocSubProcess id="AdHoc" />',
            "AdHoc",
            "bpmn:adHocSubProcess",
            "ad-hoc sub-processes are not supported by the dev engine",
            id="ad-hoc-sub-process",
        ),
        pytest.param(
            '<bpmn:choreographyTask id="Chor" />',
            "Chor",
            "bpmn:choreographyTask",
            "unsupported element: bpmn:choreographyTask cannot be run by the dev engine",
            id="unknown-bpmn-element",
        ),
        pytest.param(
            task_with("<bpmn:standardLoopCharacteristics />"),
            "Task",
            "bpmn:serviceTask",
            "standard loops (standardLoopCharacteristics) are not supported by Zeebe",
            id="standard-loop",
        ),
        pytest.param(
            task_with(
                "<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality>"
                "</bpmn:multiInstanceLoopCharacteristics>"
            ),
            "Task",
            "bpmn:serviceTask",
            "loopCardinality is not supported by Zeebe",
            id="loop-cardinality",
        ),
    ],
)
def test_unsupported_elements_are_refused(
    document: Document,
    around: Callable[..., str],
    refused: Refused,
    element: str,
    element_id: str,
    element_type: str,
    reason: str,
) -> None:
    refused(document(around(element, element_id)), element_id, element_type, reason)


def test_the_error_message_reads_like_the_example(
    document: Document,
    around: Callable[..., str],
    problems_of: Callable[[bytes], list[BpmnProblem]],
) -> None:
    problems = problems_of(document(around('<bpmn:complexGateway id="Task_1" />', "Task_1")))
    assert [str(p) for p in problems] == [
        "test.bpmn: element 'Task_1' (bpmn:complexGateway): complex gateways are not supported by "
        "the dev engine"
    ]


def test_a_refused_element_does_not_also_break_its_flows(
    document: Document,
    around: Callable[..., str],
    problems_of: Callable[[bytes], list[BpmnProblem]],
) -> None:
    problems = problems_of(document(around('<bpmn:complexGateway id="Complex" />', "Complex")))
    assert len(problems) == 1


COMPENSATION_BOUNDARY = f"""
{task_with("")}
<bpmn:boundaryEvent id="Comp" attachedToRef="Task"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
"""


@pytest.mark.parametrize(
    ("body", "element_id", "element_type", "reason"),
    [
        pytest.param(
            COMPENSATION_BOUNDARY,
            "Comp",
            "bpmn:boundaryEvent",
            "compensation events are not supported by the dev engine",
            id="compensation-boundary",
        ),
        pytest.param(
            '<bpmn:intermediateThrowEvent id="Task"><bpmn:compensateEventDefinition '
            "/></bpmn:intermediateThrowEvent>",
            "Task",
            "bpmn:intermediateThrowEvent",
            "compensation events are not supported by the dev engine",
            id="compensation-throw",
        ),
        pytest.param(
            '<bpmn:serviceTask id="Task" isForCompensation="true"><bpmn:extensionElements>'
            '<zeebe:taskDefinition type="undo" /></bpmn:extensionElements></bpmn:serviceTask>',
            "Task",
            "bpmn:serviceTask",
            "compensation handlers (isForCompensation) are not supported by the dev engine",
            id="compensation-handler",
        ),
        pytest.param(
            '<bpmn:intermediateCatchEvent id="Task"><bpmn:conditionalEventDefinition>'
            "<bpmn:condition>=x</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>",
            "Task",
            "bpmn:intermediateCatchEvent",
            "conditional events are not supported by the dev engine",
            id="conditional-catch",
        ),
        pytest.param(
            f"{task_with('')}"
            '<bpmn:boundaryEvent id="Cancel" attachedToRef="Task"><bpmn:cancelEventDefinition '
            "/></bpmn:boundaryEvent>",
            "Cancel",
            "bpmn:boundaryEvent",
            "cancel events are not supported by the dev engine",
            id="cancel-boundary",
        ),
    ],
)
def test_unsupported_event_definitions_are_refused(
    document: Document,
    around: Callable[..., str],
    refused: Refused,
    body: str,
    element_id: str,
    element_type: str,
    reason: str,
) -> None:
    refused(document(around(body, "Task")), element_id, element_type, reason)


def test_compensation_end_event_is_refused(document: Document, refused: Refused) -> None:
    body = (
        '<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="F" sourceRef="Start" '
        'targetRef="End" />'
        '<bpmn:endEvent id="End"><bpmn:compensateEventDefinition /></bpmn:endEvent>'
    )
    refused(
        document(body),
        "End",
        "bpmn:endEvent",
        "compensation events are not supported by the dev engine",
    )


def test_conditional_start_event_is_refused(document: Document, refused: Refused) -> None:
    body = (
        '<bpmn:startEvent id="Start"><bpmn:conditionalEventDefinition /></bpmn:startEvent>'
        '<bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />'
    )
    refused(document(body), "Start", "bpmn:startEvent", "conditional events are not supported")


def test_cancel_end_event_is_refused(document: Document, refused: Refused) -> None:
    body = (
        '<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="F" sourceRef="Start" '
        'targetRef="End" />'
        '<bpmn:endEvent id="End"><bpmn:cancelEventDefinition /></bpmn:endEvent>'
    )
    refused(document(body), "End", "bpmn:endEvent", "cancel events are not supported")


def test_duplicate_ids_are_refused(
    document: Document, around: Callable[..., str], refused: Refused
) -> None:
    body = around('<bpmn:manualTask id="Task" />', "Task", '<bpmn:manualTask id="Task" />')
    refused(
        document(body),
        "Task",
        "bpmn:manualTask",
        "duplicate id: 2 elements of the file share this id",
    )


def test_event_definition_ref_is_refused(document: Document, refused: Refused) -> None:
    body = (
        "<bpmn:startEvent "
        'id="Start"><bpmn:eventDefinitionRef>Shared</bpmn:eventDefinitionRef></bpmn:startEvent>'
        '<bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />'
    )
    refused(document(body), "Start", "bpmn:startEvent", "eventDefinitionRef is not supported")


def test_an_element_without_id_is_refused(
    document: Document, around: Callable[..., str], refused: Refused
) -> None:
    refused(
        document(around('<bpmn:manualTask id="Task" />', "Task", "<bpmn:manualTask />")),
        None,
        "bpmn:manualTask",
        "a bpmn:manualTask must have an id",
    )


def test_elements_without_behaviour_are_ignored(
    document: Document, around: Callable[..., str], parse: Callable[[bytes], object]
) -> None:
    extra = (
        '<bpmn:laneSet id="Lanes"><bpmn:lane id="Lane" /></bpmn:laneSet>'
        '<bpmn:textAnnotation id="Note"><bpmn:text>hi</bpmn:text></bpmn:textAnnotation>'
        '<bpmn:association id="Assoc" sourceRef="Task" targetRef="Note" />'
        '<bpmn:dataObject id="Data" /><bpmn:dataObjectReference id="DataRef" dataObjectRef="Data" '
        "/>"
        '<bpmn:dataStoreReference id="Store" /><bpmn:group id="Group" />'
        "<bpmn:documentation>docs</bpmn:documentation>"
        '<other:thing xmlns:other="urn:other" id="Foreign" />'
    )
    element = '<bpmn:manualTask id="Task" modeler:x="1" xmlns:modeler="http://camunda.org/schema/modeler/1.0" />'
    parse(document(around(element, "Task", extra)))
