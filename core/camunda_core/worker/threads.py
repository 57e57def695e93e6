"""A thread pool that can abandon a hung call without losing a worker thread.

``concurrent.futures.ThreadPoolExecutor`` cannot stop a thread, and a call that never
returns holds one of its threads for good. Here a caller may ``abandon`` a running call: the
pool starts a replacement thread at once, and the stuck thread exits when (if ever) its call
returns. So a hung handler costs a thread, never the pool's capacity.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

__all__ = ["ElasticThreadPool"]

logger = logging.getLogger("camunda_core.worker")

_STOP = object()
_ids = itertools.count(1)


class _Call:
    __slots__ = ("abandoned", "args", "func", "future")

    def __init__(self, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.func = func
        self.args = args
        self.future: Future[Any] = Future()
        self.abandoned = False


class ElasticThreadPool:
    """``size`` worker threads fed from one queue; abandoned calls get their thread replaced."""

    def __init__(self, size: int, name: str = "camunda-worker") -> None:
        if size <= 0:
            raise ValueError("a thread pool needs at least one thread")
        self.size = size
        self.name = name
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads: set[threading.Thread] = set()
        self._running: dict[threading.Thread, _Call] = {}
        self._queued: set[_Call] = set()
        self._closed = False
        for _ in range(size):
            self._start_thread()

    @property
    def threads(self) -> int:
        """Live threads, stuck ones included."""
        with self._lock:
            return len(self._threads)

    def submit(self, func: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run ``func(*args)`` on a pool thread."""
        if self._closed:
            raise RuntimeError("the thread pool is closed")
        call = _Call(func, args)
        with self._lock:
            self._queued.add(call)
        self._queue.put(call)
        return call.future

    def cancel_queued(self) -> int:
        """Cancel the calls no thread has started yet (their futures end cancelled); how many."""
        with self._lock:
            queued = list(self._queued)
            self._queued.clear()
        return sum(call.future.cancel() for call in queued)

    def abandon(self, future: Future[Any]) -> bool:
        """Give up on a running call: a new thread takes its place. False if not running."""
        with self._lock:
            for thread, call in self._running.items():
                if call.future is future and not call.abandoned:
                    call.abandoned = True
                    self._threads.discard(thread)
                    break
            else:
                return False
        logger.warning(
            "Abandoned a call still running on %s; starting a replacement thread", thread.name
        )
        self._start_thread()
        return True

    def shutdown(self, wait: bool = True, timeout: float | None = None) -> None:
        """Stop the threads after the queued calls; stuck threads are left to finish alone."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
        for _ in threads:
            self._queue.put(_STOP)
        if wait:
            for thread in threads:
                thread.join(timeout)

    def _start_thread(self) -> None:
        thread = threading.Thread(target=self._work, name=f"{self.name}-{next(_ids)}", daemon=True)
        with self._lock:
            self._threads.add(thread)
        thread.start()

    def _work(self) -> None:
        me = threading.current_thread()
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            assert isinstance(item, _Call)
            with self._lock:
                self._queued.discard(item)
            if not item.future.set_running_or_notify_cancel():
                continue
            with self._lock:
                self._running[me] = item
            try:
                result = item.func(*item.args)
            except BaseException as exc:  # noqa: BLE001 - handed to the future's owner
                item.future.set_exception(exc)
            else:
                item.future.set_result(result)
            with self._lock:
                self._running.pop(me, None)
                abandoned = item.abandoned
            # An idle thread must not keep the finished call (a job's variables) alive.
            item = result = None
            if abandoned:
                return  # a replacement already runs in this thread's place
