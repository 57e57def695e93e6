"""``parse_dmn``: a DMN 1.1-1.5 file becomes a compiled :class:`DecisionRequirementsGraph`.

Only what Camunda 8 runs is accepted: decision tables and literal expressions, decisions
requiring other decisions of the same file, input data. Everything is validated and every
FEEL text compiled here, so evaluation never meets a syntax error.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .errors import DmnParseError
from .model import (
    Decision,
    DecisionKind,
    DecisionRequirementsGraph,
    DecisionTable,
    InputData,
    LiteralExpression,
)
from .table_parser import parse_decision_table
from .xml_names import Names, dmn_version
from .xml_reader import read_xml

_UNSUPPORTED_LOGIC = frozenset(
    {
        "context", "invocation", "relation", "list", "functionDefinition", "conditional",
        "filter", "for", "every", "some",
    }
)  # fmt: skip


def parse_dmn(data: bytes | str, resource_name: str) -> DecisionRequirementsGraph:
    """Parse and compile a DMN file; raises DmnParseError naming the file and element."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    root = read_xml(raw, resource_name)
    namespace, _, local = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", "")
    version = dmn_version(namespace)
    if local != "definitions" or version is None:
        raise DmnParseError(
            resource_name, root.get("id"), f"not a DMN 1.1-1.5 file (root element {root.tag!r})"
        )
    names = Names(namespace, resource_name)
    _check_expression_language(names, root)
    input_data = _input_data(names, root)
    decisions: dict[str, Decision] = {}
    for element in names.children(root, "decision"):
        decision = _decision(names, element)
        if decision.id in decisions:
            raise names.error(decision.id, "duplicate decision id")
        decisions[decision.id] = decision
    if not decisions:
        raise names.error(root.get("id"), "the file contains no decision")
    _check_requirements(names, decisions, input_data)
    definitions_id = root.get("id") or resource_name
    return DecisionRequirementsGraph(
        id=definitions_id,
        name=root.get("name") or definitions_id,
        namespace=root.get("namespace"),
        resource_name=resource_name,
        decisions=decisions,
        input_data=input_data,
        dmn_version=version,
    )


def _input_data(names: Names, root: ET.Element) -> dict[str, InputData]:
    found: dict[str, InputData] = {}
    for element in names.children(root, "inputData"):
        input_id = element.get("id")
        if not input_id:
            raise names.error(element.get("name"), "an input data element needs an id")
        found[input_id] = InputData(input_id, element.get("name") or input_id)
    return found


def _check_expression_language(names: Names, element: ET.Element) -> None:
    language = element.get("expressionLanguage")
    if language and "feel" not in language.lower():
        raise names.error(element.get("id"), f"unsupported expression language '{language}'")


def _href_target(names: Names, owner: str, href: str | None) -> str:
    if not href or not href.startswith("#"):
        raise names.error(owner, f"unsupported requirement reference {href!r} (only '#id')")
    return href[1:]


def _requirements(
    names: Names, element: ET.Element, decision_id: str
) -> tuple[list[str], list[str]]:
    decisions: list[str] = []
    inputs: list[str] = []
    for requirement in names.children(element, "informationRequirement"):
        for required in names.children(requirement, "requiredDecision"):
            decisions.append(_href_target(names, decision_id, required.get("href")))
        for required in names.children(requirement, "requiredInput"):
            inputs.append(_href_target(names, decision_id, required.get("href")))
    return decisions, inputs


def _decision(names: Names, element: ET.Element) -> Decision:
    decision_id = element.get("id")
    if not decision_id:
        raise names.error(element.get("name"), "a decision needs an id")
    required_decisions, required_inputs = _requirements(names, element, decision_id)
    logic = _logic(names, element, decision_id)
    variable = names.child(element, "variable")
    variable_name = (variable.get("name") if variable is not None else None) or decision_id
    kind = (
        DecisionKind.DECISION_TABLE
        if isinstance(logic, DecisionTable)
        else DecisionKind.LITERAL_EXPRESSION
    )
    return Decision(
        id=decision_id,
        name=element.get("name") or decision_id,
        kind=kind,
        logic=logic,
        required_decisions=tuple(required_decisions),
        required_inputs=tuple(required_inputs),
        variable_name=variable_name,
    )


def _logic(
    names: Names, element: ET.Element, decision_id: str
) -> DecisionTable | LiteralExpression:
    for child in element:
        local = names.local(child)
        if child.tag == names.tag("decisionTable"):
            return parse_decision_table(names, child, decision_id)
        if child.tag == names.tag("literalExpression"):
            return _literal_expression(names, child, decision_id)
        if local in _UNSUPPORTED_LOGIC:
            raise names.error(
                decision_id,
                f"decision logic '{local}' is not supported "
                "(only decision tables and literal expressions)",
            )
    raise names.error(decision_id, "the decision has no decision table or literal expression")


def _literal_expression(names: Names, element: ET.Element, decision_id: str) -> LiteralExpression:
    _check_expression_language(names, element)
    element_id = element.get("id")
    text = names.text_of(element)
    if not text:
        raise names.error(element_id or decision_id, "the literal expression is empty")
    expression = names.expression(text, element_id or decision_id, "the literal expression")
    return LiteralExpression(element_id, text, expression)


def _check_requirements(
    names: Names, decisions: dict[str, Decision], input_data: dict[str, InputData]
) -> None:
    for decision in decisions.values():
        for required in decision.required_decisions:
            if required not in decisions:
                raise names.error(decision.id, f"requires the unknown decision '{required}'")
        for required in decision.required_inputs:
            if required not in input_data:
                raise names.error(decision.id, f"requires the unknown input data '{required}'")
    verified: set[str] = set()
    for decision in decisions.values():
        _check_no_cycle(names, decisions, decision.id, (), verified)


def _check_no_cycle(
    names: Names,
    decisions: dict[str, Decision],
    decision_id: str,
    path: tuple[str, ...],
    verified: set[str],
) -> None:
    if decision_id in path:
        cycle = " -> ".join((*path, decision_id))
        raise names.error(decision_id, f"the required decisions form a cycle: {cycle}")
    if decision_id in verified:
        return
    for required in decisions[decision_id].required_decisions:
        _check_no_cycle(names, decisions, required, (*path, decision_id), verified)
    verified.add(decision_id)
