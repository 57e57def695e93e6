"""Running the project's handlers on Celery (``manage.py camunda_worker --executor celery``).

Two halves, one per process:

- the activator (``camunda_worker``) sends each job to the task ``camunda.run_job`` through a
  ``CeleryDispatcher`` on the project's Celery app (``celery.current_app``: the app a Django
  project's ``celery.py`` creates and its ``__init__.py`` imports);
- the Celery workers run it. ``camunda_django/tasks.py``, found by the project's
  ``app.autodiscover_tasks()`` like any reusable app's tasks, calls ``register`` so the task
  finds the handlers under the name ``"django"``. The handlers, the ledger guard and the
  signal sink are set up at the first job from the settings of that moment, never at import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from camunda_core import ConfigurationError
from camunda_core.worker import JobRouter, Outcome
from camunda_core.worker.job import Job
from camunda_django.conf import camunda_settings, django_config
from camunda_django.config import DjangoConfig
from camunda_django.forwarding import SignalSink
from camunda_django.ledger import LedgerGuard
from camunda_django.worker import build_router

if TYPE_CHECKING:
    from camunda_core.worker.celery_executor import CeleryDispatcher

__all__ = ["ROUTER_NAME", "celery_dispatcher", "register"]

#: The name the handlers are registered under in Celery worker processes.
ROUTER_NAME = "django"


class SettingsGuard:
    """The ledger guard when ``CAMUNDA["LEDGER"]`` is on (read per job), else no guard."""

    def run(
        self, job: Job, execute: Callable[[], Outcome], *, on_event_loop: bool = False
    ) -> Outcome:
        if django_config().ledger:
            return LedgerGuard().run(job, execute, on_event_loop=on_event_loop)
        return execute()


def register() -> None:
    """Make the project's handlers runnable by ``camunda.run_job`` in this process."""
    from camunda_core.worker.celery_executor import register_router

    router = JobRouter()
    senders: dict[str, Callable[..., Any]] = {}

    def discover() -> None:
        built, found = build_router(django_config())
        for handler in built:
            router.add(handler.job_type, handler.func, handler.options)
        senders.update(found)

    register_router(
        ROUTER_NAME,
        router,
        camunda_settings,
        guard=SettingsGuard(),
        sinks=[SignalSink(senders)],
        discover=discover,
    )


def celery_dispatcher(config: DjangoConfig) -> CeleryDispatcher:
    """The dispatcher of ``camunda_worker --executor celery``, with the configured queues."""
    try:
        from celery import current_app

        from camunda_core.worker.celery_executor import CeleryDispatcher
    except ImportError as error:
        raise ConfigurationError(
            f"--executor celery needs Celery ({error}): pip install camunda-integration[celery]"
        ) from error
    return CeleryDispatcher(
        current_app._get_current_object(),
        ROUTER_NAME,
        queues=config.celery.queues,
        default_queue=config.celery.default_queue,
    )
