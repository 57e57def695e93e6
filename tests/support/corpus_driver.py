"""Drive real BPMN files through the dev engine with a generic worker.

For each executable process of a file: start it (none start event, or its message, signal or
timer start event), then repeatedly complete every job and user task, publish the messages
its subscriptions wait for, broadcast the signals and move the pinned clock to the next timer,
until the instance ends, an incident stops it, or nothing is left to do.

Two backends run the same loop:

- :class:`EngineBackend` calls the runtime's Python API (the runtime corpus test);
- :class:`ClientBackend` does everything through a ``CamundaClient`` (real HTTP in the
  fidelity corpus test): starts, job activation and completion, user tasks, messages,
  signals, the clock, instance states and incidents. Three things a REST client cannot list
  are read from the engine it talks to: open message subscriptions (Camunda 8.9 searches
  them with ``POST /message-subscriptions/search``, which the dev engine does not serve),
  open signal subscriptions and the due time of the next timer (Camunda has no API for
  either). What to send is read there; sending it always goes through the client.

``drive_process`` takes either backend, or an ``Engine`` (wrapped in an ``EngineBackend``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pytest

from camunda_core import CamundaClient
from camunda_core.devengine.bpmn import EventType, ProcessModel, StartEvent
from camunda_core.devengine.contract import InvalidArgument, Rejection
from camunda_core.devengine.runtime import Engine
from camunda_core.errors import CamundaAPIError

__all__ = [
    "SUMMARY_KEY",
    "Backend",
    "ClientBackend",
    "EngineBackend",
    "Outcome",
    "drive_process",
    "load_support",
]

#: Lines the corpus tests report in the terminal summary.
SUMMARY_KEY = pytest.StashKey[list[str]]()

MAX_ROUNDS = 60
T0 = 1_704_067_200_000

#: REST job states of jobs that may still be activated (an activated job is ``CREATED`` too;
#: the driver completes every job it activates, so none stays activated between rounds).
OPEN_JOB_STATES = ["CREATED", "FAILED", "RETRIES_UPDATED", "TIMED_OUT"]


@dataclass
class Outcome:
    """How one process of the corpus ran."""

    resource: str
    process_id: str
    state: str = "NOT STARTED"
    reasons: list[str] = field(default_factory=list)
    jobs: int = 0
    user_tasks: int = 0

    @property
    def completed(self) -> bool:
        return self.state == "COMPLETED"

    @property
    def described(self) -> str:
        """The state and its reasons in one line."""
        return f"{self.state} {'; '.join(self.reasons)}".strip()


class Backend(Protocol):
    """What the driver needs from an engine: commands, and reads of what is waiting."""

    def pin_clock(self, epoch_ms: int) -> None: ...
    def start(self, model: ProcessModel, variables: dict[str, Any]) -> str | None: ...
    def state(self, key: str) -> str: ...
    def incidents(self, key: str) -> list[str]: ...
    def work_jobs(self, variables: dict[str, Any], outcome: Outcome) -> bool: ...
    def work_user_tasks(self, variables: dict[str, Any], outcome: Outcome) -> bool: ...
    def send_events(self) -> bool: ...
    def advance_to_next_timer(self) -> bool: ...


# --- what is waiting, read from the engine ------------------------------------------------------
def _open_messages(engine: Engine, sent: set[str]) -> list[tuple[str, str, str]]:
    """``(name, correlation key, tenant)`` of the open subscriptions not sent a message yet.

    Each subscription gets one message: one that stays open after receiving it (a
    non-interrupting boundary or event sub-process) would otherwise run again every round.
    """
    with engine.reading():
        waiting = [
            (key, s)
            for key, s in engine.store.message_subscriptions.items()
            if s.state == "CREATED" and key not in sent
        ]
    sent.update(key for key, _ in waiting)
    return sorted({(s.message_name, s.correlation_key, s.tenant_id) for _, s in waiting})


def _open_signals(engine: Engine, sent: set[str]) -> list[tuple[str, str]]:
    """``(name, tenant)`` of the open signal subscriptions not sent a signal yet."""
    with engine.reading():
        waiting = [
            (key, s) for key, s in engine.runtime.events.signal_by_key.items() if key not in sent
        ]
    sent.update(key for key, _ in waiting)
    return sorted({(s.name, s.tenant_id) for _, s in waiting})


def _next_due(engine: Engine) -> int | None:
    with engine.reading():
        due = engine.runtime.timeline.next_due()
    return None if due is None else int(due)


def _start_event(model: ProcessModel) -> tuple[EventType, str]:
    start: StartEvent = model.start_events[0]
    definition: Any = start.definition
    name = (
        definition.name.source if start.event_type in (EventType.MESSAGE, EventType.SIGNAL) else ""
    )
    return start.event_type, name


# --- the runtime's Python API -------------------------------------------------------------------
class EngineBackend:
    """The driver's commands as calls of the runtime's Python API."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sent: set[str] = set()  # subscriptions sent a message or signal

    def pin_clock(self, epoch_ms: int) -> None:
        self.engine.pin_clock(epoch_ms)

    def start(self, model: ProcessModel, variables: dict[str, Any]) -> str | None:
        engine = self.engine
        if model.none_start_event is not None:
            created = engine.create_process_instance(
                process_definition_id=model.process_id, variables=variables
            )
            return created.instance.process_instance_key
        event_type, name = _start_event(model)
        before = set(engine.store.process_instances)
        if event_type is EventType.MESSAGE:
            engine.publish_message(name=name, variables=variables)
        elif event_type is EventType.SIGNAL:
            engine.broadcast_signal(name=name, variables=variables)
        elif event_type is EventType.TIMER:
            self.advance_to_next_timer()
        started = [key for key in engine.store.process_instances if key not in before]
        return started[0] if started else None

    def state(self, key: str) -> str:
        return self.engine.store.process_instances[key].state

    def incidents(self, key: str) -> list[str]:
        with self.engine.reading():
            return [
                f"{i.error_type} at {i.element_id}: {i.error_message}"
                for i in self.engine.store.incidents.values()
                if i.state == "ACTIVE" and i.root_process_instance_key == key
            ]

    def work_jobs(self, variables: dict[str, Any], outcome: Outcome) -> bool:
        engine = self.engine
        with engine.reading():
            types = {job.type for job in engine.store.jobs.values() if job.activatable}
        progressed = False
        for job_type in sorted(types):
            for job in engine.activate_jobs(
                job_type=job_type,
                worker="corpus",
                timeout_ms=60_000,
                max_jobs=100,
                request_timeout_ms=-1,
            ).result(timeout=5):
                if job.job.kind == "TASK_LISTENER":
                    engine.complete_job(job.job.job_key)
                else:
                    engine.complete_job(job.job.job_key, variables=variables)
                outcome.jobs += 1
                progressed = True
        return progressed

    def work_user_tasks(self, variables: dict[str, Any], outcome: Outcome) -> bool:
        engine = self.engine
        with engine.reading():
            keys = [
                t.user_task_key for t in engine.store.user_tasks.values() if t.state == "CREATED"
            ]
        for key in keys:
            try:
                engine.complete_user_task(key, variables=variables).result(timeout=5)
            except Rejection:
                continue
            outcome.user_tasks += 1
        return bool(keys)

    def send_events(self) -> bool:
        messages = _open_messages(self.engine, self._sent)
        signals = _open_signals(self.engine, self._sent)
        for name, key, tenant in messages:
            self.engine.publish_message(name=name, correlation_key=key, tenant_id=tenant)
        for name, tenant in signals:
            self.engine.broadcast_signal(name=name, tenant_id=tenant)
        return bool(messages or signals)

    def advance_to_next_timer(self) -> bool:
        due = _next_due(self.engine)
        if due is None:
            return False
        self.engine.pin_clock(max(due, self.engine.now()))
        return True


