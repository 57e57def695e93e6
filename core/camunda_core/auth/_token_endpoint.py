"""The OAuth 2.0 client-credentials exchange without the I/O: the form, reading the answer.

The sync and async flows of ``OAuthClientCredentials`` only send what is built here, so
both read answers and classify failures the same way. Failures say what to check (which
``CAMUNDA_*`` variable) and name the token URL and the status, never the secret or a token:
only the short OAuth ``error`` code of an error answer is quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import httpx
from pydantic import SecretStr

from camunda_core.auth.token_cache import AccessToken, cache_key
from camunda_core.errors import AuthenticationError

__all__ = ["DEFAULT_LIFETIME", "TokenEndpoint", "TokenFetchError"]

#: Lifetime assumed when an answer has no ``expires_in`` (RFC 6749 makes it optional).
DEFAULT_LIFETIME = 300.0
_RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_REFUSED_STATUSES = frozenset({400, 401, 403})
_ERROR_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_TOKEN_CHARACTERS = re.compile(r"^[\x21-\x7e]+$")  # what may follow "Bearer " in a header

_CHECK_CREDENTIALS = (
    "Check CAMUNDA_CLIENT_ID and CAMUNDA_CLIENT_SECRET (and CAMUNDA_TOKEN_AUDIENCE / "
    "CAMUNDA_TOKEN_SCOPE if the identity provider needs them), and that CAMUNDA_OAUTH_URL is "
    "the token endpoint of the right identity provider."
)
_CHECK_URL = "Check that CAMUNDA_OAUTH_URL is the OAuth token endpoint (e.g. .../oauth/token)."
_CHECK_REACHABLE = (
    "Check CAMUNDA_OAUTH_URL, that the identity provider is up and reachable from here, and "
    "CAMUNDA_CA_CERTIFICATE_PATH if it uses a private certificate authority."
)


class TokenFetchError(Exception):
    """One failed token request: why, whether trying again may help, and what to check."""

    def __init__(self, reason: str, *, retryable: bool, advice: str, status: int | None = None):
        self.reason = reason
        self.retryable = retryable
        self.advice = advice
        self.status = status
        super().__init__(reason)

    def to_error(self, url: str, attempts: int) -> AuthenticationError:
        """The user-facing error after ``attempts`` requests to ``url`` failed."""
        tries = f" ({attempts} attempts)" if attempts > 1 else ""
        return AuthenticationError(
            f"No OAuth token from {url}: {self.reason}{tries}. {self.advice}", status=self.status
        )


@dataclass(frozen=True)
class TokenEndpoint:
    """Where and with which client credentials to ask for a token."""

    url: str
    client_id: str
    client_secret: SecretStr = field(repr=False)
    audience: str | None = None
    scope: str | None = None

    @property
    def cache_key(self) -> str:
        """What identifies a token of this endpoint, as a file-name-safe digest."""
        return cache_key(self.url, self.client_id, self.audience, self.scope)

    def form(self) -> dict[str, str]:
        """The form of the request (``client_secret_post``: the credentials in the body)."""
        form = {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret.get_secret_value(),
        }
        if self.audience:
            form["audience"] = self.audience
        if self.scope:
            form["scope"] = self.scope
        return form

    def token_from(self, response: httpx.Response, requested_at: float) -> AccessToken:
        """The token of a success answer; ``TokenFetchError`` for anything else."""
        if response.status_code != 200:
            raise _status_failure(response)
        body = _json_object(response)
        value = body.get("access_token")
        if not isinstance(value, str) or not _TOKEN_CHARACTERS.match(value):
            raise _malformed("it has no usable access_token")
        token_type = body.get("token_type", "Bearer")
        if not isinstance(token_type, str) or token_type.lower() != "bearer":
            raise _malformed("its token_type is not Bearer")
        return AccessToken.issued(value, _lifetime(body.get("expires_in")), requested_at)

    @staticmethod
    def transport_failure(exc: httpx.TransportError) -> TokenFetchError:
        """A request that got no answer (refused, reset, timed out, TLS): worth retrying."""
        detail = str(exc)
        reason = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
        return TokenFetchError(f"no answer ({reason})", retryable=True, advice=_CHECK_REACHABLE)


def _status_failure(response: httpx.Response) -> TokenFetchError:
    status = response.status_code
    code = _error_code(response)
    answered = f"answered {status}{f' ({code})' if code else ''}"
    if status in _RETRYABLE_STATUSES:
        return TokenFetchError(answered, retryable=True, advice=_CHECK_REACHABLE, status=status)
    if status in _REFUSED_STATUSES:
        return TokenFetchError(
            f"the client credentials were refused: {answered}",
            retryable=False,
            advice=_CHECK_CREDENTIALS,
            status=status,
        )
    return TokenFetchError(answered, retryable=status >= 500, advice=_CHECK_URL, status=status)


def _error_code(response: httpx.Response) -> str | None:
    """The OAuth ``error`` code of an error answer, only when it looks like one."""
    try:
        body = response.json()
    except ValueError:
        return None
    code = body.get("error") if isinstance(body, dict) else None
    return code if isinstance(code, str) and _ERROR_CODE.match(code) else None


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        raise _malformed("it is not JSON") from None
    if not isinstance(body, dict):
        raise _malformed("it is not a JSON object")
    return body


def _lifetime(expires_in: Any) -> float:
    if expires_in is None:
        return DEFAULT_LIFETIME
    if isinstance(expires_in, str):
        try:
            expires_in = float(expires_in)
        except ValueError:
            raise _malformed("its expires_in is not a number") from None
    if isinstance(expires_in, bool) or not isinstance(expires_in, (int, float)):
        raise _malformed("its expires_in is not a number")
    if not 0 < expires_in < float("inf"):
        raise _malformed("its expires_in is not a positive number of seconds")
    return float(expires_in)


def _malformed(problem: str) -> TokenFetchError:
    return TokenFetchError(
        f"the answer is not a token answer: {problem}",
        retryable=False,
        advice=_CHECK_URL,
        status=200,
    )
