"""Script tasks (FEEL), business rule tasks (DMN) and the evaluate-decision command."""

from __future__ import annotations

import json

import pytest
from bpmn_builder import attr, chain, end, io, process, start
from runtime_harness import Harness

from camunda_core.devengine.contract import InvalidArgument, NotFound


def _script(expression: str, extensions: str = "") -> bytes:
    task = (
        '<bpmn:scriptTask id="calc"><bpmn:extensionElements>'
        f'<zeebe:script expression="{attr(expression)}" resultVariable="total" />{extensions}'
        "</bpmn:extensionElements></bpmn:scriptTask>"
    )
    return process("p", start(), task, end(), chain("start", "calc", "end"))


def test_a_script_task_stores_its_feel_result(h: Harness) -> None:
    h.deploy(_script("=sum(for item in items return item.price)"))
    key = h.start("p", items=[{"price": 2}, {"price": 3.5}])
    assert h.variables(key)["total"] == 5.5
    assert next(e for e in h.elements(key) if e.element_id == "calc").type == "SCRIPT_TASK"


def test_a_script_result_goes_through_output_mappings(h: Harness) -> None:
    h.deploy(_script('="a" + "b"', io(outputs={"label": "=upper case(total)"})))
    key = h.start("p")
    assert h.variables(key) == {"label": "AB"}


def test_a_failing_script_is_an_incident(h: Harness) -> None:
    h.deploy(_script("=missingFunction(1)"))
    (incident,) = h.incidents(h.start("p"))
    assert incident.error_type == "EXTRACT_VALUE_ERROR"


def _rule_task(decision_id: str = "discount") -> bytes:
    task = (
        '<bpmn:businessRuleTask id="decide"><bpmn:extensionElements>'
        f'<zeebe:calledDecision decisionId="{decision_id}" resultVariable="rate" />'
        "</bpmn:extensionElements></bpmn:businessRuleTask>"
    )
    return process("p", start(), task, end(), chain("start", "decide", "end"))


def test_a_business_rule_task_evaluates_the_latest_decision(h: Harness) -> None:
    h.deploy(h.fixture("discount.dmn"), ("p.bpmn", _rule_task()))
    key = h.start("p", customer="gold", amount=150)
    assert h.variables(key)["rate"] == 0.2
    assert h.variables(h.start("p", customer="silver", amount=150))["rate"] == 0


def test_a_missing_decision_is_a_called_decision_incident(h: Harness) -> None:
    h.deploy(("p.bpmn", _rule_task()))
    key = h.start("p", customer="gold", amount=1)
    (incident,) = h.incidents(key)
    assert incident.error_type == "CALLED_DECISION_ERROR"
    h.deploy(h.fixture("discount.dmn"))
    h.engine.resolve_incident(incident.incident_key)
    assert h.variables(key)["rate"] == 0.1


def test_a_failing_decision_is_a_decision_evaluation_incident(h: Harness) -> None:
    dmn = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="D" '
        b'namespace="x"><decision id="broken" name="Broken"><literalExpression id="l">'
        b"<text>missingFunction(1)</text></literalExpression></decision></definitions>"
    )
    h.deploy(("d.dmn", dmn), ("p.bpmn", _rule_task("broken")))
    (incident,) = h.incidents(h.start("p"))
    assert incident.error_type == "DECISION_EVALUATION_ERROR"


def test_evaluate_decision_reports_every_evaluated_decision_in_rest_shape(h: Harness) -> None:
    deployment = h.deploy(h.fixture("discount.dmn"))
    evaluation = h.engine.evaluate_decision(
        decision_definition_id="label", variables={"customer": "gold", "amount": 5}
    )
    assert evaluation.output == "discounted"
    assert evaluation.decision.decision_definition_id == "label"
    assert evaluation.decision_requirements.decision_requirements_id == "discount_drg"
    assert evaluation.failed_decision_id is None
    first, second = evaluation.evaluated_decisions
    assert first["decisionDefinitionId"] == "discount"
    assert first["decisionDefinitionType"] == "DECISION_TABLE"
    assert first["decisionEvaluationInstanceKey"] == f"{evaluation.decision_evaluation_key}-1"
    assert json.loads(first["output"]) == 0.1
    assert first["matchedRules"][0]["ruleId"] == "gold_small"
    assert first["matchedRules"][0]["evaluatedOutputs"][0]["outputValue"] == "0.1"
    assert first["evaluatedInputs"][0] == {
        "inputId": "customer_input",
        "inputName": "Customer",
        "inputValue": '"gold"',
    }
    assert second["decisionDefinitionId"] == "label"
    assert second["decisionDefinitionKey"] == deployment.decisions[1].decision_definition_key
    by_key = h.engine.evaluate_decision(
        decision_definition_key=deployment.decisions[0].decision_definition_key,
        variables={"customer": "x", "amount": 1},
    )
    assert by_key.output == 0


def test_evaluate_decision_rejections(h: Harness) -> None:
    with pytest.raises(NotFound):
        h.engine.evaluate_decision(decision_definition_id="none")
    with pytest.raises(InvalidArgument):
        h.engine.evaluate_decision()
