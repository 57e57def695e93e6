"""What both clients share and that does no I/O: settings, HTTP options, building the
``httpx.Request`` for a ``Call``, reading the answer, retry and wait decisions.

The sync and async clients add only the sending (``httpx.Client`` / ``httpx.AsyncClient``)
and sleeping.
"""

from __future__ import annotations

import copy
import logging
import ssl
import time
from typing import Any, TypeVar

import httpx

from camunda_core._version import __version__
from camunda_core.auth import auth_from_settings
from camunda_core.client._call import Call
from camunda_core.client._retry import RetryPolicy
from camunda_core.errors import (
    CamundaError,
    ConsistencyTimeoutError,
    api_error_from_response,
)
from camunda_core.settings import CamundaSettings, load_settings

__all__ = ["BaseClient", "ConsistencyWait"]

logger = logging.getLogger("camunda_core.client")

T = TypeVar("T")
C = TypeVar("C", bound="BaseClient")

USER_AGENT = f"camunda-integration/{__version__} (python; httpx)"
CONNECT_TIMEOUT = 10.0


class BaseClient:
    """Settings, auth, retry policy and the pure half of sending a call."""

    def __init__(
        self,
        settings: CamundaSettings | None = None,
        *,
        auth: httpx.Auth | None = None,
        retry: RetryPolicy | None = None,
        **overrides: Any,
    ) -> None:
        if settings is not None and overrides:
            settings = load_settings(settings.model_dump(exclude_unset=True), **overrides)
        self.settings = settings if settings is not None else load_settings(**overrides)
        self._retry = retry if retry is not None else RetryPolicy.from_settings(self.settings)
        self._verify = self._ssl_context()
        self._auth = (
            auth if auth is not None else auth_from_settings(self.settings, verify=self._verify)
        )
        self._timeout: float | None = None
        self._owns_http = True

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.settings.rest_address} auth={self.settings.strategy.value}>"

    @property
    def retry_policy(self) -> RetryPolicy:
        """The retry policy used for calls of this client."""
        return self._retry

    def with_options(
        self: C, *, retry: RetryPolicy | None = None, timeout: float | None = None
    ) -> C:
        """A view of this client with another retry policy or timeout (seconds).

        The view shares the connection pool; closing it does nothing, close the original.
        """
        clone = copy.copy(self)
        clone._owns_http = False
        if retry is not None:
            clone._retry = retry
        if timeout is not None:
            clone._timeout = timeout
        return clone

    def _http_options(self) -> dict[str, Any]:
        settings = self.settings
        return {
            "base_url": settings.rest_address,
            "timeout": httpx.Timeout(settings.http_timeout_ms / 1000, connect=CONNECT_TIMEOUT),
            "headers": {"User-Agent": USER_AGENT},
            "auth": self._auth,
            "verify": self._verify,
            "follow_redirects": False,
        }

    def _ssl_context(self) -> ssl.SSLContext | bool:
        path = self.settings.ca_certificate_path
        return ssl.create_default_context(cafile=str(path)) if path else True

    def _request_for(
        self, http: httpx.Client | httpx.AsyncClient, call: Call[Any]
    ) -> httpx.Request:
        timeout = call.timeout if call.timeout is not None else self._timeout
        return http.build_request(
            call.method,
            call.path,
            json=call.json,
            params=call.params,
            files=call.files,
            data=call.data,
            headers=call.headers or None,
            timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT)
            if timeout is not None
            else httpx.USE_CLIENT_DEFAULT,
            extensions={"camunda_operation": call.operation},
        )

    @staticmethod
    def _answer(call: Call[T], response: httpx.Response) -> T:
        if response.is_success or response.status_code in call.accept_statuses:
            return call.parse(response)
        raise api_error_from_response(call.operation, response)

    def _retry_delay(self, call: Call[Any], error: CamundaError, attempt: int) -> float | None:
        delay = self._retry.delay_after(error, attempt, call)
        if delay is not None:
            logger.info(
                "Retrying %s in %.2fs after %s (attempt %d of %d)",
                call.operation,
                delay,
                type(error).__name__,
                attempt + 1,
                self._retry.max_attempts,
            )
        return delay


class ConsistencyWait:
    """Deadline bookkeeping for ``wait_until``: when to poll again, when to give up."""

    def __init__(self, timeout: float, interval: float, what: str) -> None:
        if timeout < 0 or interval <= 0:
            raise ValueError("wait_until needs timeout >= 0 and interval > 0")
        self._deadline = time.monotonic() + timeout
        self._timeout = timeout
        self._interval = interval
        self._what = what
        self._last: Any = None
        self._reason = "no answer yet"

    def not_found(self, error: CamundaError) -> None:
        """The entity is not visible yet."""
        self._reason = f"still not found ({error})"

    def unmet(self, result: Any) -> None:
        """The entity is visible, but the predicate is not met yet."""
        self._last = result
        self._reason = "the condition was not met"

    def next_delay(self) -> float:
        """Seconds to sleep before the next poll; raises once the deadline has passed."""
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise ConsistencyTimeoutError(
                f"{self._what}: gave up after {self._timeout:g}s: {self._reason}",
                last_result=self._last,
            )
        return min(self._interval, remaining)
