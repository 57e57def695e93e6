"""Firing what is due and serving waiting long polls, after every command and on the
scheduler thread: timers, job deadlines and back-offs, message TTLs (engine clock), request
timeouts of long polls and awaited completions (monotonic clock).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from camunda_core.devengine.contract import Timeout
from camunda_core.devengine.runtime import jobs, messages, timers
from camunda_core.devengine.runtime.schedule import Task

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime

__all__ = ["fire_due", "next_wait", "serve_waiters", "settle"]

_MAX_FIRINGS = 10_000  # per call: a runaway timer loop cannot hold the lock forever
_CLOCK_RECHECK_S = 1.0  # re-read the system clock at least this often while timers wait


def _fire(rt: Runtime, task: Task) -> None:
    kind = task.kind
    if kind == "timer":
        timers.fire(rt, task.ref)
    elif kind == "job_deadline":
        jobs.on_deadline(rt, task.ref)
    elif kind == "job_backoff":
        jobs.on_backoff(rt, task.ref)
    elif kind == "message_ttl":
        messages.expire(rt, task.ref)


def _request_timeout(rt: Runtime, task: Task) -> None:
    if task.kind == "poll":
        waiter = rt.waiters.by_key.get(task.ref)
        if waiter is not None:
            rt.waiters.remove(waiter)
            rt.resolve(waiter.future, [])
        return
    waiting = rt.awaiting.get(task.ref)
    if not waiting:
        return
    for entry in [entry for entry in waiting if entry[2] is task]:
        waiting.remove(entry)
        rt.reject(
            entry[0],
            Timeout(
                f"Expected the process instance with key '{task.ref}' to complete within the "
                "request timeout, but it did not (it keeps running)"
            ),
        )
    if not waiting:
        del rt.awaiting[task.ref]


def fire_due(rt: Runtime) -> None:
    """Fire every task that is due on either clock."""
    now = rt.clock.now()
    for _ in range(_MAX_FIRINGS):
        task = rt.timeline.pop_due(now)
        if task is None:
            break
        _fire(rt, task)
        rt.run_agenda()
    monotonic = time.monotonic()
    while True:
        task = rt.request_timeouts.pop_due(monotonic)
        if task is None:
            break
        _request_timeout(rt, task)


def serve_waiters(rt: Runtime) -> None:
    """Hand newly activatable jobs to waiting long polls, first come first served."""
    touched = rt.touched_types
    if not touched:
        return
    rt.touched_types = set()
    waiters = rt.waiters
    for job_type in touched:
        for waiter in waiters.for_type(job_type):
            if not rt.job_queue.has(job_type):
                break
            if waiter.future.cancelled():
                waiters.remove(waiter)
                rt.request_timeouts.cancel(waiter.task)
                continue
            found = jobs.activate_batch(
                rt,
                job_type,
                waiter.worker,
                waiter.timeout_ms,
                waiter.max_jobs,
                waiter.fetch,
                waiter.tenants,
            )
            if found:
                waiters.remove(waiter)
                rt.request_timeouts.cancel(waiter.task)
                rt.resolve(waiter.future, found)


def settle(rt: Runtime) -> None:
    """Finish a command: run the agenda, fire what is due, serve long polls."""
    rt.run_agenda()
    due = rt.timeline.next_due()
    if due is not None and due <= rt.clock.now():
        fire_due(rt)
    serve_waiters(rt)


def next_wait(rt: Runtime) -> float | None:
    """Seconds until something is due (None: nothing scheduled), for the scheduler thread."""
    waits: list[float] = []
    due = rt.timeline.next_due()
    if due is not None:
        if rt.clock.pinned_ms is None:
            waits.append(min(max(0.0, (due - rt.clock.now()) / 1000), _CLOCK_RECHECK_S))
        elif due <= rt.clock.now():
            waits.append(0.0)
    request_due = rt.request_timeouts.next_due()
    if request_due is not None:
        waits.append(max(0.0, request_due - time.monotonic()))
    return min(waits) if waits else None
