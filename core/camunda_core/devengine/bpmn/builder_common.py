"""What every flow node builder shares: the parse context, the scope, the common fields."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from camunda_core.devengine.bpmn.context import Definitions, Extensions, Owner, ProblemSink
from camunda_core.devengine.bpmn.extensions import (
    read_execution_listeners,
    read_io_mappings,
    read_properties,
)
from camunda_core.devengine.bpmn.parts import ExecutionListenerEvent
from camunda_core.devengine.bpmn.xmlload import local_name

__all__ = ["BuildContext", "NodeSource", "Scope", "ScopeKind"]


class ScopeKind(Enum):
    """The kind of container a flow node sits in; decides which start events are allowed."""

    PROCESS = "process"
    EMBEDDED = "embedded sub-process"
    EVENT_SUBPROCESS = "event sub-process"


@dataclass(frozen=True, slots=True)
class Scope:
    """The process or sub-process whose direct children are being built."""

    id: str
    kind: ScopeKind


@dataclass(slots=True)
class BuildContext:
    """One process being built: problems, references and the flows by node (pre-computed)."""

    sink: ProblemSink
    definitions: Definitions
    process_id: str
    incoming: dict[str, list[str]] = field(default_factory=dict)
    outgoing: dict[str, list[str]] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)
    """Ids of elements already refused as a whole; graph checks do not pile up on them."""


@dataclass(slots=True)
class NodeSource:
    """The XML of one flow node with what every builder reads from it."""

    element: ET.Element
    scope: Scope
    context: BuildContext
    owner: Owner
    extensions: Extensions

    @classmethod
    def of(cls, element: ET.Element, scope: Scope, context: BuildContext) -> NodeSource:
        """Wrap an element of ``scope``."""
        return cls(element, scope, context, context.sink.owner(element), Extensions(element))

    @property
    def id(self) -> str:
        """The element's id (the walker skips elements without one)."""
        return self.element.get("id") or ""

    def common_fields(self) -> dict[str, Any]:
        """Keyword arguments shared by every FlowNode class."""
        inputs, outputs = read_io_mappings(self.extensions, self.owner)
        return {
            "id": self.id,
            "element_type": local_name(self.element.tag),
            "scope_id": self.scope.id,
            "name": self.element.get("name"),
            "incoming": tuple(self.context.incoming.get(self.id, ())),
            "outgoing": tuple(self.context.outgoing.get(self.id, ())),
            "input_mappings": inputs,
            "output_mappings": outputs,
            "execution_listeners": read_execution_listeners(self.extensions, self.owner),
            "properties": read_properties(self.extensions, self.owner),
        }

    def refuse_listeners(
        self, fields: dict[str, Any], event: ExecutionListenerEvent, what: str
    ) -> None:
        """Zeebe rule: some elements cannot have start (or end) execution listeners."""
        if any(listener.event_type is event for listener in fields["execution_listeners"]):
            self.owner.report(
                f"Execution listeners of type '{event.value}' are not supported by {what}"
            )
