"""Admin of the ledger and the deployment records: read-only lists with filters and search."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from camunda_django.models import DeploymentRecord, JobRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def records() -> None:
    for key, job_type, state in [
        ("2251799813685301", "ship-order", "completed"),
        ("2251799813685302", "ship-order", "failed"),
        ("2251799813685303", "charge-card", "completed"),
    ]:
        JobRecord.objects.create(
            job_key=key,
            job_type=job_type,
            process_instance_key="2251799813685250",
            element_id="Ship",
            state=state,
            attempts=1,
            error_message="carrier down" if state == "failed" else "",
        )
    DeploymentRecord.objects.create(
        resource_name="shipping.bpmn",
        checksum="a" * 64,
        deployment_key="2251799813685249",
        definitions=[
            {"kind": "process", "id": "shipping", "key": "2251799813685251", "version": 3}
        ],
    )


def _keys(response: Any) -> set[str]:
    return {row.job_key for row in response.context["cl"].result_list}


def test_the_ledger_list_filters_and_searches(admin_client: Any, records: None) -> None:
    url = reverse("admin:camunda_django_jobrecord_changelist")
    assert _keys(admin_client.get(url)) == {
        "2251799813685301",
        "2251799813685302",
        "2251799813685303",
    }
    assert _keys(admin_client.get(url, {"state": "failed"})) == {"2251799813685302"}
    assert _keys(admin_client.get(url, {"job_type": "charge-card"})) == {"2251799813685303"}
    assert _keys(admin_client.get(url, {"q": "carrier"})) == {"2251799813685302"}


def test_the_ledger_is_read_only(admin_client: Any, records: None) -> None:
    assert admin_client.get(reverse("admin:camunda_django_jobrecord_add")).status_code == 403
    record = JobRecord.objects.get(job_key="2251799813685302")
    page = admin_client.get(reverse("admin:camunda_django_jobrecord_change", args=(record.pk,)))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_deployment_records_list_and_search(admin_client: Any, records: None) -> None:
    url = reverse("admin:camunda_django_deploymentrecord_changelist")
    page = admin_client.get(url, {"q": "shipping"})
    assert [r.resource_name for r in page.context["cl"].result_list] == ["shipping.bpmn"]
    assert "process shipping v3" in page.content.decode()
    assert not admin_client.get(url, {"q": "nothing"}).context["cl"].result_list
