"""Every signal of camunda_django, in one place.

Job signals are sent by the process that did the step: ``job_activated`` by
``manage.py camunda_worker``, the outcome signals by the process that ran the handler (the
worker itself, or a Celery worker under ``--executor celery``). Their sender is the handler
function registered for the job type, so ``job_completed.connect(receiver, sender=charge_card)``
listens to one handler. Each signal also passes ``event``, the framework-free
``camunda_core.events`` object it came from.
Receivers run in a thread where the ORM may be used, never on the worker's event loop; one that
raises is logged and does not disturb the worker.

User-task signals come from Camunda task listeners (``zeebe:taskListener`` with the job type
``CAMUNDA["USER_TASK_LISTENER_TYPE"]``, default ``"user-task-events"``). They are named after
Camunda's lifecycle events, which end in ``-ing`` because they are sent *before* the transition
happens: that is what lets a receiver of ``user_task_assigning``, ``user_task_updating`` or
``user_task_completing`` refuse it with ``event.deny(reason)``. Their sender is
``camunda_core.worker.task_listeners.UserTaskEvent``. A receiver that raises fails the listener
job (Camunda retries it, then raises an incident), so a broken receiver never lets a
transition through unchecked.
"""

from __future__ import annotations

from django.dispatch import Signal

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

# --- job events ---------------------------------------------------------------------------------

#: Sent when the worker has locked a job and is about to run its handler.
#: sender: the handler function. Arguments: ``job`` (``camunda_core.Job``), ``event``.
job_activated = Signal()

#: Sent when Camunda accepted the completion of a job.
#: sender: the handler function. Arguments: ``job``, ``variables`` (dict or None, what the job
#: was completed with), ``duration`` (seconds from activation to the report), ``event``.
job_completed = Signal()

#: Sent when a job was failed (the handler raised, or failed it); ``retries`` 0 means Camunda
#: raised an incident. sender: the handler function. Arguments: ``job``, ``message``,
#: ``retries`` (left after this failure), ``duration``, ``event``.
job_failed = Signal()

#: Sent when the handler threw a BPMN error that Camunda accepted.
#: sender: the handler function. Arguments: ``job``, ``code``, ``message`` (or None),
#: ``duration``, ``event``.
bpmn_error_thrown = Signal()

#: Sent when a stopping worker handed a job back untouched, for another worker to take at once.
#: sender: the handler function. Arguments: ``job``, ``reason``, ``event``.
job_returned = Signal()

#: Sent when Camunda refused a job's outcome: the job was gone (404: completed elsewhere, timed
#: out and taken, instance cancelled) or in another state (409). This is how repeated deliveries
#: show up. sender: the handler function. Arguments: ``job``, ``outcome`` (``"completion"``,
#: ``"failure"``, ``"BPMN error"`` or ``"hand-back"``), ``status``, ``detail``, ``event``.
job_report_rejected = Signal()

# --- user-task events (from task listeners) ---------------------------------------------------------

#: Sent when a user task is being created. sender: ``UserTaskEvent``. Arguments: ``event``
#: (``camunda_core.worker.task_listeners.UserTaskEvent``: ``.correct(...)`` may change the task;
#: it cannot be denied), ``user_task`` (the task's properties), ``variables``, ``job``.
user_task_creating = Signal()

#: Sent when a user task is being assigned; ``event.deny(reason)`` refuses the assignment.
#: sender: ``UserTaskEvent``. Arguments: ``event``, ``user_task``, ``variables``, ``job``.
user_task_assigning = Signal()

#: Sent when a user task is being updated; ``event.deny(reason)`` refuses the update.
#: sender: ``UserTaskEvent``. Arguments: ``event``, ``user_task``, ``variables``, ``job``.
user_task_updating = Signal()

#: Sent when a user task is being completed; ``event.deny(reason)`` refuses the completion,
#: and the task stays open. sender: ``UserTaskEvent``. Arguments: ``event``, ``user_task``,
#: ``variables``, ``job``.
user_task_completing = Signal()

#: Sent when a user task is being canceled (its instance or scope ends); cannot be denied.
#: sender: ``UserTaskEvent``. Arguments: ``event``, ``user_task``, ``variables``, ``job``.
user_task_canceling = Signal()

#: The job signals by the name of the core event (``JobEvent.name``).
JOB_SIGNALS: dict[str, Signal] = {
    "job_activated": job_activated,
    "job_completed": job_completed,
    "job_failed": job_failed,
    "bpmn_error_thrown": bpmn_error_thrown,
    "job_returned": job_returned,
    "job_report_rejected": job_report_rejected,
}

#: The user-task signals by Camunda's event type (``UserTaskEvent.event_type``).
USER_TASK_SIGNALS: dict[str, Signal] = {
    "creating": user_task_creating,
    "assigning": user_task_assigning,
    "updating": user_task_updating,
    "completing": user_task_completing,
    "canceling": user_task_canceling,
}