# --- a REST client ------------------------------------------------------------------------------
class ClientBackend:
    """The driver's commands and reads through ``client``; ``engine`` (the one the client talks
    to) only tells which messages, signals and timers are waiting (see the module docstring)."""

    def __init__(self, client: CamundaClient, engine: Engine) -> None:
        self.client = client
        self.engine = engine
        self._pinned = T0
        self._sent: set[str] = set()  # subscriptions sent a message or signal

    def pin_clock(self, epoch_ms: int) -> None:
        self.client.pin_clock(epoch_ms)
        self._pinned = epoch_ms

    def _roots(self, process_id: str) -> set[str]:
        found = self.client.iter_process_instances({"processDefinitionId": process_id})
        return {i.process_instance_key for i in found if i.parent_process_instance_key is None}

    def start(self, model: ProcessModel, variables: dict[str, Any]) -> str | None:
        client = self.client
        if model.none_start_event is not None:
            created = client.create_process_instance(model.process_id, variables=variables)
            return created.process_instance_key
        event_type, name = _start_event(model)
        before = self._roots(model.process_id)
        if event_type is EventType.MESSAGE:
            client.publish_message(name, variables=variables)
        elif event_type is EventType.SIGNAL:
            client.broadcast_signal(name, variables=variables)
        elif event_type is EventType.TIMER:
            self.advance_to_next_timer()
        started = sorted(self._roots(model.process_id) - before, key=int)
        return started[0] if started else None

    def state(self, key: str) -> str:
        return str(self.client.get_process_instance(key).state)

    def incidents(self, key: str) -> list[str]:
        return [
            f"{i.error_type} at {i.element_id}: {i.error_message}"
            for i in self.client.iter_incidents({"state": "ACTIVE"})
            if i.root_process_instance_key == key
        ]

    def work_jobs(self, variables: dict[str, Any], outcome: Outcome) -> bool:
        client = self.client
        open_jobs = client.iter_jobs({"state": {"$in": OPEN_JOB_STATES}, "retries": {"$gt": 0}})
        progressed = False
        for job_type in sorted({job.type for job in open_jobs}):
            activated = client.activate_jobs(
                job_type, max_jobs=100, timeout_ms=60_000, worker="corpus", request_timeout_ms=-1
            )
            for job in activated:
                if str(job.kind) == "TASK_LISTENER":
                    client.complete_job(job.job_key)
                else:
                    client.complete_job(job.job_key, variables=variables)
                outcome.jobs += 1
                progressed = True
        return progressed

    def work_user_tasks(self, variables: dict[str, Any], outcome: Outcome) -> bool:
        keys = [task.user_task_key for task in self.client.iter_user_tasks({"state": "CREATED"})]
        for key in keys:
            try:
                self.client.complete_user_task(key, variables=variables)
            except CamundaAPIError as refused:
                if refused.status not in (404, 409):
                    raise
                continue
            outcome.user_tasks += 1
        return bool(keys)

    def send_events(self) -> bool:
        messages = _open_messages(self.engine, self._sent)
        signals = _open_signals(self.engine, self._sent)
        for name, key, tenant in messages:
            self.client.publish_message(name, correlation_key=key, tenant_id=tenant)
        for name, tenant in signals:
            self.client.broadcast_signal(name, tenant_id=tenant)
        return bool(messages or signals)

    def advance_to_next_timer(self) -> bool:
        due = _next_due(self.engine)
        if due is None:
            return False
        self.pin_clock(max(due, self._pinned))
        return True


