"""Shared state of one parse: where problems go, the definitions-level references, attributes.

Problems are collected, never raised one by one, so that a file is refused with all of them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from camunda_core.devengine.bpmn.errors import BpmnProblem
from camunda_core.devengine.bpmn.expression import Expression
from camunda_core.devengine.bpmn.xmlload import (
    BPMN_NS,
    ZEEBE_NS,
    bpmn,
    local_name,
    namespace,
)

__all__ = ["Definitions", "Extensions", "Owner", "ProblemSink", "element_type_of"]

_PREFIXES = {BPMN_NS: "bpmn", ZEEBE_NS: "zeebe"}


def element_type_of(element: ET.Element) -> str:
    """How problems name an element's type: ``bpmn:serviceTask``, ``zeebe:taskDefinition``."""
    prefix = _PREFIXES.get(namespace(element.tag))
    return f"{prefix}:{local_name(element.tag)}" if prefix else local_name(element.tag)


class ProblemSink:
    """Collects the problems of one file, in the order they are found."""

    def __init__(self, resource_name: str) -> None:
        self.resource_name = resource_name
        self.problems: list[BpmnProblem] = []

    def add(self, element_id: str | None, element_type: str | None, reason: str) -> None:
        """Record one problem."""
        self.problems.append(BpmnProblem(self.resource_name, element_id, element_type, reason))

    def owner(self, element: ET.Element) -> Owner:
        """A reporter for problems of this XML element."""
        return Owner(self, element.get("id"), element_type_of(element))


@dataclass(frozen=True, slots=True)
class Owner:
    """The element problems are reported against, with attribute readers that report for it."""

    sink: ProblemSink
    element_id: str | None
    element_type: str

    def report(self, reason: str) -> None:
        """Record a problem of this element."""
        self.sink.add(self.element_id, self.element_type, reason)

    def text(self, element: ET.Element, attribute: str, *, required: bool = False) -> str | None:
        """A plain attribute; None when absent or blank (reported when ``required``)."""
        value = element.get(attribute)
        if value is None or not value.strip():
            if required:
                self.report(
                    f"{element_type_of(element)}: attribute '{attribute}' must be present and not "
                    "empty"
                )
            return None
        return value

    def expression(
        self,
        element: ET.Element,
        attribute: str,
        *,
        required: bool = False,
        feel_only: bool = False,
    ) -> Expression | None:
        """An attribute that may be FEEL; ``feel_only`` refuses a static value, as Zeebe does."""
        raw = self.text(element, attribute, required=required)
        if raw is None:
            return None
        what = f"{element_type_of(element)}: attribute '{attribute}'"
        return self.check_expression(raw, what, feel_only=feel_only)

    def check_expression(self, raw: str, what: str, *, feel_only: bool = False) -> Expression:
        """Parse ``raw``; report an empty FEEL expression or a static value where FEEL is needed."""
        value = Expression.parse(raw)
        if value.is_feel and not value.source:
            self.report(f"{what} is an empty FEEL expression")
        elif feel_only and value.is_static:
            self.report(
                f"{what} must be a FEEL expression (starting with '='), found static '{raw}'"
            )
        return value


@dataclass(frozen=True, slots=True)
class Definitions:
    """The definitions-level elements events refer to, by id."""

    messages: dict[str, ET.Element] = field(default_factory=dict)
    errors: dict[str, ET.Element] = field(default_factory=dict)
    signals: dict[str, ET.Element] = field(default_factory=dict)
    escalations: dict[str, ET.Element] = field(default_factory=dict)

    @classmethod
    def read(cls, root: ET.Element) -> Definitions:
        """Index the root's ``bpmn:message``/``error``/``signal``/``escalation`` children."""
        found = cls()
        tables = {
            bpmn("message"): found.messages,
            bpmn("error"): found.errors,
            bpmn("signal"): found.signals,
            bpmn("escalation"): found.escalations,
        }
        for child in root:
            table = tables.get(child.tag)
            element_id = child.get("id")
            if table is not None and element_id:
                table[element_id] = child
        return found


class Extensions:
    """The ``zeebe:*`` children of an element's ``bpmn:extensionElements``, by local name."""

    def __init__(self, element: ET.Element) -> None:
        self._by_name: dict[str, list[ET.Element]] = {}
        for container in element.findall(bpmn("extensionElements")):
            for child in container:
                if namespace(child.tag) == ZEEBE_NS:
                    self._by_name.setdefault(local_name(child.tag), []).append(child)

    def all(self, name: str) -> list[ET.Element]:
        """Every ``zeebe:<name>`` child, in file order."""
        return self._by_name.get(name, [])

    def has(self, name: str) -> bool:
        """True when there is at least one ``zeebe:<name>``."""
        return name in self._by_name

    def single(self, name: str, owner: Owner) -> ET.Element | None:
        """The only ``zeebe:<name>``; a duplicate is reported (Zeebe allows at most one)."""
        found = self.all(name)
        if len(found) > 1:
            owner.report(f"Must have at most one 'zeebe:{name}' extension element")
        return found[0] if found else None
