"""The runtime's own bookkeeping of what is running: element runs and process instances.

Records (``devengine.records``) are what the REST layer reads; a :class:`Run` is the live
state of one active element instance (or of the process itself) that only the runtime needs:
its flow scope, active children, waiting tokens at joins, open subscriptions and the step it
is at. A run disappears when its element instance completes or is terminated; its record stays.
"""

from __future__ import annotations

from typing import Any

from camunda_core.devengine.bpmn import FlowNode
from camunda_core.devengine.records import (
    ElementInstanceRecord,
    ProcessDefinitionRecord,
    ProcessInstanceRecord,
)

__all__ = [
    "ACTIVATING",
    "ACTIVE",
    "COMPLETING",
    "FINISHED",
    "TERMINATING",
    "Instance",
    "MultiBody",
    "Owned",
    "Run",
    "StepFailure",
]

# Phases of a run (Zeebe's element lifecycle without the transitional events).
ACTIVATING = 0
ACTIVE = 1
COMPLETING = 2
TERMINATING = 3
FINISHED = 4

#: What a root process instance owns, for compaction: (store mapping, key) pairs.
Owned = list[tuple[dict[str, Any], str]]


class MultiBody:
    """The state of a multi-instance body (its ``run.data``; see ``multi_instance``)."""

    __slots__ = ("completed", "done_early", "index_of", "items", "next_index", "terminated")

    def __init__(self) -> None:
        self.items: list[Any] = []
        self.next_index = 0
        self.completed = 0
        self.terminated = 0
        #: The completion condition was fulfilled: the remaining instances are terminated.
        self.done_early = False
        #: Inner instance key -> its index in the input collection.
        self.index_of: dict[str, int] = {}


class StepFailure(Exception):  # noqa: N818 - a failed step, not an error of the engine
    """A step of an element failed in a way that becomes an incident of ``error_type``."""

    def __init__(self, error_type: str, message: str) -> None:
        self.error_type = error_type
        self.message = message
        super().__init__(message)


class Run:
    """One active element instance, or a process instance's root scope (``node`` None).

    ``handles`` are what must be closed when the run ends: ``("job", key)``,
    ``("msg", key)``, ``("sig", key)``, ``("timer", key)``, ``("task", key)``,
    ``("child", process_instance_key)``. ``data`` holds behaviour state (multi-instance
    counters, a user task's pending transition, the variables an event was triggered with...).
    """

    __slots__ = (
        "after",
        "children",
        "data",
        "handles",
        "incident",
        "inst",
        "joins",
        "key",
        "lidx",
        "node",
        "parent",
        "phase",
        "record",
        "retry",
        "stage",
        "waits",
    )

    def __init__(
        self,
        key: str,
        node: FlowNode | None,
        inst: Instance,
        parent: Run | None,
        record: ElementInstanceRecord | None,
    ) -> None:
        self.key = key
        self.node = node
        self.inst = inst
        self.parent = parent
        self.record = record
        self.children: dict[str, Run] | None = None
        self.phase = ACTIVATING
        self.stage = 0
        self.lidx = 0
        self.handles: list[tuple[str, str]] | None = None
        self.joins: dict[str, dict[str, int]] | None = None
        self.data: Any = None
        self.retry: str | None = None
        #: The open incident of the run's own step (not of its jobs), if any.
        self.incident: str | None = None
        self.after: tuple[Any, ...] | None = None
        #: While terminating: outstanding asynchronous work (canceling listeners, a called
        #: instance being terminated) that must end before the run is terminated.
        self.waits = 0

    @property
    def element_id(self) -> str:
        """The BPMN id of the element (the process id for a root scope)."""
        node = self.node
        return self.inst.definition.process_definition_id if node is None else node.id

    def add_handle(self, kind: str, key: str) -> None:
        """Remember something to close when this run ends."""
        if self.handles is None:
            self.handles = [(kind, key)]
        else:
            self.handles.append((kind, key))

    def add_child(self, child: Run) -> None:
        """Register an active child element instance."""
        if self.children is None:
            self.children = {child.key: child}
        else:
            self.children[child.key] = child

    def chain(self) -> list[Run]:
        """This run and its flow scopes up to the process root, innermost first."""
        runs: list[Run] = []
        run: Run | None = self
        while run is not None:
            runs.append(run)
            run = run.parent
        return runs

    def __repr__(self) -> str:
        return f"Run({self.element_id!r}, key={self.key}, phase={self.phase})"


class Instance:
    """A running process instance (root or called), with what the whole hierarchy owns."""

    __slots__ = (
        "caller_key",
        "definition",
        "incidents",
        "owned",
        "record",
        "root",
        "start_message",
    )

    def __init__(
        self,
        record: ProcessInstanceRecord,
        definition: ProcessDefinitionRecord,
        owned: Owned,
        caller_key: str | None,
    ) -> None:
        self.record = record
        self.definition = definition
        self.owned = owned
        self.caller_key = caller_key
        self.root: Run | None = None
        self.incidents = 0
        #: (message name, correlation key) when a message start event created the instance.
        self.start_message: tuple[str, str] | None = None

    @property
    def key(self) -> str:
        """The process instance key."""
        return self.record.process_instance_key
