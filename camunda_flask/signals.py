"""Blinker signals for job and user-task events, named like ``camunda_django.signals``.

The worker emits framework-free events (``camunda_core.events``); the extension forwards each
one to the signal of the same name. The sender is the Flask app (Flask's own signals do the
same), so ``job_completed.connect(receiver, app)`` listens to one app; every signal also
passes ``event``, the ``camunda_core.events`` object it came from. Job-signal receivers run in
order on one delivery thread, inside an app context, never on the worker's event loop, so
they may block (a database write) without slowing the worker; one that raises is logged and
never disturbs the worker.
"""

from __future__ import annotations

from blinker import NamedSignal, Namespace

__all__ = [
    "JOB_SIGNALS",
    "USER_TASK_SIGNALS",
    "bpmn_error_thrown",
    "job_activated",
    "job_completed",
    "job_failed",
    "job_report_rejected",
    "job_returned",
    "user_task_assigning",
    "user_task_canceling",
    "user_task_completing",
    "user_task_creating",
    "user_task_updating",
]

_signals = Namespace()

#: Sent when the worker locked a job and is about to run its handler.
#: Sender: the Flask app. Arguments: ``job`` (:class:`camunda_core.Job`), ``event``.
job_activated = _signals.signal("job_activated")

#: Sent when a job was completed.
#: Sender: the Flask app. Arguments: ``job``, ``variables`` (dict or None: what the job was
#: completed with), ``duration`` (seconds from activation to the report), ``event``.
job_completed = _signals.signal("job_completed")

#: Sent when a job was failed (by the handler raising, or ``JobFailure``).
#: Sender: the Flask app. Arguments: ``job``, ``message``, ``retries`` (left; 0 raised an
#: incident), ``duration``, ``event``.
job_failed = _signals.signal("job_failed")

#: Sent when a handler threw a BPMN error (``BpmnError``).
#: Sender: the Flask app. Arguments: ``job``, ``code``, ``message`` (or None), ``duration``,
#: ``event``.
bpmn_error_thrown = _signals.signal("bpmn_error_thrown")

#: Sent when a job was handed back untouched because the worker stopped before it finished.
#: Sender: the Flask app. Arguments: ``job``, ``reason``, ``event``.
job_returned = _signals.signal("job_returned")

#: Sent when Camunda refused a job's outcome: the job was gone (404) or in another state (409),
#: typically because it timed out and another worker took it. Nothing is lost; this is how a
#: repeated delivery becomes visible.
#: Sender: the Flask app. Arguments: ``job``, ``outcome`` (what was refused, e.g.
#: ``"completion"``), ``status`` (HTTP status), ``detail`` (or None), ``event``.
job_report_rejected = _signals.signal("job_report_rejected")

# --- user-task events (from task listeners) --------------------------------------------------
# Camunda sends these *before* the transition (hence -ing); a receiver of assigning, updating or
# completing may refuse it with ``event.deny(reason)``, and any receiver may change the task with
# ``event.correct(assignee=..., priority=...)``. They run on the worker thread handling the
# listener job; a receiver that raises fails that job (Camunda retries it, then raises an
# incident), so a broken receiver never lets a transition through unchecked.

#: Sent when a user task is being created (cannot be denied; may be corrected).
#: Sender: the Flask app. Arguments: ``event``
#: (:class:`camunda_core.worker.task_listeners.UserTaskEvent`), ``user_task`` (the task's
#: properties after the transition), ``variables``, ``job``.
user_task_creating = _signals.signal("user_task_creating")

#: Sent when a user task is being assigned; ``event.deny(reason)`` refuses the assignment.
#: Sender: the Flask app. Arguments: ``event``, ``user_task``, ``variables``, ``job``.
user_task_assigning = _signals.signal("user_task_assigning")

#: Sent when a user task is being updated; ``event.deny(reason)`` refuses the update.
#: Sender: the Flask app. Arguments: ``event``, ``user_task``, ``variables``, ``job``.
user_task_updating = _signals.signal("user_task_updating")

#: Sent when a user task is being completed; ``event.deny(reason)`` keeps it open.
#: Sender: the Flask app. Arguments: ``event``, ``user_task``, ``variables``, ``job``.
user_task_completing = _signals.signal("user_task_completing")

#: Sent when a user task is being canceled (its instance or scope ends); cannot be denied.
#: Sender: the Flask app. Arguments: ``event``, ``user_task``, ``variables``, ``job``.
user_task_canceling = _signals.signal("user_task_canceling")

#: The job signals by the name of the core event (``JobEvent.name``).
JOB_SIGNALS: dict[str, NamedSignal] = {
    "job_activated": job_activated,
    "job_completed": job_completed,
    "job_failed": job_failed,
    "bpmn_error_thrown": bpmn_error_thrown,
    "job_returned": job_returned,
    "job_report_rejected": job_report_rejected,
}

#: The user-task signals by Camunda's event type (``UserTaskEvent.event_type``).
USER_TASK_SIGNALS: dict[str, NamedSignal] = {
    "creating": user_task_creating,
    "assigning": user_task_assigning,
    "updating": user_task_updating,
    "completing": user_task_completing,
    "canceling": user_task_canceling,
}
