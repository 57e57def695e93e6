"""Closing what a run holds open when it ends: jobs, subscriptions, timers, tasks, children.

A run lists these as ``(kind, key)`` handles; each kind is closed by its own module.
Closing a user task (canceling listeners) or a called process instance may take time: those
add to ``run.waits`` and the termination finishes when they report back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from camunda_core.devengine.runtime import instances, jobs, messages, timers, user_tasks

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["close_all", "close_where", "element_of"]


def _close(rt: Runtime, run: Run, kind: str, key: str) -> None:
    if kind == "job":
        jobs.cancel(rt, key)
    elif kind == "msg":
        messages.close_subscription(rt, key)
    elif kind == "sig":
        rt.events.remove_signal(key)
    elif kind == "timer":
        timers.cancel(rt, key)
    elif kind == "task":
        user_tasks.cancel(rt, run, key)
    elif kind == "child":
        instances.terminate_called(rt, run, key)


def close_all(rt: Runtime, run: Run) -> None:
    """Close every handle of the run."""
    open_handles = run.handles
    run.handles = None
    if open_handles:
        for kind, key in open_handles:
            _close(rt, run, kind, key)


def element_of(rt: Runtime, kind: str, key: str) -> str | None:
    """The catching element of a subscription or timer handle (None for other kinds)."""
    if kind == "msg":
        record = rt.store.message_subscriptions.get(key)
        return record.element_id if record is not None else None
    if kind == "sig":
        subscription = rt.events.signal_by_key.get(key)
        return subscription.element_id if subscription is not None else None
    if kind == "timer":
        timer = rt.events.timers.get(key)
        return timer.element_id if timer is not None else None
    return None


def close_where(rt: Runtime, run: Run, closes: Callable[[str | None], bool]) -> None:
    """Close the subscription/timer handles whose catching element id satisfies ``closes``."""
    if not run.handles:
        return
    keep: list[tuple[str, str]] = []
    for kind, key in run.handles:
        if kind in ("msg", "sig", "timer") and closes(element_of(rt, kind, key)):
            _close(rt, run, kind, key)
        else:
            keep.append((kind, key))
    run.handles = keep or None
