"""Response observers: functions that see every response an application gives.

An observer is called with ``(request, response, operation_id)`` (the id is None for
requests that matched no operation) before the response is delivered. Observers are added
per application (``app.add_response_observer``) or process-wide with :func:`register`, which
is how a test suite checks every response of every engine it starts against the spec.

An observer that raises turns the response into a 500 problem detail that names the error,
so a check running inside a server process reaches the client that caused it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Optional

from camunda_core.devengine.http.messages import Request, Response

__all__ = ["ResponseObserver", "global_observers", "register", "unregister"]

ResponseObserver = Callable[[Request, Response, Optional[str]], None]  # noqa: UP045 - runtime alias on 3.10

_lock = threading.Lock()
_observers: tuple[ResponseObserver, ...] = ()


def register(observer: ResponseObserver) -> None:
    """Call ``observer`` for every response of every application in this process."""
    global _observers
    with _lock:
        _observers = (*_observers, observer)


def unregister(observer: ResponseObserver) -> None:
    """Stop calling ``observer`` (no error when it was not registered)."""
    global _observers
    with _lock:
        _observers = tuple(o for o in _observers if o is not observer)


def global_observers() -> tuple[ResponseObserver, ...]:
    """The process-wide observers (a tuple: reading it needs no lock)."""
    return _observers
