"""Which token to send, when to fetch one, and what a failure or a 401 means.

The decisions both flows of ``OAuthClientCredentials`` share, kept apart from the sending:
the token cache, the back-off gates (failed fetches; forced refreshes after a 401) and the
last failure, behind a lock held for a few lines and never across I/O or an ``await``. No
network I/O happens here; the disk cache is read and written through ``TokenCache``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx

from camunda_core.auth._backoff import BackoffGate, jittered_delay
from camunda_core.auth._token_endpoint import TokenFetchError
from camunda_core.auth.token_cache import AccessToken, TokenCache
from camunda_core.errors import AuthenticationError

__all__ = ["Fetch", "TokenKeeper"]

logger = logging.getLogger("camunda_core.auth")


@dataclass(frozen=True)
class Fetch:
    """A token must be fetched; ``fallback`` is the still-valid token to keep if that fails."""

    fallback: AccessToken | None


class TokenKeeper:
    """The token state of one ``OAuthClientCredentials``; safe to share between threads."""

    def __init__(
        self,
        token_url: str,
        cache: TokenCache,
        *,
        retry_attempts: int,
        retry_base_delay: float,
        clock: Callable[[], float],
    ) -> None:
        self._token_url = token_url
        self._cache = cache
        self._retry_attempts = retry_attempts
        self._retry_base_delay = retry_base_delay
        self._clock = clock
        self._state_lock = threading.Lock()
        self._endpoint_gate = BackoffGate(retry_base_delay)  # failed fetches
        self._rejection_gate = BackoffGate(retry_base_delay)  # forced refreshes after a 401
        self._last_failure: AuthenticationError | None = None

    # --- before a request -----------------------------------------------------------------------
    def decide(self) -> AccessToken | Fetch:
        """The token to send now, or that one must be fetched; raises during a back-off."""
        now = self._clock()
        with self._state_lock:
            token = self._cache.current
            if token is not None and not token.needs_refresh(now):
                return token
            valid = token if token is not None and token.is_valid(now) else None
            if self._endpoint_gate.is_open(now):
                return Fetch(valid)
            if valid is not None:
                return valid
            raise self._backing_off_error(now)

    def decide_holding_fetch_lock(self) -> AccessToken | Fetch:
        """Decide again: the caller before may have fetched, or another process (disk)."""
        stored = self._cache.read_disk(self._clock())
        with self._state_lock:
            self._cache.adopt(stored)
        return self.decide()

    def attempt_delays(self, fallback: AccessToken | None) -> Iterator[float]:
        """The pause before each attempt of one fetch: none first, then growing back-off.

        A refresh while the token is still valid makes one attempt; later callers try again
        once the back-off gate opens, so no caller waits out a long series of retries.
        """
        yield 0.0
        attempts = 1 if fallback is not None else self._retry_attempts
        for failures in range(1, attempts):
            yield jittered_delay(self._retry_base_delay, failures)

    def fetched(self, token: AccessToken) -> AccessToken:
        """Keep a new token; the endpoint works again, so its back-off starts over."""
        self._cache.put(token)
        with self._state_lock:
            self._endpoint_gate.reset()
            self._last_failure = None
        logger.info(
            "Fetched an OAuth token from %s, valid for %.0f s",
            self._token_url,
            token.expires_at - self._clock(),
        )
        return token

    def fetch_failed(
        self, failure: TokenFetchError, attempts: int, fallback: AccessToken | None
    ) -> AccessToken:
        """Close the back-off gate; keep ``fallback`` (with a warning) or raise."""
        error = failure.to_error(self._token_url, attempts)
        now = self._clock()
        with self._state_lock:
            wait = self._endpoint_gate.close_after_failure(now)
            self._last_failure = error
        if fallback is None:
            raise error
        logger.warning(
            "Could not refresh the OAuth token; the current one stays in use for %.1f s more, "
            "next attempt in %.2f s. %s",
            fallback.expires_at - now,
            wait,
            error,
        )
        return fallback

    def _backing_off_error(self, now: float) -> AuthenticationError:
        last = self._last_failure
        reason = str(last) if last is not None else f"No OAuth token from {self._token_url}"
        remaining = self._endpoint_gate.not_before - now
        return AuthenticationError(
            f"{reason} The token endpoint is not asked again for {remaining:.1f} s.",
            status=last.status if last is not None else None,
        )

    # --- 401 from the API ---------------------------------------------------------------------
    def retry_after(self, token: AccessToken, response: httpx.Response) -> bool:
        """Whether to send the request again after ``response`` (a 401 refusing ``token``).

        The first caller to see the 401 discards the token, so the retry fetches a new one;
        callers that used the same token follow with the replacement. A forced refresh
        within the back-off of the previous one did not help, so the 401 is final.
        """
        if response.status_code != 401:
            self.accepted()
            return False
        now = self._clock()
        with self._state_lock:
            current = self._cache.current
            if current is None or current.value != token.value:
                return True  # already discarded or replaced by another caller
            if not self._rejection_gate.is_open(now):
                logger.debug(
                    "%s %s answered 401 again soon after the OAuth token was renewed; "
                    "not renewing it again yet",
                    response.request.method,
                    response.request.url.path,
                )
                return False
            self._rejection_gate.close_after_failure(now)
            self._cache.discard(token)
        logger.info(
            "%s %s answered 401; fetching a new OAuth token and sending the request once more",
            response.request.method,
            response.request.url.path,
        )
        return True

    def after_retry(self, response: httpx.Response) -> None:
        """The answer to the retry; a second 401 goes to the caller, with a hint in the log."""
        if response.status_code != 401:
            self.accepted()
            return
        logger.warning(
            "%s %s answered 401 with a new OAuth token too: check the client's permissions "
            "and CAMUNDA_TOKEN_AUDIENCE / CAMUNDA_TOKEN_SCOPE",
            response.request.method,
            response.request.url.path,
        )

    def accepted(self) -> None:
        """The API took a token: the next 401 may renew it again at once."""
        if self._rejection_gate.failures:
            with self._state_lock:
                self._rejection_gate.reset()
