"""Problems of the file as a whole: malformed XML, XML bombs, wrong root, nothing executable."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pytest

from camunda_core.devengine.bpmn import BpmnDeployError, BpmnProblem, parse_bpmn
from camunda_core.errors import CamundaError

Document = Callable[..., bytes]
Refused = Callable[[bytes, str | None, str | None, str], BpmnProblem]

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol2;</bpmn:definitions>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&secret;</bpmn:definitions>
"""


def only_problem(data: bytes, name: str = "bad.bpmn") -> BpmnProblem:
    with pytest.raises(BpmnDeployError) as info:
        parse_bpmn(data, name)
    assert len(info.value.problems) == 1
    return info.value.problems[0]


def test_malformed_xml_names_line_and_column() -> None:
    problem = only_problem(b'<?xml version="1.0"?>\n<a>\n  <b></a>\n')
    assert problem.element_id is None
    assert problem.reason == "malformed XML at line 3, column 8: mismatched tag"
    assert str(problem) == "bad.bpmn: malformed XML at line 3, column 8: mismatched tag"


def test_empty_file_is_malformed() -> None:
    assert only_problem(b"").reason.startswith(
        "malformed XML at line 1, column 1: no element found"
    )


@pytest.mark.parametrize(
    "data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"]
)
def test_doctype_declarations_are_refused_before_expansion(data: bytes) -> None:
    problem = only_problem(data)
    assert problem.reason.startswith("DOCTYPE declarations are not allowed")
    assert "line 2" in problem.reason


def test_undeclared_entity_is_malformed() -> None:
    problem = only_problem(b'<bpmn:definitions xmlns:bpmn="x">&boom;</bpmn:definitions>')
    assert "undefined entity" in problem.reason


def test_root_must_be_bpmn_definitions() -> None:
    problem = only_problem(b'<definitions xmlns="http://www.omg.org/spec/DMN/20191111/MODEL/" />')
    assert problem.element_type == "definitions"
    assert problem.reason.startswith(
        "not a BPMN 2.0 file: the root element must be bpmn:definitions"
    )


def test_no_executable_process(document: Document, refused: Refused) -> None:
    data = document('<bpmn:startEvent id="Start" />', executable=False)
    refused(data, "Defs", "bpmn:definitions", "no executable process")


def test_non_executable_processes_are_not_deployed_or_validated(
    document: Document, parse: Callable[[bytes], object]
) -> None:
    other = '<bpmn:process id="draft" isExecutable="false"><bpmn:complexGateway id="Complex" /></bpmn:process>'
    body = '<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />'
    resource = parse(document(body, other))
    assert [p.process_id for p in resource.processes] == ["p"]  # type: ignore[attr-defined]


def test_error_lists_every_problem_one_per_line(document: Document) -> None:
    body = '<bpmn:complexGateway id="A" /><bpmn:complexGateway id="B" />'
    with pytest.raises(BpmnDeployError) as info:
        parse_bpmn(document(body), "order.bpmn")
    lines = str(info.value).splitlines()
    assert lines == [
        "order.bpmn: element 'A' (bpmn:complexGateway): complex gateways are not supported by the "
        "dev engine",
        "order.bpmn: element 'B' (bpmn:complexGateway): complex gateways are not supported by the "
        "dev engine",
        "order.bpmn: element 'p' (bpmn:process): Must have at least one none, message, timer or "
        "signal start event at process level",
    ]
    assert info.value.resource_name == "order.bpmn"


def test_deploy_error_belongs_to_the_exception_tree_and_pickles(document: Document) -> None:
    with pytest.raises(BpmnDeployError) as info:
        parse_bpmn(document('<bpmn:complexGateway id="A" />'), "x.bpmn")
    error = info.value
    assert isinstance(error, CamundaError)
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert copy.problems == error.problems
    assert str(copy) == str(error)
