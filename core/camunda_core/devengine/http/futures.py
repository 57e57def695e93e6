"""Chaining ``concurrent.futures.Future``s without a thread per wait.

The runtime answers waiting commands (long polls, awaited completions) with a Future; the
REST layer turns its outcome into a response by chaining a function onto it. A Future that is
already done is converted at once, so the common case (jobs are there) costs no extra hop.
Cancelling the chained Future (the client went away) cancels the source, so the runtime can
release what it held for the request; a result that arrives anyway (the source finished
first) is handed to ``discard``, so nothing it carries is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from typing import Any, TypeVar

__all__ = ["abandon_when_done", "chain", "settle"]

S = TypeVar("S")
T = TypeVar("T")


def chain(
    source: Future[S],
    convert: Callable[[Future[S]], T],
    discard: Callable[[T], None] | None = None,
) -> T | Future[T]:
    """``convert(source)`` now when ``source`` is done, else a Future of it.

    ``convert`` gets the done source and must not raise (it turns failures into values).
    ``discard`` receives a converted value the cancelled target could not take.
    """
    if source.done():
        return convert(source)
    target: Future[T] = Future()

    def forward(done: Future[S]) -> None:
        delivered = settle(target, lambda: convert(done))
        succeeded = not done.cancelled() and done.exception() is None
        if not delivered and discard is not None and succeeded:
            discard(convert(done))

    def propagate_cancel(done: Future[T]) -> None:
        if done.cancelled():
            source.cancel()

    target.add_done_callback(propagate_cancel)
    source.add_done_callback(forward)
    return target


def settle(target: Future[T], produce: Callable[[], T]) -> bool:
    """Set ``target`` to ``produce()`` (or its exception) unless it was cancelled meanwhile;
    False when the target could not take it."""
    if target.cancelled():
        return False
    try:
        value = produce()
    except Exception as exc:  # noqa: BLE001 - not swallowed: whoever waits on the future gets it
        try:
            target.set_exception(exc)
        except InvalidStateError:
            return False
        return True
    try:
        target.set_result(value)
    except InvalidStateError:
        return False  # cancelled between the check and now
    return True


def abandon_when_done(outcome: Future[Any]) -> None:
    """The waiter gave up on ``outcome``: if it still ends with an answer, abandon that answer."""

    def undo(done: Future[Any]) -> None:
        if not done.cancelled() and done.exception() is None:
            abandon = getattr(done.result(), "abandon", None)
            if callable(abandon):
                abandon()

    outcome.add_done_callback(undo)
