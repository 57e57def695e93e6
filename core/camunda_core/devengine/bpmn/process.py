"""A deployed process and the lookups the engine needs while running it.

The lookup tables (outgoing flows, boundary events by activity, children by scope...) are built
once when the model is created, so every helper is a dictionary read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from camunda_core.devengine.bpmn.activities import SubProcess, UserTask
from camunda_core.devengine.bpmn.events import (
    BoundaryEvent,
    EventType,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    LinkDefinition,
    StartEvent,
)
from camunda_core.devengine.bpmn.expression import Expression
from camunda_core.devengine.bpmn.nodes import EMPTY_PROPERTIES, FlowNode, SequenceFlow
from camunda_core.devengine.bpmn.parts import EmbeddedForm, ExecutionListener, FormLink

__all__ = ["BpmnResource", "ProcessModel"]

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class _Lookups:
    outgoing: Mapping[str, tuple[SequenceFlow, ...]]
    incoming: Mapping[str, tuple[SequenceFlow, ...]]
    boundary: Mapping[str, tuple[BoundaryEvent, ...]]
    children: Mapping[str, tuple[FlowNode, ...]]


def _group(pairs: Iterable[tuple[str, _T]]) -> Mapping[str, tuple[_T, ...]]:
    grouped: dict[str, list[_T]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return MappingProxyType({key: tuple(values) for key, values in grouped.items()})


def _build_lookups(elements: Mapping[str, FlowNode], flows: Mapping[str, SequenceFlow]) -> _Lookups:
    nodes = list(elements.values())
    return _Lookups(
        outgoing=_group((flow.source_id, flow) for flow in flows.values()),
        incoming=_group((flow.target_id, flow) for flow in flows.values()),
        boundary=_group((n.attached_to, n) for n in nodes if isinstance(n, BoundaryEvent)),
        children=_group((node.scope_id, node) for node in nodes),
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ProcessModel:
    """One executable ``bpmn:process``: its elements, flows and lookups. Compared by identity.

    ``elements`` and ``sequence_flows`` are read-only mappings by id, in file order.
    ``execution_listeners`` are the process's own start/end listeners. ``embedded_forms`` are
    its ``zeebe:userTaskForm`` elements by id.
    """

    process_id: str
    name: str | None
    version_tag: str | None
    elements: Mapping[str, FlowNode]
    sequence_flows: Mapping[str, SequenceFlow]
    embedded_forms: Mapping[str, EmbeddedForm]
    execution_listeners: tuple[ExecutionListener, ...]
    properties: Mapping[str, str]
    _lookups: _Lookups = field(repr=False)

    @classmethod
    def create(
        cls,
        *,
        process_id: str,
        name: str | None,
        version_tag: str | None,
        nodes: Iterable[FlowNode],
        flows: Iterable[SequenceFlow],
        embedded_forms: Iterable[EmbeddedForm] = (),
        execution_listeners: tuple[ExecutionListener, ...] = (),
        properties: Mapping[str, str] = EMPTY_PROPERTIES,
    ) -> ProcessModel:
        """Build a model and its lookup tables (the parser's entry point)."""
        elements = MappingProxyType({node.id: node for node in nodes})
        sequence_flows = MappingProxyType({flow.id: flow for flow in flows})
        return cls(
            process_id=process_id,
            name=name,
            version_tag=version_tag,
            elements=elements,
            sequence_flows=sequence_flows,
            embedded_forms=MappingProxyType({form.form_id: form for form in embedded_forms}),
            execution_listeners=execution_listeners,
            properties=properties,
            _lookups=_build_lookups(elements, sequence_flows),
        )

    # ------------------------------------------------------------------ lookups by id
    def element(self, element_id: str) -> FlowNode:
        """The flow node with this id; KeyError naming the process when there is none."""
        try:
            return self.elements[element_id]
        except KeyError:
            raise KeyError(f"process '{self.process_id}' has no element '{element_id}'") from None

    def flow(self, flow_id: str) -> SequenceFlow:
        """The sequence flow with this id; KeyError naming the process when there is none."""
        try:
            return self.sequence_flows[flow_id]
        except KeyError:
            raise KeyError(
                f"process '{self.process_id}' has no sequence flow '{flow_id}'"
            ) from None

    def outgoing(self, element_id: str) -> tuple[SequenceFlow, ...]:
        """The sequence flows leaving the element, in file order."""
        return self._lookups.outgoing.get(element_id, ())

    def incoming(self, element_id: str) -> tuple[SequenceFlow, ...]:
        """The sequence flows entering the element, in file order."""
        return self._lookups.incoming.get(element_id, ())

    def boundary_events(self, activity_id: str) -> tuple[BoundaryEvent, ...]:
        """The boundary events attached to the activity, in file order."""
        return self._lookups.boundary.get(activity_id, ())

    def children(self, scope_id: str) -> tuple[FlowNode, ...]:
        """The direct children of the process (its id) or of a sub-process, in file order."""
        return self._lookups.children.get(scope_id, ())

    def event_subprocesses(self, scope_id: str) -> tuple[SubProcess, ...]:
        """The event sub-processes that are direct children of the scope."""
        return tuple(
            node
            for node in self.children(scope_id)
            if isinstance(node, SubProcess) and node.triggered_by_event
        )

    def start_event(self, scope_id: str) -> StartEvent | None:
        """The none start event of the process, or the start event of a sub-process."""
        if scope_id == self.process_id:
            return self.none_start_event
        node = self.elements.get(scope_id)
        if isinstance(node, SubProcess):
            start = self.elements[node.start_event_id]
            return start if isinstance(start, StartEvent) else None
        return None

    def link_target(self, throw_event_id: str) -> IntermediateCatchEvent:
        """The link catch event a link throw event jumps to (same name, same scope)."""
        throw = self.element(throw_event_id)
        if not isinstance(throw, IntermediateThrowEvent) or not isinstance(
            throw.definition, LinkDefinition
        ):
            raise KeyError(f"'{throw_event_id}' is not a link throw event")
        for node in self.children(throw.scope_id):
            if (
                isinstance(node, IntermediateCatchEvent)
                and isinstance(node.definition, LinkDefinition)
                and node.definition.name == throw.definition.name
            ):
                return node
        raise KeyError(f"no link catch event named '{throw.definition.name}'")  # refused at deploy

    # ------------------------------------------------------------------ start events
    @property
    def start_events(self) -> tuple[StartEvent, ...]:
        """The start events of the process level (not those of sub-processes)."""
        return tuple(
            node for node in self.children(self.process_id) if isinstance(node, StartEvent)
        )

    @property
    def none_start_event(self) -> StartEvent | None:
        """The process-level none start event (at most one), if any."""
        return next((e for e in self.start_events if e.event_type is EventType.NONE), None)

    @property
    def start_form(self) -> FormLink | None:
        """The form linked on the none start event, if any."""
        start = self.none_start_event
        return start.form if start is not None else None

    @property
    def message_start_events(self) -> tuple[StartEvent, ...]:
        """Process-level message start events."""
        return self._start_events_of(EventType.MESSAGE)

    @property
    def timer_start_events(self) -> tuple[StartEvent, ...]:
        """Process-level timer start events."""
        return self._start_events_of(EventType.TIMER)

    @property
    def signal_start_events(self) -> tuple[StartEvent, ...]:
        """Process-level signal start events."""
        return self._start_events_of(EventType.SIGNAL)

    def _start_events_of(self, event_type: EventType) -> tuple[StartEvent, ...]:
        return tuple(e for e in self.start_events if e.event_type is event_type)

    # ------------------------------------------------------------------ jobs
    def job_types(self) -> frozenset[str]:
        """Every static job type a worker must handle for this process.

        Jobs of job-based elements (including ``io.camunda.zeebe:userTask`` for job-worker user
        tasks), execution listeners and task listeners. FEEL job types are left out.
        """
        types: list[Expression] = [listener.type for listener in self.execution_listeners]
        for node in self.elements.values():
            job = node.job_definition()
            if job is not None:
                types.append(job.type)
            types.extend(listener.type for listener in node.execution_listeners)
            if isinstance(node, UserTask):
                types.extend(listener.type for listener in node.task_listeners)
        return frozenset(job_type.source for job_type in types if job_type.is_static)


@dataclass(frozen=True, slots=True, eq=False)
class BpmnResource:
    """A deployed ``.bpmn`` file: its executable processes, in file order."""

    resource_name: str
    processes: tuple[ProcessModel, ...]

    def process(self, process_id: str) -> ProcessModel:
        """The process with this BPMN process id; KeyError when the file has none."""
        for model in self.processes:
            if model.process_id == process_id:
                return model
        raise KeyError(f"{self.resource_name} has no executable process '{process_id}'")

    @property
    def embedded_forms(self) -> tuple[EmbeddedForm, ...]:
        """Every ``zeebe:userTaskForm`` of every process."""
        return tuple(form for model in self.processes for form in model.embedded_forms.values())
