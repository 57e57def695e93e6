"""A side effect the tests can count: one row per shipment a handler made."""

from django.db import models


class Shipment(models.Model):
    order_id = models.CharField(max_length=50)
    job_key = models.CharField(max_length=25)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"shipment of {self.order_id}"
