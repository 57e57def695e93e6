"""``parse_dmn``: what it accepts (DMN 1.1-1.5) and how it reports what it refuses."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from camunda_core.devengine.dmn import (
    Aggregation,
    DecisionKind,
    DecisionRequirementsGraph,
    DecisionTable,
    DmnParseError,
    HitPolicy,
    LiteralExpression,
    evaluate_decision,
    parse_dmn,
)
from camunda_core.errors import CamundaError

Builder = Callable[..., str]
Loader = Callable[[str], DecisionRequirementsGraph]

RULE = (
    '<rule id="{id}"><inputEntry id="{id}_in"><text>{test}</text></inputEntry>'
    '<outputEntry id="{id}_out"><text>{output}</text></outputEntry></rule>'
)


def rule(rule_id: str, test: str, output: str) -> str:
    return RULE.format(id=rule_id, test=test, output=output)


NAMESPACES = {
    "1.1": "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
    "1.2": "http://www.omg.org/spec/DMN/20180521/MODEL/",
    "1.3": "https://www.omg.org/spec/DMN/20191111/MODEL/",
    "1.4": "https://www.omg.org/spec/DMN/20211108/MODEL/",
    "1.5": "https://www.omg.org/spec/DMN/20230324/MODEL/",
    "1.3 over http": "http://www.omg.org/spec/DMN/20191111/MODEL/",
}


@pytest.mark.parametrize("version", NAMESPACES)
def test_every_dmn_namespace_parses_and_evaluates(
    version: str, dmn_document: Builder, simple_table: Builder
) -> None:
    xml = dmn_document(simple_table(rule("r1", "&gt; 1", '"big"')), namespace=NAMESPACES[version])
    graph = parse_dmn(xml.encode(), f"v{version}.dmn")
    assert graph.dmn_version == version.split(" ")[0]
    assert evaluate_decision(graph, "d", {"x": 5}).output == "big"


def test_the_graph_describes_the_decisions(load_fixture: Loader) -> None:
    graph = load_fixture("loan_approval.dmn")
    assert (graph.id, graph.name, graph.resource_name) == (
        "loan_approval",
        "Loan approval",
        "loan_approval.dmn",
    )
    assert list(graph.decisions) == ["risk_score", "risk_class", "approval", "summary"]
    risk_score = graph.decision("risk_score")
    assert risk_score.kind is DecisionKind.LITERAL_EXPRESSION
    assert isinstance(risk_score.logic, LiteralExpression)
    assert risk_score.required_inputs == ("input_applicant",)
    assert graph.input_data["input_applicant"].name == "applicant"
    approval = graph.decision("approval")
    assert approval.kind is DecisionKind.DECISION_TABLE
    assert approval.required_decisions == ("risk_class",)
    assert graph.decision("summary").required_decisions == ("approval", "risk_score")
    table = approval.logic
    assert isinstance(table, DecisionTable)
    assert table.hit_policy is HitPolicy.FIRST
    assert [clause.name for clause in table.inputs] == ["Risk class", "Age"]
    assert [output.name for output in table.outputs] == ["approved", "reason"]
    assert [(r.id, r.index) for r in table.rules][-1] == ("approval_ok", 3)


def test_aggregation_is_read(load_fixture: Loader) -> None:
    table = load_fixture("hit_policies.dmn").decision("collect_sum").logic
    assert isinstance(table, DecisionTable)
    assert (table.hit_policy, table.aggregation) == (HitPolicy.COLLECT, Aggregation.SUM)


def test_dmn_11_file_evaluates(load_fixture: Loader) -> None:
    graph = load_fixture("dish_dmn11.dmn")
    assert graph.dmn_version == "1.1"
    assert evaluate_decision(graph, "dish", {"season": "Winter", "guestCount": 4}).output == (
        "Spareribs"
    )
    assert evaluate_decision(graph, "dish", {"season": "Spring", "guestCount": 40}).output == (
        "Light salad"
    )


def test_text_input_is_accepted(dmn_document: Builder, simple_table: Builder) -> None:
    graph = parse_dmn(dmn_document(simple_table(rule("r1", "-", "1"))), "text.dmn")
    assert evaluate_decision(graph, "d", {}).output == 1


DOCTYPE = '<?xml version="1.0"?><!DOCTYPE definitions [<!ENTITY x "y">]><definitions/>'


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (DOCTYPE.encode(), "DOCTYPE and ENTITY declarations are not allowed"),
        (DOCTYPE.encode("utf-16"), "DOCTYPE and ENTITY declarations are not allowed"),
        (b"<definitions", "invalid XML"),
        (b"", "invalid XML"),
        (
            b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="p"/>',
            "not a DMN 1.1-1.5 file",
        ),
        (b"<definitions id='x'/>", "not a DMN 1.1-1.5 file"),
    ],
)
def test_unsafe_or_foreign_xml_is_refused(data: bytes, fragment: str) -> None:
    with pytest.raises(DmnParseError, match=fragment) as caught:
        parse_dmn(data, "bad.dmn")
    assert str(caught.value).startswith("bad.dmn")


INPUT_CLAUSE = '<input id="in"><inputExpression id="ie"><text>x</text></inputExpression></input>'


@pytest.mark.parametrize(
    ("body", "element_id", "fragment"),
    [
        ("", "defs", "contains no decision"),
        (
            '<decision id="d"><decisionTable id="t" hitPolicy="SOMETIMES">'
            f'{INPUT_CLAUSE}<output id="o" name="r"/></decisionTable></decision>',
            "t",
            "unsupported hit policy 'SOMETIMES'",
        ),
        (
            '<decision id="d"><decisionTable id="t" hitPolicy="COLLECT" aggregation="AVG">'
            f'{INPUT_CLAUSE}<output id="o" name="r"/></decisionTable></decision>',
            "t",
            "unsupported aggregation 'AVG'",
        ),
        (
            '<decision id="d"><decisionTable id="t" hitPolicy="FIRST" aggregation="SUM">'
            f'{INPUT_CLAUSE}<output id="o" name="r"/></decisionTable></decision>',
            "t",
            "only allowed with hit policy COLLECT",
        ),
        (
            '<decision id="d"><decisionTable id="t" hitPolicy="COLLECT" aggregation="SUM">'
            f'{INPUT_CLAUSE}<output id="o1" name="a"/><output id="o2" name="b"/>'
            "</decisionTable></decision>",
            "t",
            "an aggregation needs exactly one output",
        ),
        (
            f'<decision id="d"><decisionTable id="t">{INPUT_CLAUSE}'
            '<output id="o1"/><output id="o2" name="b"/></decisionTable></decision>',
            "o1",
            "needs a name",
        ),
        (
            f'<decision id="d"><decisionTable id="t">{INPUT_CLAUSE}</decisionTable></decision>',
            "t",
            "has no output",
        ),
        (
            '<decision id="d"><decisionTable id="t"><input id="in"><inputExpression id="ie">'
            '<text>x +</text></inputExpression></input><output id="o" name="r"/>'
            "</decisionTable></decision>",
            "in",
            "invalid FEEL in the input expression 'x +'",
        ),
        (
            '<decision id="d"><decisionTable id="t"><input id="in"/><output id="o" name="r"/>'
            "</decisionTable></decision>",
            "in",
            "has no input expression",
        ),
        (
            f'<decision id="d"><decisionTable id="t">{INPUT_CLAUSE}<output id="o" name="r"/>'
            '<rule id="r1"><outputEntry id="oe"><text>1</text></outputEntry></rule>'
            "</decisionTable></decision>",
            "r1",
            "the rule has 0 input and 1 output entries",
        ),
        (
            '<decision id="d"><literalExpression id="le"><text>1 +</text></literalExpression>'
            "</decision>",
            "le",
            "invalid FEEL in the literal expression",
        ),
        (
            '<decision id="d"><literalExpression id="le"><text> </text></literalExpression>'
            "</decision>",
            "le",
            "the literal expression is empty",
        ),
        (
            '<decision id="d"><literalExpression id="le" expressionLanguage="javascript">'
            "<text>1</text></literalExpression></decision>",
            "le",
            "unsupported expression language 'javascript'",
        ),
        (
            '<decision id="d"><context id="c"/></decision>',
            "d",
            "decision logic 'context' is not supported",
        ),
        ('<decision id="d"/>', "d", "has no decision table or literal expression"),
        (
            '<decision id="d"><informationRequirement id="ir"><requiredDecision href="#nope"/>'
            "</informationRequirement><literalExpression><text>1</text></literalExpression>"
            "</decision>",
            "d",
            "requires the unknown decision 'nope'",
        ),
        (
            '<decision id="d"><informationRequirement id="ir">'
            '<requiredDecision href="other.dmn#x"/></informationRequirement>'
            "<literalExpression><text>1</text></literalExpression></decision>",
            "d",
            "unsupported requirement reference 'other.dmn#x'",
        ),
        (
            '<decision id="d"><informationRequirement id="ir"><requiredInput href="#in"/>'
            "</informationRequirement><literalExpression><text>1</text></literalExpression>"
            "</decision>",
            "d",
            "requires the unknown input data 'in'",
        ),
        (
            '<decision id="a"><informationRequirement id="i1"><requiredDecision href="#b"/>'
            "</informationRequirement><literalExpression><text>1</text></literalExpression>"
            '</decision><decision id="b"><informationRequirement id="i2">'
            '<requiredDecision href="#a"/></informationRequirement>'
            "<literalExpression><text>2</text></literalExpression></decision>",
            "a",
            "the required decisions form a cycle: a -> b -> a",
        ),
        (
            '<decision id="d"><literalExpression><text>1</text></literalExpression></decision>'
            '<decision id="d"><literalExpression><text>2</text></literalExpression></decision>',
            "d",
            "duplicate decision id",
        ),
        (
            '<decision name="no id"><literalExpression><text>1</text></literalExpression>'
            "</decision>",
            "no id",
            "a decision needs an id",
        ),
    ],
)
def test_invalid_models_name_file_element_and_reason(
    dmn_document: Builder, body: str, element_id: str, fragment: str
) -> None:
    with pytest.raises(DmnParseError) as caught:
        parse_dmn(dmn_document(body), "model.dmn")
    error = caught.value
    assert (error.resource_name, error.element_id) == ("model.dmn", element_id)
    assert fragment in error.reason
    assert str(error).startswith(f"model.dmn (element '{element_id}'): ")


@pytest.mark.parametrize(
    ("rules", "element_id", "fragment"),
    [
        (
            rule("bad_rule", "&gt; &gt; 5", '"x"'),
            "bad_rule",
            "invalid input entry in column 1 ('X')",
        ),
        (
            rule("bad_out", "-", '"unclosed'),
            "bad_out",
            "invalid FEEL in the output entry in column 1",
        ),
        (rule("bad_range", "[1..", '"x"'), "bad_range", "invalid input entry in column 1"),
    ],
)
def test_feel_syntax_errors_in_entries_name_the_rule_and_column(
    dmn_document: Builder, simple_table: Builder, rules: str, element_id: str, fragment: str
) -> None:
    with pytest.raises(DmnParseError) as caught:
        parse_dmn(dmn_document(simple_table(rules)), "entries.dmn")
    assert caught.value.element_id == element_id
    assert fragment in caught.value.reason
    assert "column" in caught.value.reason


def test_parse_errors_are_camunda_errors() -> None:
    assert issubclass(DmnParseError, CamundaError)
