"""Bounded retries with exponential back-off and full jitter.

Only backpressure (503 RESOURCE_EXHAUSTED, 429) and transport failures are retried; every
other answer is final. A transport failure after the request may have reached Camunda is
retried only for calls that are safe to send twice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from camunda_core.client._call import Call
from camunda_core.errors import BackpressureError, CamundaError, CamundaTransportError
from camunda_core.settings import CamundaSettings

__all__ = ["NO_RETRY", "RetryPolicy"]


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a call is retried.

    ``max_attempts`` counts the first attempt: 1 means no retry. Delays are in seconds.
    """

    max_attempts: int = 4
    base_delay: float = 0.2
    max_delay: float = 5.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("RetryPolicy.max_attempts must be at least 1 (1 means no retry)")
        if self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("RetryPolicy delays must not be negative")

    @classmethod
    def from_settings(cls, settings: CamundaSettings) -> RetryPolicy:
        """The policy described by the ``CAMUNDA_SDK_HTTP_RETRY_*`` settings."""
        return cls(
            max_attempts=settings.sdk_http_retry_max_attempts,
            base_delay=settings.sdk_http_retry_base_delay_ms / 1000,
            max_delay=settings.sdk_http_retry_max_delay_ms / 1000,
        )

    def backoff(self, attempt: int) -> float:
        """Full-jitter delay before attempt ``attempt + 1`` (attempt counts from 1)."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return random.uniform(0, ceiling)

    def delay_after(self, error: CamundaError, attempt: int, call: Call[object]) -> float | None:
        """Seconds to wait before retrying ``call`` after ``error``, or ``None`` to give up."""
        if attempt >= self.max_attempts or not is_retryable(error, call):
            return None
        delay = self.backoff(attempt)
        if isinstance(error, BackpressureError) and error.retry_after is not None:
            delay = max(delay, min(error.retry_after, self.max_delay))
        return delay


NO_RETRY = RetryPolicy(max_attempts=1)


def is_retryable(error: CamundaError, call: Call[object]) -> bool:
    """Backpressure always; transport errors when the call could not have had an effect."""
    if isinstance(error, BackpressureError):
        return True
    if isinstance(error, CamundaTransportError):
        return call.resend_safe or not error.request_sent
    return False
