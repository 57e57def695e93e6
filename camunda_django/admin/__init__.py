"""The admin's "Camunda" section: ledger and deployment records, live user tasks and incidents."""

from django.contrib import admin

from camunda_django.admin.incidents import IncidentAdmin
from camunda_django.admin.records import DeploymentRecordAdmin, JobRecordAdmin
from camunda_django.admin.user_tasks import UserTaskAdmin
from camunda_django.models import DeploymentRecord, Incident, JobRecord, UserTask

admin.site.register(JobRecord, JobRecordAdmin)
admin.site.register(DeploymentRecord, DeploymentRecordAdmin)
admin.site.register(UserTask, UserTaskAdmin)
admin.site.register(Incident, IncidentAdmin)
