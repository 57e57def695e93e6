"""Settings: Camunda's variable names, precedence, inference, and errors that say what to fix."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from camunda_core import CamundaClient
from camunda_core.errors import ConfigurationError
from camunda_core.settings import AuthStrategy, CamundaSettings, env_name, load_settings

FAKE_SECRET = "fake-secret-value-3f9c"  # obviously fake, grepped for below


def test_defaults_point_at_a_local_cluster_without_auth() -> None:
    settings = load_settings()
    assert settings.rest_address == "http://localhost:8080/v2"
    assert settings.strategy is AuthStrategy.NONE
    assert settings.http_timeout_ms > settings.worker_request_timeout_ms


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://camunda:8080", "http://camunda:8080/v2"),
        ("http://camunda:8080/", "http://camunda:8080/v2"),
        ("https://x.y.camunda.io/abc-123/v2", "https://x.y.camunda.io/abc-123/v2"),
        ("https://x.y.camunda.io/abc-123", "https://x.y.camunda.io/abc-123/v2"),
        ("  http://host:1/v2/  ", "http://host:1/v2"),
    ],
)
def test_v2_is_appended_when_missing(given: str, expected: str) -> None:
    assert load_settings(rest_address=given).rest_address == expected


def test_environment_uses_camundas_own_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "http://from-env:8080")
    monkeypatch.setenv("CAMUNDA_WORKER_MAX_JOBS_ACTIVE", "7")
    monkeypatch.setenv("CAMUNDA_WORKER_TENANT_IDS", "tenant-a, tenant-b")
    settings = load_settings()
    assert settings.rest_address == "http://from-env:8080/v2"
    assert settings.worker_max_jobs_active == 7
    assert settings.worker_tenant_ids == ["tenant-a", "tenant-b"]


def test_zeebe_rest_address_is_an_alias_and_camunda_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZEEBE_REST_ADDRESS", "http://zeebe:8080")
    assert load_settings().rest_address == "http://zeebe:8080/v2"
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "http://camunda:8080")
    assert load_settings().rest_address == "http://camunda:8080/v2"


def test_a_bad_address_is_reported_under_the_name_it_was_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CAMUNDA_REST_ADDRESS", raising=False)
    monkeypatch.setenv("ZEEBE_REST_ADDRESS", "zeebe:26500")
    with pytest.raises(ConfigurationError, match=r"^ZEEBE_REST_ADDRESS: expected an http"):
        load_settings()
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "camunda:26500")
    with pytest.raises(ConfigurationError, match=r"^CAMUNDA_REST_ADDRESS: expected an http"):
        load_settings()
    monkeypatch.delenv("CAMUNDA_REST_ADDRESS")
    with pytest.raises(ConfigurationError, match=r"^CAMUNDA_REST_ADDRESS: .*'ftp://x'"):
        load_settings(rest_address="ftp://x")  # an argument, not the environment's alias


def test_precedence_defaults_env_framework_explicit(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().worker_timeout_ms == 300_000
    monkeypatch.setenv("CAMUNDA_WORKER_TIMEOUT_MS", "1000")
    assert load_settings().worker_timeout_ms == 1000
    framework = {"WORKER_TIMEOUT_MS": 2000}
    assert load_settings(framework).worker_timeout_ms == 2000
    assert load_settings(framework, worker_timeout_ms=3000).worker_timeout_ms == 3000


def test_framework_keys_may_carry_the_prefix() -> None:
    """Flask's app.config keys keep the prefix; Django's CAMUNDA dict drops it."""
    assert load_settings({"CAMUNDA_TENANT_ID": "t1"}).tenant_id == "t1"
    assert load_settings({"TENANT_ID": "t1"}).tenant_id == "t1"


def test_unknown_keys_are_errors_with_a_suggestion() -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_settings({"REST_ADRESS": "http://x"})
    assert "unknown setting 'REST_ADRESS'" in str(caught.value)
    assert "REST_ADDRESS" in str(caught.value)
    with pytest.raises(ConfigurationError, match="unknown setting 'worker_timout_ms'"):
        load_settings(worker_timout_ms=1)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, AuthStrategy.NONE),
        ({"client_id": "id", "client_secret": FAKE_SECRET}, AuthStrategy.OAUTH),
        ({"basic_auth_username": "u", "basic_auth_password": FAKE_SECRET}, AuthStrategy.BASIC),
        (
            {
                "auth_strategy": "basic",
                "basic_auth_username": "u",
                "basic_auth_password": FAKE_SECRET,
                "client_id": "id",
                "client_secret": FAKE_SECRET,
            },
            AuthStrategy.BASIC,
        ),
    ],
)
def test_strategy_is_inferred_from_credentials(
    values: dict[str, str], expected: AuthStrategy
) -> None:
    assert load_settings(**values).strategy is expected


def test_both_kinds_of_credentials_without_a_strategy_is_an_error() -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_settings(
            client_id="id",
            client_secret=FAKE_SECRET,
            basic_auth_username="u",
            basic_auth_password=FAKE_SECRET,
        )
    message = str(caught.value)
    assert "CAMUNDA_AUTH_STRATEGY" in message
    assert FAKE_SECRET not in message


@pytest.mark.parametrize(
    ("values", "names"),
    [
        ({"auth_strategy": "OAUTH"}, ["CAMUNDA_CLIENT_ID", "CAMUNDA_CLIENT_SECRET"]),
        ({"client_id": "id"}, ["CAMUNDA_CLIENT_SECRET"]),
        ({"auth_strategy": "BASIC", "basic_auth_username": "u"}, ["CAMUNDA_BASIC_AUTH_PASSWORD"]),
    ],
)
def test_incomplete_credentials_name_what_is_missing(
    values: dict[str, str], names: list[str]
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_settings(**values)
    for name in names:
        assert f"{name} is required" in str(caught.value)


@pytest.mark.parametrize(
    ("values", "variable", "expected"),
    [
        ({"rest_address": "ftp://host"}, "CAMUNDA_REST_ADDRESS", "http:// or https:// URL"),
        ({"rest_address": "http://u:p@host"}, "CAMUNDA_REST_ADDRESS", "no credentials"),
        ({"oauth_url": "not a url"}, "CAMUNDA_OAUTH_URL", "http:// or https:// URL"),
        ({"worker_timeout_ms": "soon"}, "CAMUNDA_WORKER_TIMEOUT_MS", "valid integer"),
        ({"worker_max_jobs_active": 0}, "CAMUNDA_WORKER_MAX_JOBS_ACTIVE", "greater than 0"),
        ({"auth_strategy": "KERBEROS"}, "CAMUNDA_AUTH_STRATEGY", "'NONE', 'BASIC' or 'OAUTH'"),
        ({"tenant_id": "bad tenant!"}, "CAMUNDA_TENANT_ID", "<default>"),
        (
            {"sdk_http_retry_max_attempts": 0},
            "CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS",
            "greater than or equal to 1",
        ),
        ({"ca_certificate_path": "/nonexistent/ca.pem"}, "CAMUNDA_CA_CERTIFICATE_PATH", "PEM file"),
    ],
)
def test_invalid_values_name_the_variable_and_what_is_expected(
    values: dict[str, object], variable: str, expected: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_settings(**values)
    message = str(caught.value)
    assert message.startswith(variable + ":"), message
    assert expected in message


def test_invalid_environment_value_names_the_environment_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CAMUNDA_HTTP_TIMEOUT_MS", "fast")
    with pytest.raises(ConfigurationError, match=r"^CAMUNDA_HTTP_TIMEOUT_MS: .*integer"):
        load_settings()


def test_http_timeout_must_exceed_the_long_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    """F5: a configuration where the HTTP read would end before the long poll is refused."""
    with pytest.raises(ConfigurationError) as caught:
        load_settings(http_timeout_ms=10_000, worker_request_timeout_ms=10_000)
    message = str(caught.value)
    assert "CAMUNDA_HTTP_TIMEOUT_MS (10000) must be greater than" in message
    assert "CAMUNDA_WORKER_REQUEST_TIMEOUT_MS (10000)" in message
    assert load_settings(http_timeout_ms=10_001, worker_request_timeout_ms=10_000)
    monkeypatch.setenv("CAMUNDA_WORKER_REQUEST_TIMEOUT_MS", "60000")
    with pytest.raises(ConfigurationError, match="must be greater than"):
        CamundaClient()


def test_several_problems_are_reported_together() -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_settings(rest_address="nope", worker_timeout_ms="x")
    assert len(caught.value.problems) == 2


def test_secrets_never_show_in_repr_str_logs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    oauth = load_settings(client_id="id", client_secret=FAKE_SECRET)
    basic = load_settings(basic_auth_username="u", basic_auth_password=FAKE_SECRET)
    texts = [repr(oauth), str(oauth), repr(basic), str(basic), repr(CamundaClient(oauth))]
    for bad in (
        {"client_secret": 12345, "client_id": "id"},
        {"basic_auth_password": ["x"], "basic_auth_username": "u"},
        {"client_secret": FAKE_SECRET, "basic_auth_password": FAKE_SECRET},
    ):
        with pytest.raises(ConfigurationError) as caught:
            load_settings(**bad)
        texts.append(str(caught.value))
    texts.append(caplog.text)
    for text in texts:
        assert FAKE_SECRET not in text
    assert oauth.client_secret is not None
    assert oauth.client_secret.get_secret_value() == FAKE_SECRET


def test_settings_are_immutable() -> None:
    settings = load_settings()
    with pytest.raises(ValueError, match="frozen"):
        settings.rest_address = "http://other"  # type: ignore[misc]


def test_every_field_has_a_description_and_an_environment_name() -> None:
    """The settings reference in the docs is generated from these; none may be blank."""
    for name, field in CamundaSettings.model_fields.items():
        assert field.description, name
        assert env_name(name).startswith("CAMUNDA_")


def test_ca_certificate_path_accepts_an_existing_file(tmp_path: Path) -> None:
    pem = tmp_path / "ca.pem"
    pem.write_text("-----BEGIN CERTIFICATE-----\n")
    assert load_settings(ca_certificate_path=str(pem)).ca_certificate_path == pem
