"""manage.py camunda_deploy against the dev engine over HTTP: per-resource lines, deployment
records, unchanged files skipped, refusals with file and reason and a non-zero exit code."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from djangoapp_support import BROKEN, PROCESSES, database_url_of_tests, manage, site_environment

from camunda_core import CamundaClient
from camunda_django.models import DeploymentRecord

pytestmark = pytest.mark.django_db


def deploy(*args: str) -> str:
    out = io.StringIO()
    call_command("camunda_deploy", *args, stdout=out)
    return out.getvalue()


def test_configured_resources_are_deployed_and_recorded(camunda: CamundaClient) -> None:
    output = deploy()
    lines = output.splitlines()
    assert "[7/8] deployed   shipping.bpmn: process shipping v" in output  # progress: many files
    assert "deployed   approval.form: form approval-form v" in output
    assert lines[-1] == "8 resource(s): 8 deployed"
    record = DeploymentRecord.objects.get(resource_name="shipping.bpmn")
    assert record.tenant_id == ""
    assert len(record.checksum) == 64
    assert record.deployment_key.isdigit()
    [definition] = record.definitions
    assert (definition["kind"], definition["id"]) == ("process", "shipping")
    deployed = camunda.get_process_definition(definition["key"])
    assert (deployed.process_definition_id, deployed.version) == ("shipping", definition["version"])


def test_unchanged_resources_are_skipped_unless_forced(camunda: CamundaClient) -> None:
    deploy(str(PROCESSES / "shipping.bpmn"))
    again = deploy(str(PROCESSES / "shipping.bpmn"))
    assert again.splitlines()[0] == (
        "unchanged  shipping.bpmn (same checksum as the last deployment)"
    )
    assert DeploymentRecord.objects.filter(resource_name="shipping.bpmn").count() == 1
    forced = deploy(str(PROCESSES / "shipping.bpmn"), "--force")
    assert forced.startswith("deployed   shipping.bpmn")
    assert DeploymentRecord.objects.filter(resource_name="shipping.bpmn").count() == 2


def test_a_changed_resource_is_deployed_again(camunda: CamundaClient, tmp_path: Path) -> None:
    copy = tmp_path / "shipping.bpmn"
    shutil.copy(PROCESSES / "shipping.bpmn", copy)
    deploy(str(copy))
    copy.write_text(copy.read_text().replace('name="Ship the order"', 'name="Ship it"'))
    assert deploy(str(copy)).startswith("deployed   shipping.bpmn")
    checksums = DeploymentRecord.objects.filter(resource_name="shipping.bpmn").values_list(
        "checksum", flat=True
    )
    assert len(set(checksums)) == 2


def test_a_dry_run_checks_and_sends_nothing(
    engine_calls: list[str], camunda: CamundaClient
) -> None:
    output = deploy("--dry-run", str(PROCESSES))
    assert "valid      shipping.bpmn (dry run: not deployed)" in output
    assert not DeploymentRecord.objects.exists()
    assert engine_calls == []


def test_checksums_are_kept_per_tenant(camunda: CamundaClient) -> None:
    deploy(str(PROCESSES / "shipping.bpmn"))
    output = deploy("--dry-run", "--tenant", "other", str(PROCESSES / "shipping.bpmn"))
    assert output.startswith("valid      shipping.bpmn")


def test_many_files_show_progress(tmp_path: Path) -> None:
    for index in range(7):
        (tmp_path / f"shipping_{index}.bpmn").write_bytes(
            (PROCESSES / "shipping.bpmn").read_bytes()
        )
    lines = deploy("--dry-run", str(tmp_path)).splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:7]] == [f"[{i}/7]" for i in range(1, 8)]


def test_a_refused_resource_fails_the_command_with_file_and_reason(camunda: CamundaClient) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("camunda_deploy", str(BROKEN), str(PROCESSES / "shipping.bpmn"), stdout=out)
    assert raised.value.returncode == 1
    output = out.getvalue()
    assert "REFUSED    invalid.bpmn: invalid.bpmn: element 'Work' (bpmn:serviceTask)" in output
    assert "deployed   shipping.bpmn" in output
    assert "deployed   unhandled.bpmn" in output


def test_a_missing_path_is_a_command_error() -> None:
    with pytest.raises(CommandError, match=r"no/such/file\.bpmn: no such file or directory"):
        deploy("no/such/file.bpmn")


def test_nothing_configured_is_a_command_error(settings: Any) -> None:
    settings.CAMUNDA = {}
    with pytest.raises(CommandError, match="Nothing to deploy"):
        deploy()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_exit_codes_of_the_real_command(engine_url: str, settings: Any) -> None:
    settings.CAMUNDA = {**settings.CAMUNDA, "REST_ADDRESS": engine_url}
    env = site_environment(
        DATABASE_URL=database_url_of_tests(), TESTSITE_CAMUNDA_REST_ADDRESS=engine_url
    )
    checked = manage("camunda_deploy", "--dry-run", env=env)
    assert checked.returncode == 0, checked.stderr
    assert "8 resource(s): 8 checked" in checked.stdout
    refused = manage("camunda_deploy", str(BROKEN / "invalid.bpmn"), env=env)
    assert refused.returncode == 1
    assert "REFUSED    invalid.bpmn" in refused.stdout
    assert "Some resources were refused" in refused.stderr
    call_command("camunda_deploy", stdout=io.StringIO())  # the same database: records shared
    unchanged = manage("camunda_deploy", env=env)
    assert unchanged.returncode == 0
    assert "8 resource(s): 8 unchanged" in unchanged.stdout
