"""settings.CAMUNDA: read late, cached, refreshed by override_settings; invalid values are
system-check errors with ids and hints, and fail ``manage.py check``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from djangoapp_support import PROCESSES, manage, site_environment, write_settings_module

from camunda_core import ConfigurationError
from camunda_django.checks import check_models_and_handlers, check_settings
from camunda_django.conf import camunda_client, camunda_settings, django_config


def test_settings_are_read_late_and_refreshed_on_change() -> None:
    with override_settings(CAMUNDA={"REST_ADDRESS": "http://first:8080", "TENANT_ID": "t1"}):
        assert camunda_settings().rest_address == "http://first:8080/v2"
        first_client = camunda_client()
        assert camunda_client() is first_client
        with override_settings(CAMUNDA={"REST_ADDRESS": "http://second:8080"}):
            assert camunda_settings().rest_address == "http://second:8080/v2"
            assert camunda_settings().tenant_id is None
            assert camunda_client() is not first_client


def test_django_sections_have_defaults() -> None:
    with override_settings(CAMUNDA={}):
        config = django_config()
    assert config.ledger is True
    assert config.user_task_listener_type == "user-task-events"
    assert config.celery.enabled is False
    assert config.deploy.resources == ()


def test_resources_are_relative_to_base_dir() -> None:
    with override_settings(CAMUNDA={"DEPLOY": {"RESOURCES": ["orders/processes"]}}):
        assert django_config().deploy.resources == (PROCESSES,)


def test_the_environment_is_below_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMUNDA_TENANT_ID", "from-env")
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "http://env:8080")
    with override_settings(CAMUNDA={"REST_ADDRESS": "http://settings:8080"}):
        assert camunda_settings().rest_address == "http://settings:8080/v2"
        assert camunda_settings().tenant_id == "from-env"


def test_invalid_sections_raise_when_code_needs_them() -> None:
    with override_settings(CAMUNDA={"LEDGER": "yes"}), pytest.raises(ConfigurationError) as raised:
        django_config()
    assert raised.value.problems == [
        "camunda.E041: CAMUNDA[\"LEDGER\"] must be True or False, not 'yes'."
    ]


INVALID: list[tuple[Any, str, str]] = [
    ("not a dict", "camunda.E001", "must be a dict"),
    ({"RESTADDRESS": "http://x"}, "camunda.E002", "did you mean 'REST_ADDRESS'"),
    ({"REST_ADDRESS": "ftp://x"}, "camunda.E003", "CAMUNDA_REST_ADDRESS"),
    (
        {
            "CLIENT_ID": "a",
            "CLIENT_SECRET": "b",
            "BASIC_AUTH_USERNAME": "u",
            "BASIC_AUTH_PASSWORD": "p",
        },
        "camunda.E003",
        "both OAuth",
    ),
    (
        {"HTTP_TIMEOUT_MS": 1000, "WORKER_REQUEST_TIMEOUT_MS": 5000},
        "camunda.E003",
        "must be greater",
    ),
    ({"WORKERS": []}, "camunda.E010", "must be a dict"),
    ({"WORKERS": {"DEFAULT": {}}}, "camunda.E010", "unknown key 'DEFAULT'"),
    ({"WORKERS": {"DEFAULTS": {"speed": 3}}}, "camunda.E011", "unknown worker option 'speed'"),
    ({"WORKERS": {"DEFAULTS": {"timeout_ms": -1}}}, "camunda.E011", "timeout_ms must be positive"),
    ({"WORKERS": {"DEFAULTS": {"timeout_ms": "60s"}}}, "camunda.E011", "got '60s'"),
    ({"WORKERS": {"TYPES": {"a": {"fetch_variables": "x,y"}}}}, "camunda.E011", "fetch_variables"),
    ({"WORKERS": {"TYPES": {"": {}}}}, "camunda.E012", "not a job type"),
    ({"DEPLOY": {"RESOURCES": "processes/"}}, "camunda.E021", "must be a list"),
    ({"DEPLOY": {"RESOURCES": ["no/such/dir"]}}, "camunda.E021", "does not exist"),
    ({"DEPLOY": {"AUTO_DEPLOY": "on"}}, "camunda.E023", "AUTO_DEPLOY"),
    ({"DEPLOY": {"PATHS": []}}, "camunda.E020", "unknown key 'PATHS'"),
    ({"CELERY": {"ENABLED": 1}}, "camunda.E030", "ENABLED"),
    ({"CELERY": {"QUEUES": {"a": 1}}}, "camunda.E032", "QUEUES"),
    ({"USER_TASK_LISTENER_TYPE": ""}, "camunda.E040", "USER_TASK_LISTENER_TYPE"),
    ({"LEDGER": 1}, "camunda.E041", "LEDGER"),
]


@pytest.mark.parametrize(("camunda", "check_id", "text"), INVALID)
def test_each_invalid_setting_is_an_error_with_id_and_hint(
    camunda: Any, check_id: str, text: str
) -> None:
    with override_settings(CAMUNDA=camunda):
        errors = check_settings()
    matching = [error for error in errors if error.id == check_id]
    assert matching, errors
    assert any(text in error.msg for error in matching), [e.msg for e in matching]
    assert all(error.hint and error.is_serious() for error in matching)


def test_relative_resources_need_base_dir() -> None:
    with override_settings(CAMUNDA={"DEPLOY": {"RESOURCES": ["processes"]}}, BASE_DIR=None):
        assert [error.id for error in check_settings()] == ["camunda.E022"]


def test_secrets_never_appear_in_check_messages() -> None:
    camunda = {"CLIENT_SECRET": "s3cr3t-value", "BASIC_AUTH_PASSWORD": "pa55-value"}
    with override_settings(CAMUNDA=camunda):
        errors = check_settings()
    assert errors
    text = " ".join(f"{error.msg} {error.hint}" for error in errors)
    assert "s3cr3t-value" not in text
    assert "pa55-value" not in text


def test_valid_settings_have_no_errors() -> None:
    assert check_settings() == []


@pytest.mark.slow
def test_manage_py_check_fails_on_invalid_settings(tmp_path: Path) -> None:
    module = write_settings_module(
        tmp_path,
        "invalid_settings",
        {
            "REST_ADDRESS": "localhost:8080",
            "CLIENTID": "x",
            "WORKERS": {"DEFAULTS": {"max_jobs_active": 0}},
        },
    )
    result = manage("check", env=site_environment(module, extra_paths=(tmp_path,)))
    assert result.returncode == 1, result.stdout + result.stderr
    for check_id in ("camunda.E002", "camunda.E003", "camunda.E011"):
        assert check_id in result.stderr
    assert "HINT:" in result.stderr


@pytest.mark.slow
def test_manage_py_check_passes_and_warns_on_valid_settings(tmp_path: Path) -> None:
    module = write_settings_module(
        tmp_path, "warning_settings", {"DEPLOY": {"RESOURCES": ["orders/broken/unhandled.bpmn"]}}
    )
    result = manage("check", env=site_environment(module, extra_paths=(tmp_path,)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "camunda.W001" in result.stderr
    assert "pack-parcel" in result.stderr


def _warnings(resources: list[str]) -> list[Any]:
    with override_settings(CAMUNDA={"DEPLOY": {"RESOURCES": resources}}):
        return check_models_and_handlers()


def test_a_job_type_without_a_handler_is_a_warning_naming_type_and_files() -> None:
    warnings = _warnings(["orders/broken/unhandled.bpmn", "orders/processes"])
    [missing] = [w for w in warnings if w.id == "camunda.W001"]
    assert missing.msg == "Job type 'pack-parcel' (used in unhandled.bpmn) has no handler."
    assert '@job_worker("pack-parcel")' in missing.hint
    assert not missing.is_serious()


def test_a_handler_no_model_uses_is_a_warning() -> None:
    warnings = _warnings(["orders/processes/shipping.bpmn"])
    unused = sorted(w.obj for w in warnings if w.id == "camunda.W002")
    assert unused == [
        "camunda_testsite.orders.camunda_workers.charge_card",
        "camunda_testsite.orders.camunda_workers.check_stock",
        "camunda_testsite.orders.camunda_workers.notify_customer",
        "camunda_testsite.orders.camunda_workers.pack_order",
    ]
    assert not [w for w in warnings if w.id == "camunda.W001"]


def test_an_invalid_model_is_a_warning_with_the_reason() -> None:
    [invalid] = [w for w in _warnings(["orders/broken/invalid.bpmn"]) if w.id == "camunda.W003"]
    assert "element 'Work' (bpmn:serviceTask)" in invalid.msg
    assert str(invalid.obj).endswith("invalid.bpmn")


def test_the_configured_models_and_handlers_match() -> None:
    assert _warnings(["orders/processes"]) == []


def test_no_resources_no_model_warnings() -> None:
    with override_settings(CAMUNDA={}):
        assert check_models_and_handlers() == []


def test_options_for_a_type_without_a_handler_are_a_warning() -> None:
    workers = {"TYPES": {"ship-ordr": {"max_jobs_active": 2}, "ship-order": {"max_jobs_active": 2}}}
    with override_settings(CAMUNDA={"WORKERS": workers}):
        [typo] = check_models_and_handlers()
    assert (typo.id, typo.obj) == ("camunda.W004", "ship-ordr")
