"""OAuth 2.0 client credentials as an ``httpx.Auth``: one token, shared, refreshed in time.

Every request of a client (and of every thread and task using it) carries the same bearer
token. The token is fetched once and cached (memory, optionally disk); it is refreshed a little
before it expires, so short-lived tokens never reach the API expired.

Concurrency: one fetch at a time per auth object. The fetch lock is a ``threading.Lock``:
threads block on it; asyncio tasks take it without blocking their event loop (trying it,
then sleeping briefly between tries), because an asyncio lock belongs to one event loop and
an auth object outlives loops and is shared with threads. Whoever gets the lock second finds
the token the first one fetched and uses it. While a still-valid token is being refreshed,
other callers do not wait at all: they keep using it.

Failures: the token endpoint is retried with exponential back-off and jitter when it fails
(5xx, 429, no answer) up to ``retry_attempts`` times; refused credentials (400/401/403) are not
retried. After a failed fetch a back-off gate keeps every caller from fetching again for a
while, so the endpoint is never hammered. A refresh that fails while the token is still valid
only logs a warning: the token keeps working and the refresh is tried again after the
back-off. On a 401 from the API the token is discarded and fetched again once, and the
request sent once more; if a forced refresh just happened and did not help, the 401 goes
back to the caller (``UnauthorizedError``) without another fetch.
"""

from __future__ import annotations

import functools
import logging
import os
import ssl
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator
from pathlib import Path
from typing import Any, TypeAlias

import anyio
import httpx
from pydantic import SecretStr

from camunda_core.auth._token_endpoint import TokenEndpoint, TokenFetchError
from camunda_core.auth._token_keeper import TokenKeeper
from camunda_core.auth.token_cache import AccessToken, TokenCache
from camunda_core.errors import ConfigurationError
from camunda_core.settings import CamundaSettings

__all__ = ["OAuthClientCredentials"]

logger = logging.getLogger("camunda_core.auth")

#: Longest pause of a task waiting for another thread's or task's fetch to finish.
_LOCK_POLL_MAX = 0.05

Verify: TypeAlias = ssl.SSLContext | bool | str | os.PathLike[str]


