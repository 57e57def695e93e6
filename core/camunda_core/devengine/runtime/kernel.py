"""The runtime's state and the primitives every behaviour uses.

:class:`Runtime` holds everything the engine knows (records, running element runs, queues,
subscriptions, the clock, the key generator) and the *agenda*: a FIFO of steps. Commands push
steps and :meth:`Runtime.run_agenda` drains it, so long chains of elements never recurse.
Everything here runs under the engine lock; futures to resolve are collected in ``ready`` and
resolved by the engine after it releases the lock.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from camunda_core.devengine.bpmn import ProcessModel, StartEvent
from camunda_core.devengine.records import ProcessDefinitionRecord
from camunda_core.devengine.runtime.clock import EngineClock
from camunda_core.devengine.runtime.events_index import EventIndex
from camunda_core.devengine.runtime.history import History
from camunda_core.devengine.runtime.job_queue import JobQueue
from camunda_core.devengine.runtime.keys import KeyGenerator
from camunda_core.devengine.runtime.message_buffer import MessageBuffer
from camunda_core.devengine.runtime.schedule import Task, TaskQueue
from camunda_core.devengine.runtime.state import Instance, Run
from camunda_core.devengine.runtime.store import Store
from camunda_core.devengine.runtime.waiters import Waiters

__all__ = ["Ready", "Runtime", "Step"]

Step = Callable[["Runtime", Run], None]
#: A future to resolve outside the lock: (future, result, exception).
Ready = tuple["Future[Any]", Any, "BaseException | None"]

#: Attributes that are not engine state: they hold callers' futures and die with the process.
_TRANSIENT = (
    "agenda",
    "ready",
    "waiters",
    "request_timeouts",
    "awaiting",
    "task_futures",
    "none_starts",
)


class Runtime:
    """All engine state, plus the agenda and the futures waiting to be resolved."""

    def __init__(self, *, history_limit: int, default_request_timeout_ms: int) -> None:
        self.store = Store()
        self.keys = KeyGenerator()
        self.clock = EngineClock()
        #: Tasks on the engine clock: timers, job deadlines and back-offs, message TTLs.
        self.timeline = TaskQueue()
        self.runs: dict[str, Run] = {}
        self.instances: dict[str, Instance] = {}
        self.job_queue = JobQueue()
        self.events = EventIndex()
        self.messages = MessageBuffer()
        self.history = History(history_limit)
        self.default_request_timeout_ms = default_request_timeout_ms
        #: Active root instances by (tenant, process id, business id).
        self.business_ids: dict[tuple[str, str, str], str] = {}
        #: Job types that got activatable jobs during the current command.
        self.touched_types: set[str] = set()
        self._init_transient()

    def none_start(self, definition: ProcessDefinitionRecord) -> StartEvent | None:
        """The process-level none start event of a definition (cached: models never change)."""
        key = definition.process_definition_key
        try:
            return self.none_starts[key]
        except KeyError:
            model: ProcessModel = definition.model
            found = self.none_starts[key] = model.none_start_event
            return found

    def _init_transient(self) -> None:
        self.agenda: deque[tuple[Step, Run]] = deque()
        self.ready: list[Ready] = []
        self.waiters = Waiters()
        #: Request timeouts on the monotonic clock (long polls, awaited completions).
        self.request_timeouts = TaskQueue()
        #: Awaited completions by process instance key: (future, fetch_variables, task).
        self.awaiting: dict[str, list[tuple[Future[dict[str, Any]], tuple[str, ...], Task]]] = {}
        #: Futures of user task commands waiting for task listeners, by user task key.
        self.task_futures: dict[str, Future[None]] = {}
        #: The none start event of each process definition (a cache).
        self.none_starts: dict[str, StartEvent | None] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for name in _TRANSIENT:
            state.pop(name, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._init_transient()

    # ------------------------------------------------------------------ primitives
    def now(self) -> int:
        """Engine time in epoch milliseconds."""
        return self.clock.now()

    def push(self, step: Step, run: Run) -> None:
        """Schedule a step of a run on the agenda."""
        self.agenda.append((step, run))

    def run_agenda(self) -> None:
        """Run steps until the agenda is empty."""
        agenda = self.agenda
        while agenda:
            step, run = agenda.popleft()
            step(self, run)

    def resolve(self, future: Future[Any], result: Any = None) -> None:
        """Resolve a future once the lock is released."""
        self.ready.append((future, result, None))

    def reject(self, future: Future[Any], error: BaseException) -> None:
        """Fail a future once the lock is released."""
        self.ready.append((future, None, error))

    def take_ready(self) -> list[Ready]:
        """The futures to resolve now (the caller resolves them outside the lock)."""
        ready = self.ready
        if ready:
            self.ready = []
        return ready
