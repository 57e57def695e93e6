"""The base of every flow node, sequence flows and gateways.

Flow nodes are frozen, slotted dataclasses. Each knows its scope (the process or the sub-process
that contains it) and the ids of its incoming and outgoing sequence flows, computed from the
sequence flows themselves (the redundant ``bpmn:incoming``/``bpmn:outgoing`` children are
ignored). Events live in ``events.py``, activities in ``activities.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from camunda_core.devengine.bpmn.expression import Expression
from camunda_core.devengine.bpmn.parts import ExecutionListener, IoMapping, JobDefinition

__all__ = [
    "EMPTY_PROPERTIES",
    "EventBasedGateway",
    "ExclusiveGateway",
    "FlowNode",
    "Gateway",
    "InclusiveGateway",
    "ParallelGateway",
    "SequenceFlow",
]

EMPTY_PROPERTIES: Mapping[str, str] = MappingProxyType({})


def _no_properties() -> Mapping[str, str]:
    return EMPTY_PROPERTIES


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowNode:
    """What every element of a process graph has.

    ``element_type`` is the BPMN local name (``"serviceTask"``, ``"startEvent"``, ``"task"``...).
    ``scope_id`` is the id of the process or sub-process the node is a direct child of (a
    boundary event belongs to the scope of its activity). ``properties`` holds
    ``zeebe:properties`` (no behaviour; kept for tools such as connectors).
    """

    id: str
    element_type: str
    scope_id: str
    name: str | None = None
    incoming: tuple[str, ...] = ()
    outgoing: tuple[str, ...] = ()
    input_mappings: tuple[IoMapping, ...] = ()
    output_mappings: tuple[IoMapping, ...] = ()
    execution_listeners: tuple[ExecutionListener, ...] = ()
    properties: Mapping[str, str] = field(default_factory=_no_properties, compare=False)

    @property
    def bpmn_type(self) -> str:
        """The element type as problems name it: ``"bpmn:serviceTask"``."""
        return f"bpmn:{self.element_type}"

    def job_definition(self) -> JobDefinition | None:
        """The job this node creates for a worker, if it is job-based (None otherwise).

        Set for service and send tasks, job-based script and business rule tasks, job-worker
        user tasks and message throw/end events.
        """
        job = getattr(self, "job", None)
        return job if isinstance(job, JobDefinition) else None


@dataclass(frozen=True, slots=True, kw_only=True)
class SequenceFlow:
    """A ``bpmn:sequenceFlow``.

    ``condition`` is FEEL (the ``=`` is optional in old files); ``condition_text`` is the raw
    text of ``conditionExpression`` as written. ``is_default`` marks the default flow of an
    exclusive or inclusive gateway.
    """

    id: str
    source_id: str
    target_id: str
    scope_id: str
    name: str | None = None
    condition: Expression | None = None
    condition_text: str | None = None
    is_default: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Gateway(FlowNode):
    """Base of the gateways."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExclusiveGateway(Gateway):
    """XOR: the first outgoing flow whose condition is true, else the default flow."""

    default_flow_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class InclusiveGateway(Gateway):
    """OR: every outgoing flow whose condition is true, else the default flow."""

    default_flow_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ParallelGateway(Gateway):
    """AND: fork to every outgoing flow, join all incoming flows."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EventBasedGateway(Gateway):
    """Waits for the first of the catch events its outgoing flows lead to."""