class OAuthClientCredentials(httpx.Auth):
    """Bearer tokens from an OAuth 2.0 token endpoint (client-credentials grant).

    Pass it to ``httpx.Client(auth=...)`` / ``httpx.AsyncClient(auth=...)``; the Camunda
    clients do so when ``CAMUNDA_AUTH_STRATEGY`` is ``OAUTH``. One instance serves any number
    of threads and tasks. Times are seconds. ``verify`` is ``True``, ``False``, an
    ``ssl.SSLContext`` or the path of a CA bundle (PEM). ``clock`` (``time.time`` by default)
    is what token expiry is measured with; the disk cache stores times of that clock.
    """

    def __init__(
        self,
        token_url: str,
        client_id: str,
        client_secret: SecretStr | str,
        *,
        audience: str | None = None,
        scope: str | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        timeout: float = 5.0,
        retry_attempts: int = 5,
        retry_base_delay: float = 1.0,
        verify: Verify = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        _check_options(token_url, client_id, timeout, retry_attempts, retry_base_delay)
        secret = client_secret if isinstance(client_secret, SecretStr) else SecretStr(client_secret)
        self._endpoint = TokenEndpoint(token_url, client_id, secret, audience, scope)
        cache_path = Path(cache_dir) if cache_dir is not None else None
        self._cache = TokenCache(cache_path, self._endpoint.cache_key)
        self._timeout = timeout
        self._verify = verify
        self._clock = clock
        self._keeper = TokenKeeper(
            token_url,
            self._cache,
            retry_attempts=retry_attempts,
            retry_base_delay=retry_base_delay,
            clock=clock,
        )
        self._fetch_lock = threading.Lock()  # held for a whole fetch, by one thread or task

    @classmethod
    def from_settings(
        cls,
        settings: CamundaSettings,
        *,
        verify: Verify | None = None,
        clock: Callable[[], float] = time.time,
    ) -> OAuthClientCredentials:
        """The auth described by the ``CAMUNDA_CLIENT_*``, ``CAMUNDA_OAUTH_*`` and token settings.

        ``verify`` defaults to ``CAMUNDA_CA_CERTIFICATE_PATH``; the clients pass the TLS
        context they already built, so it is built once.
        """
        if not settings.client_id or settings.client_secret is None:
            raise ConfigurationError(
                "CAMUNDA_CLIENT_ID and CAMUNDA_CLIENT_SECRET are required for OAuth"
            )
        return cls(
            settings.oauth_url,
            settings.client_id,
            settings.client_secret,
            audience=settings.token_audience,
            scope=settings.token_scope,
            cache_dir=settings.token_cache_dir,
            timeout=settings.oauth_timeout_ms / 1000,
            retry_attempts=settings.oauth_retry_max,
            retry_base_delay=settings.oauth_retry_base_delay_ms / 1000,
            verify=verify if verify is not None else (settings.ca_certificate_path or True),
            clock=clock,
        )

    def __repr__(self) -> str:
        endpoint = self._endpoint
        cache = self._cache.file.directory if self._cache.file is not None else "memory"
        return (
            f"<{type(self).__name__} token_url={endpoint.url!r} client_id={endpoint.client_id!r} "
            f"audience={endpoint.audience!r} scope={endpoint.scope!r} cache={str(cache)!r}>"
        )

    # --- the httpx flows ----------------------------------------------------------------------
    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        """Send with the current token; on a 401, once more with a new one."""
        request.read()  # the body must be replayable for the retry
        token = self._sync_token()
        response = yield _with_token(request, token)
        if self._keeper.retry_after(token, response):
            response = yield _with_token(request, self._sync_token())
            self._keeper.after_retry(response)

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Send with the current token; on a 401, once more with a new one."""
        await request.aread()  # the body must be replayable for the retry
        token = await self._async_token()
        response = yield _with_token(request, token)
        if self._keeper.retry_after(token, response):
            response = yield _with_token(request, await self._async_token())
            self._keeper.after_retry(response)

    # --- getting a token: sync ------------------------------------------------------------------
    def _sync_token(self) -> AccessToken:
        need = self._keeper.decide()
        if isinstance(need, AccessToken):
            return need
        if not self._fetch_lock.acquire(blocking=need.fallback is None):
            assert need.fallback is not None
            return need.fallback  # someone is refreshing; the current token is still valid
        try:
            need = self._keeper.decide_holding_fetch_lock()
            if isinstance(need, AccessToken):
                return need
            return self._sync_fetch(need.fallback)
        finally:
            self._fetch_lock.release()

    def _sync_fetch(self, fallback: AccessToken | None) -> AccessToken:
        failure: TokenFetchError | None = None
        attempts = 0
        for delay in self._keeper.attempt_delays(fallback):
            if delay:
                time.sleep(delay)
            attempts += 1
            try:
                return self._keeper.fetched(self._sync_request_token())
            except TokenFetchError as exc:
                failure = exc
                if not exc.retryable:
                    break
        assert failure is not None
        return self._keeper.fetch_failed(failure, attempts, fallback)

    def _sync_request_token(self) -> AccessToken:
        requested_at = self._clock()
        with httpx.Client(**self._http_options()) as http:
            try:
                response = http.post(self._endpoint.url, data=self._endpoint.form())
            except httpx.TransportError as exc:
                raise self._endpoint.transport_failure(exc) from exc
        return self._endpoint.token_from(response, requested_at)

    # --- getting a token: async -----------------------------------------------------------------
    async def _async_token(self) -> AccessToken:
        need = self._keeper.decide()
        if isinstance(need, AccessToken):
            return need
        if not await self._async_acquire_fetch_lock(wait=need.fallback is None):
            assert need.fallback is not None
            return need.fallback  # someone is refreshing; the current token is still valid
        try:
            need = self._keeper.decide_holding_fetch_lock()
            if isinstance(need, AccessToken):
                return need
            return await self._async_fetch(need.fallback)
        finally:
            self._fetch_lock.release()

    async def _async_acquire_fetch_lock(self, *, wait: bool) -> bool:
        """Take the fetch lock without blocking the event loop; ``False`` if busy and not ``wait``.

        The wait lasts as long as the fetch in progress, itself bounded by the timeout and
        the retry attempts.
        """
        pause = 0.001
        while not self._fetch_lock.acquire(blocking=False):
            if not wait:
                return False
            await anyio.sleep(pause)
            pause = min(pause * 2, _LOCK_POLL_MAX)
        return True

    async def _async_fetch(self, fallback: AccessToken | None) -> AccessToken:
        failure: TokenFetchError | None = None
        attempts = 0
        for delay in self._keeper.attempt_delays(fallback):
            if delay:
                await anyio.sleep(delay)
            attempts += 1
            try:
                return self._keeper.fetched(await self._async_request_token())
            except TokenFetchError as exc:
                failure = exc
                if not exc.retryable:
                    break
        assert failure is not None
        return self._keeper.fetch_failed(failure, attempts, fallback)

    async def _async_request_token(self) -> AccessToken:
        requested_at = self._clock()
        async with httpx.AsyncClient(**self._http_options()) as http:
            try:
                response = await http.post(self._endpoint.url, data=self._endpoint.form())
            except httpx.TransportError as exc:
                raise self._endpoint.transport_failure(exc) from exc
        return self._endpoint.token_from(response, requested_at)

    # --- the client of one fetch -----------------------------------------------------------------
    def _http_options(self) -> dict[str, Any]:
        """Options of the short-lived client of one fetch.

        A client per fetch, closed after it: fetches are rare, and a pooled ``AsyncClient``
        would be tied to the event loop that created it.
        """
        return {
            "timeout": self._timeout,
            "verify": self._ssl_context,
            "follow_redirects": False,
            "headers": {"Accept": "application/json"},
        }

    @functools.cached_property
    def _ssl_context(self) -> ssl.SSLContext:
        """Built on the first fetch and kept: loading CA certificates takes milliseconds."""
        verify = self._verify
        if isinstance(verify, ssl.SSLContext):
            return verify
        if isinstance(verify, bool):
            return httpx.create_ssl_context(verify=verify)
        return ssl.create_default_context(cafile=os.fspath(verify))


def _with_token(request: httpx.Request, token: AccessToken) -> httpx.Request:
    request.headers["Authorization"] = f"Bearer {token.value}"
    return request


def _check_options(
    token_url: str, client_id: str, timeout: float, retry_attempts: int, retry_base_delay: float
) -> None:
    problems = []
    if not token_url.startswith(("http://", "https://")):
        problems.append("CAMUNDA_OAUTH_URL: expected an http:// or https:// URL")
    if not client_id:
        problems.append("CAMUNDA_CLIENT_ID: must not be empty")
    if timeout <= 0:
        problems.append("CAMUNDA_OAUTH_TIMEOUT_MS: must be greater than 0")
    if retry_attempts < 1:
        problems.append("CAMUNDA_OAUTH_RETRY_MAX: must be at least 1")
    if retry_base_delay < 0:
        problems.append("CAMUNDA_OAUTH_RETRY_BASE_DELAY_MS: must not be negative")
    if problems:
        raise ConfigurationError(problems)
