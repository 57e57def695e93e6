"""The REST v2 clients: ``CamundaClient`` (sync) and ``AsyncCamundaClient`` (async)."""

from camunda_core.client._async_client import AsyncCamundaClient
from camunda_core.client._retry import NO_RETRY, RetryPolicy
from camunda_core.client._sync_client import CamundaClient

__all__ = ["NO_RETRY", "AsyncCamundaClient", "CamundaClient", "RetryPolicy"]