# --- the loop -----------------------------------------------------------------------------------
def load_support(engine: Engine, corpus: Path) -> None:
    """Deploy every DMN and form of the corpus (business rule tasks and forms link them)."""
    for path in sorted(corpus.glob("*/*")):
        if path.suffix in (".dmn", ".form"):
            try:
                engine.deploy([(path.name, path.read_bytes())], None)
            except InvalidArgument:
                continue


def _steps(backend: Backend, variables: dict[str, Any], outcome: Outcome) -> Iterable[bool]:
    yield backend.work_jobs(variables, outcome)
    yield backend.work_user_tasks(variables, outcome)
    yield backend.send_events()


def drive_process(
    target: Engine | Backend,
    resource: str,
    model: ProcessModel,
    variables: dict[str, Any],
    results: dict[str, Any] | None = None,
) -> Outcome:
    """Run one deployed process until it ends or gets stuck (at most ``MAX_ROUNDS`` rounds).

    ``variables`` start the instance; jobs and user tasks complete with ``results``.
    """
    backend: Backend = EngineBackend(target) if isinstance(target, Engine) else target
    outcome = Outcome(resource, model.process_id)
    backend.pin_clock(T0)
    key = backend.start(model, variables)
    if key is None:
        outcome.reasons.append("no instance started")
        return outcome
    for _ in range(MAX_ROUNDS):
        outcome.state = backend.state(key)
        if outcome.state != "ACTIVE":
            break
        incidents = backend.incidents(key)
        if incidents:
            outcome.state = "INCIDENT"
            outcome.reasons = incidents
            break
        worked = list(_steps(backend, results or {}, outcome))
        if not any(worked) and not backend.advance_to_next_timer():
            outcome.state = "STUCK"
            break
    return outcome
