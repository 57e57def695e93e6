"""Found by a project's ``celery_app.autodiscover_tasks()``, like any reusable app's tasks.

Importing it defines the shared task ``camunda.run_job`` (in ``camunda_core``) and registers
the project's handlers for it; the handlers themselves are discovered at the first job.
"""

from camunda_core.worker.celery_executor import run_job
from camunda_django.celery_worker import register

__all__ = ["run_job"]

register()
