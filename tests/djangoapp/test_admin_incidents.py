"""Admin "Incidents": live list with filters, detail, retry (new retries, then resolve) and
resolve, each action in the admin log."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from djangoapp_support import open_incident

from camunda_core import CamundaClient

pytestmark = pytest.mark.django_db

LIST = "admin:camunda_django_incident_changelist"


def url(name: str, key: str) -> str:
    return reverse(f"admin:camunda_django_incident_{name}", args=(key,))


def test_the_list_shows_active_incidents_with_filters(
    operator_client: Any, camunda: CamundaClient
) -> None:
    incident = open_incident(camunda, "mail server down")
    html = operator_client.get(reverse(LIST), {"process": "notify"}).content.decode()
    assert url("change", incident.incident_key) in html
    assert "mail server down" in html
    by_type = operator_client.get(
        reverse(LIST), {"error_type": "CONDITION_ERROR", "process": "notify"}
    ).content.decode()
    assert url("change", incident.incident_key) not in by_type
    other_process = operator_client.get(reverse(LIST), {"process": "shipping"}).content.decode()
    assert url("change", incident.incident_key) not in other_process


def test_the_detail_shows_the_whole_message(operator_client: Any, camunda: CamundaClient) -> None:
    message = "first line\n" + "x" * 300
    incident = open_incident(camunda, message)
    response = operator_client.get(url("change", incident.incident_key))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="retry-form"' in html
    assert incident.job_key in html


def test_retry_gives_the_job_retries_and_resolves(
    operator_client: Any, camunda: CamundaClient
) -> None:
    incident = open_incident(camunda, "temporary")
    response = operator_client.post(url("retry", incident.incident_key), {"retries": "2"})
    assert response.status_code == 302
    assert camunda.get_incident(incident.incident_key).state == "RESOLVED"
    jobs = camunda.activate_jobs(
        "notify-customer", max_jobs=100, timeout_ms=60_000, request_timeout_ms=0
    )
    [job] = [job for job in jobs if job.job_key == incident.job_key]
    assert job.retries == 2
    camunda.complete_job(job.job_key)
    entry = LogEntry.objects.get(object_id=incident.incident_key)
    assert entry.change_message == (
        f"Retried: job {incident.job_key} given 2 retries; incident resolved"
    )
    assert entry.content_type.model == "incident"


@pytest.mark.parametrize("retries", ["0", "-1", "abc", "101"])
def test_retry_refuses_bad_retry_counts(
    operator_client: Any, camunda: CamundaClient, engine_calls: list[str], retries: str
) -> None:
    incident = open_incident(camunda, "temporary")
    engine_calls.clear()
    response = operator_client.post(url("retry", incident.incident_key), {"retries": retries})
    assert response.status_code == 302
    assert engine_calls == []
    assert camunda.get_incident(incident.incident_key).state == "ACTIVE"


def test_resolve_is_logged(operator_client: Any, camunda: CamundaClient) -> None:
    incident = open_incident(camunda, "fixed elsewhere")
    camunda.update_job(incident.job_key, retries=1)  # e.g. by a script
    response = operator_client.post(url("resolve", incident.incident_key), follow=True)
    assert "The incident is resolved." in response.content.decode()
    assert camunda.get_incident(incident.incident_key).state == "RESOLVED"
    assert LogEntry.objects.get(object_id=incident.incident_key).change_message == "Resolved"


def test_a_refused_resolve_is_shown_and_not_logged(
    operator_client: Any, camunda: CamundaClient
) -> None:
    incident = open_incident(camunda, "no retries")
    response = operator_client.post(url("resolve", incident.incident_key), follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert len(shown) == 1
    assert shown[0].startswith("Camunda did not accept the request: ")
    assert "no retries left" in shown[0]
    assert camunda.get_incident(incident.incident_key).state == "ACTIVE"
    assert not LogEntry.objects.exists()
