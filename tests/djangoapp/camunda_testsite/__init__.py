"""A minimal Django project for the camunda_django tests (settings, URLs, one app).

Like any Django project with Celery, it imports its Celery app here, so that app is current
for ``manage.py camunda_worker --executor celery``.
"""

from camunda_testsite.celery import app as celery_app

__all__ = ["celery_app"]
