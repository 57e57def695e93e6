"""Authentication as ``httpx.Auth`` implementations, chosen from the settings.

- ``NONE``: no header.
- ``BASIC``: ``httpx.BasicAuth`` with the configured username and password.
- ``OAUTH``: :class:`~camunda_core.auth.oauth.OAuthClientCredentials`, a client-credentials
  token fetched, cached (memory, optionally disk) and refreshed ahead of expiry.
"""

from __future__ import annotations

import ssl

import httpx

from camunda_core.auth.oauth import OAuthClientCredentials
from camunda_core.settings import AuthStrategy, CamundaSettings

__all__ = ["OAuthClientCredentials", "auth_from_settings"]


def auth_from_settings(
    settings: CamundaSettings, *, verify: ssl.SSLContext | bool | None = None
) -> httpx.Auth | None:
    """The ``httpx.Auth`` for the configured strategy (``None`` for no authentication).

    ``verify`` is the TLS context the client uses, shared with the token endpoint's client.
    """
    strategy = settings.strategy
    if strategy is AuthStrategy.BASIC:
        assert settings.basic_auth_username is not None
        assert settings.basic_auth_password is not None
        return httpx.BasicAuth(
            settings.basic_auth_username, settings.basic_auth_password.get_secret_value()
        )
    if strategy is AuthStrategy.OAUTH:
        return OAuthClientCredentials.from_settings(settings, verify=verify)
    return None
