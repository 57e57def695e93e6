"""Fault hooks: make chosen operations misbehave on purpose, for reliability tests.

Off by default. A fault applies to one operationId (or ``"*"`` for all), for a number of
requests (``times``) or until removed. Kinds:

- ``status``: answer with a problem detail of that status instead of running the command
  (``503 RESOURCE_EXHAUSTED`` is backpressure);
- ``delay``: run the command, answer after ``delay`` seconds;
- ``drop``: do not run the command, close the connection without an answer;
- ``hang``: do not run the command, never answer (a half-open connection);
- ``lose_response``: run the command (it takes effect), then drop the connection, so the
  client cannot know it succeeded.

Switch them in process (``app.faults.answer_status("completeJob", 503, times=3)``) or over
the loopback-only admin endpoint (see ``admin``). Thread-safe: tests add faults while workers
talk to the engine.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FAULT_KINDS", "Fault", "FaultHooks"]

FAULT_KINDS = ("status", "delay", "drop", "hang", "lose_response")
_ids = itertools.count(1)


@dataclass
class Fault:
    """One fault. ``times=None`` means until removed; ``hits`` counts the requests it took."""

    operation: str
    kind: str
    times: int | None = None
    status: int = 503
    title: str = "RESOURCE_EXHAUSTED"
    detail: str = "injected by a dev engine fault hook"
    delay: float = 0.0
    hits: int = 0
    id: int = field(default_factory=lambda: next(_ids))

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; one of {', '.join(FAULT_KINDS)}")
        if self.times is not None and self.times < 1:
            raise ValueError("times must be at least 1 (or None for until removed)")
        if not 100 <= self.status <= 599:
            raise ValueError("status must be an HTTP status (100-599)")
        if self.delay < 0:
            raise ValueError("delay must not be negative")

    @property
    def exhausted(self) -> bool:
        """Whether the fault has taken all the requests it was given."""
        return self.times is not None and self.hits >= self.times

    def to_json(self) -> dict[str, Any]:
        """The admin endpoint's view of this fault."""
        return {
            "id": self.id,
            "operation": self.operation,
            "kind": self.kind,
            "times": self.times,
            "status": self.status,
            "title": self.title,
            "detail": self.detail,
            "delay": self.delay,
            "hits": self.hits,
        }


class FaultHooks:
    """The faults of one application, by operationId."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        #: True while any fault is set: the request path checks this one attribute.
        self.active = False

    def add(self, fault: Fault) -> Fault:
        """Add a fault; it applies after the faults added before it are used up."""
        with self._lock:
            self._faults.append(fault)
            self.active = True
        return fault

    def answer_status(
        self,
        operation: str,
        status: int,
        *,
        times: int | None = 1,
        title: str | None = None,
        detail: str | None = None,
    ) -> Fault:
        """Answer ``status`` with a problem detail, ``times`` times."""
        default_title = "RESOURCE_EXHAUSTED" if status in (429, 503) else f"HTTP {status}"
        return self.add(
            Fault(
                operation,
                "status",
                times,
                status=status,
                title=title or default_title,
                detail=detail or Fault.detail,
            )
        )

    def delay(self, operation: str, seconds: float, *, times: int | None = None) -> Fault:
        """Answer ``seconds`` late (the command runs at once)."""
        return self.add(Fault(operation, "delay", times, delay=seconds))

    def drop(self, operation: str, *, times: int | None = 1) -> Fault:
        """Close the connection without running the command or answering."""
        return self.add(Fault(operation, "drop", times))

    def hang(self, operation: str, *, times: int | None = None) -> Fault:
        """Never answer (the command does not run)."""
        return self.add(Fault(operation, "hang", times))

    def lose_response(self, operation: str, *, times: int | None = 1) -> Fault:
        """Run the command, then drop the connection instead of answering."""
        return self.add(Fault(operation, "lose_response", times))

    def remove(self, fault_id: int) -> bool:
        """Remove one fault; False when there was none with that id."""
        with self._lock:
            before = len(self._faults)
            self._faults = [f for f in self._faults if f.id != fault_id]
            self.active = bool(self._faults)
            return len(self._faults) != before

    def clear(self) -> None:
        """Remove every fault."""
        with self._lock:
            self._faults = []
            self.active = False

    def list(self) -> list[Fault]:
        """The faults set now (copies of their state are not taken: read, don't change)."""
        with self._lock:
            return list(self._faults)

    def take(self, operation_id: str) -> Fault | None:
        """The fault that applies to this request, counted as used; None when there is none."""
        with self._lock:
            for fault in self._faults:
                if fault.exhausted or fault.operation not in (operation_id, "*"):
                    continue
                fault.hits += 1
                return fault
            return None
