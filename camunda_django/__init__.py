"""Camunda 8 for Django.

Settings in ``settings.CAMUNDA``, job handlers in ``<app>/camunda_workers.py``::

    from camunda_django import job_worker

    @job_worker("charge-card")
    def charge_card(order_id: str, amount: float) -> dict:
        ...

then ``manage.py camunda_deploy``, ``manage.py camunda_worker``, signals in
``camunda_django.signals``, a job ledger and live admin pages. Importing this package needs
no configured Django: ``job_worker`` only records the handler.
"""

from camunda_django.registry import job_worker

__all__ = ["job_worker"]
