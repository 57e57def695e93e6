"""Who may call the dev engine: no auth, HTTP Basic, or bearer tokens from its own token endpoint.

A real cluster sits behind an identity provider; the dev engine brings a small one so the
client's OAuth path (token fetch, caching, refresh, one retry on 401) runs against something
real: ``POST /oauth/token`` takes the client-credentials form of RFC 6749 and issues opaque
bearer tokens with a configurable lifetime. Refusals are 401 problem details with a
``WWW-Authenticate`` header, as the spec says.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from pydantic import SecretStr

from camunda_core.devengine.http.messages import Request, Response, json_response, problem

__all__ = ["AUTH_MODES", "TOKEN_PATH", "AuthConfig", "Authenticator"]

AUTH_MODES = ("none", "basic", "oauth")
TOKEN_PATH = "/oauth/token"  # noqa: S105 - a path, not a secret
REALM = "camunda-devengine"


@dataclass(frozen=True)
class AuthConfig:
    """How the engine authenticates. ``clients`` maps OAuth client ids to their secrets;
    ``audience``, when set, must be what a token request names."""

    mode: str = "none"
    username: str = "demo"
    password: SecretStr = field(default_factory=lambda: SecretStr("demo"))
    clients: Mapping[str, SecretStr] = field(
        default_factory=lambda: {"devengine": SecretStr("devengine-secret")}
    )
    audience: str | None = None
    token_lifetime: float = 3600.0

    def __post_init__(self) -> None:
        if self.mode not in AUTH_MODES:
            raise ValueError(f"unknown auth mode {self.mode!r}; one of {', '.join(AUTH_MODES)}")
        if self.token_lifetime <= 0:
            raise ValueError("token_lifetime must be positive (seconds)")


class Authenticator:
    """Checks requests and runs the token endpoint for one application."""

    def __init__(self, config: AuthConfig, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self._clock = clock
        self._tokens: dict[str, tuple[str, float]] = {}  # token -> (client id, expiry)
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """Whether requests need credentials."""
        return self.config.mode != "none"

    def check(self, request: Request) -> Response | None:
        """None when the request may proceed (``request.principal`` is then set: the user or
        OAuth client it acts as), else the 401 to answer."""
        header = request.headers.get("authorization", "")
        if self.config.mode == "basic":
            request.principal = self._basic_user(header)
            if request.principal is not None:
                return None
            return self._refuse(request, f'Basic realm="{REALM}"', "valid Basic credentials")
        request.principal = self._token_owner(header)
        if request.principal is not None:
            return None
        challenge = f'Bearer realm="{REALM}"'
        if header.lower().startswith("bearer "):
            challenge += ', error="invalid_token"'
        return self._refuse(request, challenge, "a valid bearer token from /oauth/token")

    def issue_token(self, request: Request) -> Response:
        """``POST /oauth/token``: the client-credentials grant, answered as RFC 6749 says."""
        form = {k: v[0] for k, v in parse_qs(request.body.decode("utf-8", "replace")).items()}
        if form.get("grant_type") != "client_credentials":
            return json_response({"error": "unsupported_grant_type"}, 400)
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        if not client_id:
            client_id, secret = _basic_pair(request.headers.get("authorization", ""))
        expected = self.config.clients.get(client_id)
        if expected is None or not _same(secret, expected.get_secret_value()):
            return json_response({"error": "invalid_client"}, 401)
        if self.config.audience is not None and form.get("audience") != self.config.audience:
            return json_response({"error": "invalid_target"}, 400)
        token = secrets.token_urlsafe(32)
        now = self._clock()
        with self._lock:
            self._tokens = {t: v for t, v in self._tokens.items() if v[1] > now}
            self._tokens[token] = (client_id, now + self.config.token_lifetime)
        lifetime = self.config.token_lifetime
        return json_response(
            {
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": int(lifetime) if lifetime == int(lifetime) else lifetime,
            }
        )

    def revoke_all(self) -> None:
        """Forget every token issued so far (the next call with one gets 401)."""
        with self._lock:
            self._tokens.clear()

    def _basic_user(self, header: str) -> str | None:
        user, password = _basic_pair(header)
        config = self.config
        ok_user = _same(user, config.username)
        ok_password = _same(password, config.password.get_secret_value())
        return user if ok_user and ok_password else None

    def _token_owner(self, header: str) -> str | None:
        if header[:7].lower() != "bearer ":
            return None
        with self._lock:
            found = self._tokens.get(header[7:].strip())
        if found is None or found[1] <= self._clock():
            return None
        return found[0]

    @staticmethod
    def _refuse(request: Request, challenge: str, needed: str) -> Response:
        return problem(
            401,
            "Unauthorized",
            f"The request needs {needed}.",
            request.path,
            headers=[("www-authenticate", challenge)],
        )


def _basic_pair(header: str) -> tuple[str, str]:
    if header[:6].lower() != "basic ":
        return "", ""
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return "", ""
    user, _, password = decoded.partition(":")
    return user, password


def _same(given: str, expected: str) -> bool:
    """Compare secrets in constant time."""
    return hmac.compare_digest(given.encode(), expected.encode())
