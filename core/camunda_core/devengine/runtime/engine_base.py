"""The plumbing of the dev engine: the lock, the scheduler thread, settling commands,
resolving futures outside the lock, the clock, snapshots and closing.

Every command runs through :meth:`EngineBase._run`: take the one engine lock, validate and do
the work, settle (run the agenda, fire what is due, serve long polls), release the lock, and
only then resolve the futures it completed, so a callback never runs under the lock.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import InvalidStateError
from contextlib import contextmanager
from typing import Any, TypeVar

from camunda_core.devengine.contract import InvalidState, Timeout
from camunda_core.devengine.runtime import persistence, ticks
from camunda_core.devengine.runtime.kernel import Ready, Runtime
from camunda_core.devengine.runtime.scheduler import Scheduler
from camunda_core.devengine.runtime.store import Store

__all__ = ["DEFAULT_HISTORY_LIMIT", "DEFAULT_REQUEST_TIMEOUT_MS", "EngineBase"]

_T = TypeVar("_T")
_E = TypeVar("_E", bound="EngineBase")
DEFAULT_HISTORY_LIMIT = 10_000
DEFAULT_REQUEST_TIMEOUT_MS = 10_000


def _resolve_all(ready: list[Ready]) -> None:
    for future, result, error in ready:
        try:
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)
        except InvalidStateError:
            pass  # the caller cancelled the future meanwhile


def _release_waiting(rt: Runtime) -> None:
    for waiter in list(rt.waiters.by_key.values()):
        rt.waiters.remove(waiter)
        rt.resolve(waiter.future, [])
    for waiting in rt.awaiting.values():
        for awaited, _, _ in waiting:
            rt.reject(awaited, Timeout("the engine was closed before the instance completed"))
    rt.awaiting.clear()
    for command in rt.task_futures.values():
        rt.reject(command, InvalidState("the engine was closed before the command completed"))
    rt.task_futures.clear()


class EngineBase:
    """A Camunda-8-compatible engine in process; thread-safe; ``close()`` when done.

    ``data_path``: a snapshot file restored at start when it exists (and written by
    :meth:`snapshot`). ``history_limit``: finished root instances kept (with everything that
    belongs to them) before the oldest are evicted; 0 keeps none.
    """

    def __init__(
        self,
        *,
        data_path: str | os.PathLike[str] | None = None,
        history_limit: int = DEFAULT_HISTORY_LIMIT,
        default_request_timeout_ms: int = DEFAULT_REQUEST_TIMEOUT_MS,
        _runtime: Runtime | None = None,
    ) -> None:
        self._lock = threading.RLock()
        self._data_path = data_path
        runtime = _runtime
        if runtime is None and data_path is not None and os.path.exists(data_path):
            runtime = persistence.load(data_path)
        if runtime is None:
            runtime = Runtime(
                history_limit=history_limit, default_request_timeout_ms=default_request_timeout_ms
            )
        else:
            runtime.history.limit = history_limit
            runtime.default_request_timeout_ms = default_request_timeout_ms
        self._rt = runtime
        self._closed = False
        self._scheduler = Scheduler(self._lock, self._tick, _resolve_all)

    @classmethod
    def load(cls: type[_E], path: str | os.PathLike[str], **options: Any) -> _E:
        """An engine restored from a snapshot file."""
        return cls(_runtime=persistence.load(path), data_path=path, **options)

    # ------------------------------------------------------------------ plumbing
    def _tick(self) -> tuple[list[Ready], float | None]:
        rt = self._rt
        ticks.fire_due(rt)
        ticks.serve_waiters(rt)
        return rt.take_ready(), ticks.next_wait(rt)

    def _run(self, command: Callable[[Runtime], _T]) -> _T:
        rt = self._rt
        with self._lock:
            try:
                result = command(rt)
                ticks.settle(rt)
            finally:
                rt.agenda.clear()
            self._scheduler.wake(ticks.next_wait(rt))
            ready = rt.take_ready()
        if ready:
            _resolve_all(ready)
        return result

    @property
    def store(self) -> Store:
        """The records; read them inside ``with engine.reading():``."""
        return self._rt.store

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Hold the engine lock while reading records."""
        with self._lock:
            yield

    @property
    def runtime(self) -> Runtime:
        """The runtime state (tests and tools; hold the lock while touching it)."""
        return self._rt

    def now(self) -> int:
        """The engine clock, epoch milliseconds."""
        return self._rt.clock.now()

    def pin_clock(self, epoch_ms: int) -> None:
        """Freeze the engine clock at ``epoch_ms``; everything due by then fires now."""
        self._run(lambda rt: rt.clock.pin(epoch_ms))

    def reset_clock(self) -> None:
        """Follow the system clock again."""
        self._run(lambda rt: rt.clock.reset())

    def snapshot(self, path: str | os.PathLike[str] | None = None) -> None:
        """Write the whole state to ``path`` (default: ``data_path``) atomically."""
        target = path if path is not None else self._data_path
        if target is None:
            raise ValueError("no snapshot path: pass one or create the engine with data_path")
        with self._lock:
            persistence.save(self._rt, target)

    def close(self) -> None:
        """Stop the scheduler and release every waiting caller.

        Long polls get ``[]``, awaited completions ``Timeout``, user task commands waiting
        for listeners ``InvalidState``.
        """
        if self._closed:
            return
        self._closed = True
        self._scheduler.close()
        with self._lock:
            _release_waiting(self._rt)
            ready = self._rt.take_ready()
        _resolve_all(ready)

    def __enter__(self: _E) -> _E:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
