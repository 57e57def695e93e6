"""Parsing of ``decisionTable`` elements: inputs, outputs, rules and the hit policy."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from camunda_core.devengine.feel import (
    FeelError,
    FeelExpression,
    FeelSyntaxError,
    compile_unary_tests,
    evaluate,
)

from .model import Aggregation, DecisionTable, HitPolicy, InputClause, OutputClause, Rule
from .xml_names import Names

_HIT_POLICIES = {policy.value: policy for policy in HitPolicy}
_AGGREGATIONS = {aggregation.value: aggregation for aggregation in Aggregation}


def parse_decision_table(names: Names, element: ET.Element, decision_id: str) -> DecisionTable:
    table_id = element.get("id")
    hit_policy, aggregation = _hit_policy(names, element, table_id or decision_id)
    inputs = tuple(_input(names, el, i) for i, el in enumerate(names.children(element, "input"), 1))
    outputs = _outputs(names, element, decision_id)
    rules = tuple(
        _rule(names, el, index, inputs, outputs)
        for index, el in enumerate(names.children(element, "rule"), 1)
    )
    if aggregation is not None and len(outputs) > 1:
        raise names.error(table_id or decision_id, "an aggregation needs exactly one output")
    return DecisionTable(table_id, hit_policy, aggregation, inputs, outputs, rules)


def _hit_policy(
    names: Names, element: ET.Element, element_id: str
) -> tuple[HitPolicy, Aggregation | None]:
    raw_policy = element.get("hitPolicy", "UNIQUE").strip()
    policy = _HIT_POLICIES.get(raw_policy)
    if policy is None:
        raise names.error(element_id, f"unsupported hit policy '{raw_policy}'")
    raw_aggregation = element.get("aggregation")
    if raw_aggregation is None:
        return policy, None
    aggregation = _AGGREGATIONS.get(raw_aggregation.strip())
    if aggregation is None:
        raise names.error(element_id, f"unsupported aggregation '{raw_aggregation}'")
    if policy is not HitPolicy.COLLECT:
        raise names.error(
            element_id, f"aggregation '{raw_aggregation}' is only allowed with hit policy COLLECT"
        )
    return policy, aggregation


def _input(names: Names, element: ET.Element, position: int) -> InputClause:
    input_id = element.get("id") or f"input-{position}"
    expression_element = names.child(element, "inputExpression")
    text = names.text_of(expression_element)
    if not text:
        raise names.error(input_id, "the input has no input expression")
    expression = names.expression(text, input_id, f"the input expression '{text}'")
    type_ref = expression_element.get("typeRef") if expression_element is not None else None
    return InputClause(input_id, element.get("label"), text, expression, type_ref)


def _outputs(names: Names, element: ET.Element, decision_id: str) -> tuple[OutputClause, ...]:
    elements = names.children(element, "output")
    if not elements:
        raise names.error(element.get("id") or decision_id, "the decision table has no output")
    outputs = tuple(_output(names, el, i, len(elements)) for i, el in enumerate(elements, 1))
    seen = [output.name for output in outputs]
    if len(set(seen)) != len(seen):
        raise names.error(element.get("id") or decision_id, f"output names must differ: {seen}")
    return outputs


def _output(names: Names, element: ET.Element, position: int, count: int) -> OutputClause:
    output_id = element.get("id") or f"output-{position}"
    name = element.get("name") or ""
    if not name and count > 1:
        raise names.error(output_id, "an output of a table with several outputs needs a name")
    default_text = names.text_of(names.child(element, "defaultOutputEntry"))
    default = (
        names.expression(default_text, output_id, "the default output entry")
        if default_text
        else None
    )
    priorities = _allowed_values(names.text_of(names.child(element, "outputValues")))
    return OutputClause(
        output_id, name, element.get("label"), element.get("typeRef"), priorities, default
    )


def _allowed_values(text: str) -> tuple[Any, ...]:
    """``"a","b"`` -> ("a", "b"); lists that are not plain values give no priorities."""
    if not text:
        return ()
    try:
        values = evaluate(f"[{text}]", {})
    except FeelError:
        return ()
    return tuple(values) if isinstance(values, list) else ()


def _rule(
    names: Names,
    element: ET.Element,
    index: int,
    inputs: tuple[InputClause, ...],
    outputs: tuple[OutputClause, ...],
) -> Rule:
    rule_id = element.get("id") or f"rule-{index}"
    input_entries = names.children(element, "inputEntry")
    output_entries = names.children(element, "outputEntry")
    if len(input_entries) != len(inputs) or len(output_entries) != len(outputs):
        raise names.error(
            rule_id,
            f"the rule has {len(input_entries)} input and {len(output_entries)} output entries "
            f"but the table has {len(inputs)} inputs and {len(outputs)} outputs",
        )
    tests = []
    for column, (entry, clause) in enumerate(zip(input_entries, inputs, strict=True), 1):
        text = names.text_of(entry)
        try:
            tests.append(compile_unary_tests(text))
        except FeelSyntaxError as exc:
            raise names.error(
                rule_id, f"invalid input entry in column {column} ('{clause.name}'): {exc}"
            ) from None
    results: list[FeelExpression | None] = []
    for column, (entry, output) in enumerate(zip(output_entries, outputs, strict=True), 1):
        text = names.text_of(entry)
        what = f"the output entry in column {column} ('{output.name or output.id}')"
        results.append(names.expression(text, rule_id, what) if text else None)
    return Rule(rule_id, index, tuple(tests), tuple(results))
