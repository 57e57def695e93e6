"""The one background thread of an engine: it fires what is due as time passes.

It sleeps on a condition of the engine lock until the next due task (or a request timeout)
and is woken early only when something due sooner than its planned wake-up was scheduled
(or the clock was pinned). Futures it completes are resolved after it releases the lock.
``close()`` stops and joins it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from camunda_core.devengine.runtime.kernel import Ready

__all__ = ["Scheduler"]

Tick = Callable[[], "tuple[list[Ready], float | None]"]
_log = logging.getLogger(__name__)
_RETRY_AFTER_ERROR_S = 1.0


class Scheduler:
    """Runs ``tick`` (under the lock) whenever something may be due."""

    def __init__(
        self, lock: threading.RLock, tick: Tick, resolve: Callable[[list[Ready]], None]
    ) -> None:
        self._cond = threading.Condition(lock)
        self._tick = tick
        self._resolve = resolve
        self._closed = False
        #: Monotonic time the thread will wake up at by itself (None: only when notified).
        self._planned: float | None = None
        self._thread = threading.Thread(
            target=self._loop, name="camunda-devengine-scheduler", daemon=True
        )
        self._thread.start()

    def wake(self, wait: float | None) -> None:
        """Something is due in ``wait`` seconds: wake the thread if it would sleep longer.

        Call with the engine lock held.
        """
        if wait is None:
            return
        planned = self._planned
        if planned is None or time.monotonic() + wait < planned:
            self._planned = time.monotonic() + wait
            self._cond.notify()

    def close(self, timeout: float = 5.0) -> None:
        """Stop the thread and wait for it."""
        with self._cond:
            self._closed = True
            self._cond.notify()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _safe_tick(self) -> tuple[list[Ready], float | None]:
        try:
            return self._tick()
        except Exception:  # noqa: BLE001 - a bug must not stop every timer: logged, retried
            _log.exception("dev engine scheduler: firing due work failed")
            return [], _RETRY_AFTER_ERROR_S

    def _loop(self) -> None:
        while True:
            with self._cond:
                if self._closed:
                    return
                ready, wait = self._safe_tick()
                if not ready:
                    self._planned = None if wait is None else time.monotonic() + wait
                    self._cond.wait(wait)
                    continue
            self._resolve(ready)
