"""The project's job handlers: ``@job_worker`` in ``<app>/camunda_workers.py`` modules.

One router per process, filled by importing every installed app's ``camunda_workers``
module, the way the admin finds ``admin.py``. Discovery happens when something needs the
handlers (the worker command, the system checks, a Celery worker), never in
``AppConfig.ready()``: a project that only serves web requests never imports its handlers.
"""

from __future__ import annotations

from camunda_core.worker import JobRouter

__all__ = ["WORKERS_MODULE", "autodiscover", "job_worker", "project_router"]

#: The module name looked up in every installed app.
WORKERS_MODULE = "camunda_workers"

_router = JobRouter()

#: ``@job_worker("job-type", timeout_ms=..., max_jobs_active=..., ...)``: register the decorated
#: function as the handler of a job type (see ``camunda_core.worker.JobRouter.job_worker``).
job_worker = _router.job_worker


def autodiscover() -> None:
    """Import ``camunda_workers`` of every installed app (once; later calls are cheap)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules(WORKERS_MODULE)


def project_router() -> JobRouter:
    """The router holding every discovered handler, as declared in code."""
    autodiscover()
    return _router
