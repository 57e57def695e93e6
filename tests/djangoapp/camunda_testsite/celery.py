"""The test project's Celery app, as a Django project has one (``celery -A camunda_testsite``).

It reads ``CELERY_*`` settings and finds ``tasks`` modules of the installed apps, which is how
Celery workers pick up ``camunda_django.tasks``. It sets no ``DJANGO_SETTINGS_MODULE``: the
processes that use it are started with one.
"""

from celery import Celery

app = Celery("camunda_testsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
