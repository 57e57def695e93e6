"""Values Camunda sends as JSON text (variables, decision outputs) are easy to read."""

from __future__ import annotations

import httpx
import pytest
from client_fakes import KEY, Script, page, sync_client, variable

from camunda_core.models.decisions import DecisionEvaluation
from camunda_core.models.variables import Variable


@pytest.mark.parametrize(
    ("text", "value"),
    [('"abc"', "abc"), ('{"a": [1, 2]}', {"a": [1, 2]}), ("42", 42), ("null", None)],
)
def test_a_variable_value_is_parsed_json(text: str, value: object) -> None:
    assert Variable.model_validate(variable("x", text)).json_value() == value


def test_a_truncated_value_says_how_to_get_the_whole_one() -> None:
    cut = Variable.model_validate(variable("big", '"aaaa', isTruncated=True))
    with pytest.raises(ValueError, match="truncate_values=False"):
        cut.json_value()


def test_searches_can_ask_for_untruncated_values() -> None:
    script = Script(page([variable("x", '"abc"', isTruncated=False)], total=1))
    with sync_client(script) as camunda:
        found = camunda.search_variables({"name": "x"}, truncate_values=False)
    assert script.requests[0].url.params["truncateValues"] == "false"
    assert [v.json_value() for v in found.items] == ["abc"]


def test_get_variable_returns_the_full_value() -> None:
    script = Script(httpx.Response(200, json=variable("order", '{"id": "A-1"}')))
    with sync_client(script) as camunda:
        assert camunda.get_variable(KEY).json_value() == {"id": "A-1"}
    assert "truncateValues" not in script.requests[0].url.params


def test_decision_outputs_are_parsed_json() -> None:
    evaluation = DecisionEvaluation.model_validate(
        {
            "decisionDefinitionId": "discount",
            "decisionDefinitionKey": KEY,
            "decisionDefinitionVersion": 1,
            "output": '{"rate": 0.1}',
            "evaluatedDecisions": [
                {
                    "decisionDefinitionId": "discount",
                    "decisionDefinitionKey": KEY,
                    "decisionDefinitionVersion": 1,
                    "output": '{"rate": 0.1}',
                    "matchedRules": [
                        {
                            "ruleId": "r1",
                            "ruleIndex": 1,
                            "evaluatedOutputs": [
                                {"outputId": "o", "outputValue": "0.1", "ruleId": "r1"}
                            ],
                        }
                    ],
                    "evaluatedInputs": [{"inputId": "i", "inputValue": '"gold"'}],
                }
            ],
        }
    )
    decision = evaluation.evaluated_decisions[0]
    assert evaluation.output_json() == {"rate": 0.1}
    assert decision.matched_rules[0].evaluated_outputs[0].json_value() == 0.1
    assert decision.evaluated_inputs[0].json_value() == "gold"
