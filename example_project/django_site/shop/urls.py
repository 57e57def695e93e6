"""The order pages at ``/``, the admin (with its "Camunda" section) at ``/admin/``."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Camunda example shop"
admin.site.site_title = "Camunda example shop"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("orders.urls")),
]
