"""Typed settings read from Camunda's own ``CAMUNDA_*`` variables.

A user's existing ``.env`` for Camunda's SDKs works unchanged. Precedence, lowest first:
field defaults < environment < framework settings < explicit arguments. The framework
packages pass their settings in as arguments (``load_settings(django_dict, **overrides)``),
so precedence needs no code of theirs. Unknown keys are errors, and every invalid value
becomes a ``ConfigurationError`` naming the variable and what is expected, never the value of
a secret.
"""

from __future__ import annotations

import difflib
import os
import re
import socket
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from camunda_core.errors import ConfigurationError

__all__ = ["ENV_PREFIX", "AuthStrategy", "CamundaSettings", "env_name", "load_settings"]

ENV_PREFIX = "CAMUNDA_"
DEFAULT_REST_ADDRESS = "http://localhost:8080/v2"
_TENANT_ID = re.compile(r"^(<default>|[A-Za-z0-9_@.+-]+)$")


class AuthStrategy(str, Enum):
    """How the client authenticates to the REST API."""

    NONE = "NONE"
    BASIC = "BASIC"
    OAUTH = "OAUTH"


def _split_list(value: Any) -> Any:
    """Lists arrive from the environment as ``a,b,c``; from Python as lists."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


StrList = Annotated[list[str], NoDecode]


class CamundaSettings(BaseSettings):
    """Every setting of the integration, named as Camunda's SDKs name them.

    Build it with :func:`load_settings`, which turns validation failures into a
    ``ConfigurationError`` with one line per problem.
    """

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        validate_default=True,
    )

    # --- connection -------------------------------------------------------------------
    rest_address: str = Field(
        DEFAULT_REST_ADDRESS,
        validation_alias=AliasChoices("CAMUNDA_REST_ADDRESS", "ZEEBE_REST_ADDRESS", "rest_address"),
        description="REST API base URL of the Orchestration Cluster. `/v2` is appended when missing. "
        "`ZEEBE_REST_ADDRESS` is accepted as an alias.",
    )
    tenant_id: str | None = Field(
        None,
        description="Tenant used for deployments, new instances, messages, signals, decisions and "
        "job activation when a call names none. Leave unset unless multi-tenancy is enabled.",
    )
    ca_certificate_path: Path | None = Field(
        None,
        description="PEM file of the certificate authority that signed the cluster's TLS certificate.",
    )
    http_timeout_ms: int = Field(
        30_000,
        gt=0,
        description="Timeout of one HTTP request in milliseconds. Must exceed "
        "`CAMUNDA_WORKER_REQUEST_TIMEOUT_MS`, the long-poll time of job activation.",
    )
    sdk_http_retry_max_attempts: int = Field(
        4,
        ge=1,
        le=100,
        description="Attempts per call (the first plus retries) on backpressure (503 "
        "RESOURCE_EXHAUSTED, 429) and connection errors. 1 disables retries.",
    )
    sdk_http_retry_base_delay_ms: int = Field(
        200,
        ge=0,
        description="First retry delay in milliseconds; doubles each attempt, with full jitter.",
    )
    sdk_http_retry_max_delay_ms: int = Field(
        5_000, ge=0, description="Upper bound of one retry delay in milliseconds."
    )

    # --- authentication ---------------------------------------------------------------
    auth_strategy: AuthStrategy | None = Field(
        None,
        description="`NONE`, `BASIC` or `OAUTH`. Inferred from the credentials when unset; "
        "setting both kinds of credentials without it is an error.",
    )
    client_id: str | None = Field(None, description="OAuth client id.")
    client_secret: SecretStr | None = Field(None, description="OAuth client secret.")
    oauth_url: str = Field(
        "https://login.cloud.camunda.io/oauth/token",
        description="OAuth token endpoint (client-credentials grant).",
    )
    token_audience: str | None = Field(
        "zeebe.camunda.io", description="OAuth `audience` parameter."
    )
    token_scope: str | None = Field(None, description="OAuth `scope` parameter.")
    token_cache_dir: Path | None = Field(
        None,
        description="Directory for the on-disk token cache (file mode 0600, directory 0700). "
        "Unset: tokens are cached in memory only.",
    )
    oauth_timeout_ms: int = Field(
        5_000, gt=0, description="Timeout of one token request in milliseconds."
    )
    oauth_retry_max: int = Field(
        5, ge=1, le=100, description="Attempts per token fetch before giving up."
    )
    oauth_retry_base_delay_ms: int = Field(
        1_000, ge=0, description="First delay between token fetch attempts; doubles each attempt."
    )
    basic_auth_username: str | None = Field(None, description="Username for Basic authentication.")
    basic_auth_password: SecretStr | None = Field(
        None, description="Password for Basic authentication."
    )

    # --- job worker defaults ----------------------------------------------------------
    worker_name: str = Field(
        default_factory=lambda: f"camunda-python@{socket.gethostname()}",
        description="Worker name sent on activation (shows up in Operate).",
    )
    worker_timeout_ms: int = Field(
        300_000, gt=0, description="How long an activated job is locked to this worker."
    )
    worker_max_jobs_active: int = Field(
        32, gt=0, le=10_000, description="Jobs one worker may hold at once (per job type)."
    )
    worker_request_timeout_ms: int = Field(
        20_000,
        ge=0,
        description="Long-poll time of job activation: the server holds the request up to this long "
        "until a job is available.",
    )
    worker_retry_backoff_ms: int = Field(
        0, ge=0, description="Back-off before a failed job may be retried (sent with the failure)."
    )
    worker_poll_backoff_max_ms: int = Field(
        30_000,
        gt=0,
        description="Upper bound of the back-off between activation attempts after errors.",
    )
    worker_shutdown_grace_ms: int = Field(
        30_000, ge=0, description="How long a stopping worker lets in-flight jobs finish."
    )
    worker_tenant_ids: StrList = Field(
        default_factory=list,
        description="Tenants to activate jobs for (comma separated). Empty: `CAMUNDA_TENANT_ID`, if set.",
    )

    # --- validation -------------------------------------------------------------------
    @field_validator("rest_address", "oauth_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip()
        if not re.match(r"^https?://[^/\s:@]+(:\d+)?(/\S*)?$", value):
            raise ValueError(
                "expected an http:// or https:// URL with a host and no credentials, "
                "like http://localhost:8080/v2"
            )
        return value.rstrip("/")

    @field_validator("rest_address")
    @classmethod
    def _append_v2(cls, value: str) -> str:
        return value if value.endswith("/v2") else value + "/v2"

    @field_validator("auth_strategy", mode="before")
    @classmethod
    def _upper_strategy(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("tenant_id")
    @classmethod
    def _tenant(cls, value: str | None) -> str | None:
        if value is not None and not _TENANT_ID.match(value):
            raise ValueError("expected `<default>` or letters, digits and _@.+- (1-256 characters)")
        return value

    @field_validator("worker_tenant_ids", mode="before")
    @classmethod
    def _tenant_list(cls, value: Any) -> Any:
        return _split_list(value)

    @field_validator("ca_certificate_path")
    @classmethod
    def _existing_file(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError(f"expected a readable PEM file, but {value} is not a file")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> CamundaSettings:
        problems = [*self._auth_problems(), *self._timeout_problems()]
        if problems:
            raise ValueError(" | ".join(problems))
        if self.auth_strategy is None:
            object.__setattr__(self, "auth_strategy", self._inferred_strategy())
        return self

    def _inferred_strategy(self) -> AuthStrategy:
        if self.client_id or self.client_secret:
            return AuthStrategy.OAUTH
        if self.basic_auth_username or self.basic_auth_password:
            return AuthStrategy.BASIC
        return AuthStrategy.NONE

    def _auth_problems(self) -> list[str]:
        oauth = bool(self.client_id or self.client_secret)
        basic = bool(self.basic_auth_username or self.basic_auth_password)
        strategy = self.auth_strategy
        if strategy is None and oauth and basic:
            return [
                "both OAuth (CAMUNDA_CLIENT_ID/CAMUNDA_CLIENT_SECRET) and Basic "
                "(CAMUNDA_BASIC_AUTH_USERNAME/CAMUNDA_BASIC_AUTH_PASSWORD) credentials are set: "
                "set CAMUNDA_AUTH_STRATEGY to OAUTH or BASIC, or remove one kind"
            ]
        if strategy is AuthStrategy.OAUTH or (strategy is None and oauth):
            return _missing(
                ("CAMUNDA_CLIENT_ID", self.client_id),
                ("CAMUNDA_CLIENT_SECRET", self.client_secret),
                "OAUTH",
            )
        if strategy is AuthStrategy.BASIC or (strategy is None and basic):
            return _missing(
                ("CAMUNDA_BASIC_AUTH_USERNAME", self.basic_auth_username),
                ("CAMUNDA_BASIC_AUTH_PASSWORD", self.basic_auth_password),
                "BASIC",
            )
        return []

    def _timeout_problems(self) -> list[str]:
        if self.http_timeout_ms > self.worker_request_timeout_ms:
            return []
        return [
            f"CAMUNDA_HTTP_TIMEOUT_MS ({self.http_timeout_ms}) must be greater than "
            f"CAMUNDA_WORKER_REQUEST_TIMEOUT_MS ({self.worker_request_timeout_ms}): job activation "
            "long-polls that long, so the HTTP read would time out first. Raise "
            "CAMUNDA_HTTP_TIMEOUT_MS or lower CAMUNDA_WORKER_REQUEST_TIMEOUT_MS"
        ]

    # --- derived values ----------------------------------------------------------------
    @property
    def strategy(self) -> AuthStrategy:
        """The effective auth strategy (explicit or inferred)."""
        assert self.auth_strategy is not None  # set by _consistent
        return self.auth_strategy

    @property
    def activation_tenant_ids(self) -> list[str]:
        """Tenants a worker activates jobs for, falling back to the default tenant."""
        if self.worker_tenant_ids:
            return list(self.worker_tenant_ids)
        return [self.tenant_id] if self.tenant_id else []


def _missing(first: tuple[str, object], second: tuple[str, object], strategy: str) -> list[str]:
    return [
        f"{name} is required when CAMUNDA_AUTH_STRATEGY is {strategy}"
        for name, value in (first, second)
        if not value
    ]


def env_name(field: str) -> str:
    """The environment variable of a settings field (``rest_address`` -> ``CAMUNDA_REST_ADDRESS``)."""
    return ENV_PREFIX + field.upper()


_SECRET_FIELDS = frozenset({"client_secret", "basic_auth_password"})


def load_settings(
    framework: Mapping[str, Any] | None = None, /, **overrides: Any
) -> CamundaSettings:
    """Build the settings: defaults < environment < ``framework`` < ``overrides``.

    ``framework`` uses the variable names without the prefix (``{"REST_ADDRESS": ...}``),
    as Django's ``CAMUNDA`` dict and Flask's ``app.config`` (prefix stripped) do;
    ``overrides`` uses field names (``rest_address=...``). Unknown keys are errors.
    """
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in (framework or {}).items():
        field = _field_for_key(key, problems, framework_key=True)
        if field:
            values[field] = value
    for key, value in overrides.items():
        field = _field_for_key(key, problems, framework_key=False)
        if field:
            values[field] = value
    if problems:
        raise ConfigurationError(problems)
    try:
        return CamundaSettings(**values)
    except ValidationError as exc:
        raise ConfigurationError(_describe_validation_error(exc, set(values))) from None


def _field_for_key(key: str, problems: list[str], *, framework_key: bool) -> str | None:
    field = key.lower()
    if framework_key and field.startswith(ENV_PREFIX.lower()):
        field = field[len(ENV_PREFIX) :]
    if field in CamundaSettings.model_fields:
        return field
    known = [name.upper() if framework_key else name for name in CamundaSettings.model_fields]
    guess = difflib.get_close_matches(key if framework_key else field, known, n=1)
    hint = f"; did you mean {guess[0]!r}?" if guess else ""
    problems.append(f"unknown setting {key!r}{hint}")
    return None


def _describe_validation_error(exc: ValidationError, given: set[str]) -> list[str]:
    """One line per problem, naming the variable; secret values are never echoed.

    ``given`` holds the fields set by framework settings or arguments; the others came from
    the environment, where the address may be under its alias ``ZEEBE_REST_ADDRESS``.
    """
    lines: list[str] = []
    for error in exc.errors(include_url=False):
        location = [str(part) for part in error.get("loc", ()) if part != "__root__"]
        message = error["msg"].removeprefix("Value error, ")
        if not location:
            lines.extend(part.strip() for part in message.split(" | "))
            continue
        field = location[0].lower()
        if field in ("camunda_rest_address", "zeebe_rest_address"):
            field = "rest_address"
        name = env_name(field) if not field.upper().startswith(ENV_PREFIX) else field.upper()
        if field == "rest_address" and field not in given and _address_from_zeebe_alias():
            name = "ZEEBE_REST_ADDRESS"
        shown = "" if field in _SECRET_FIELDS else _shown_input(error.get("input"))
        lines.append(f"{name}: {message}{shown}")
    return lines


def _address_from_zeebe_alias() -> bool:
    """The environment gives the address only as ``ZEEBE_REST_ADDRESS`` (any case)."""
    names = {name.upper() for name in os.environ}
    return "ZEEBE_REST_ADDRESS" in names and "CAMUNDA_REST_ADDRESS" not in names


def _shown_input(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    text = str(value)
    return f" (got {text[:80]!r})"
