"""The asynchronous client. ``_sync_client.py`` is generated from this file.

The class only combines the per-domain method groups (``_async_jobs.py``, ...); sending,
retries and pagination live in ``_async_core.py``. Edit the ``_async_*.py`` files, then run
``python scripts/unasync.py`` to regenerate the sync side.
"""

from __future__ import annotations

from camunda_core.client._async_cluster import AsyncClusterOperations
from camunda_core.client._async_decisions import AsyncDecisionOperations
from camunda_core.client._async_deployments import AsyncDeploymentOperations
from camunda_core.client._async_element_instances import AsyncElementInstanceOperations
from camunda_core.client._async_incidents import AsyncIncidentOperations
from camunda_core.client._async_jobs import AsyncJobOperations
from camunda_core.client._async_messages import AsyncMessageOperations
from camunda_core.client._async_process_instances import AsyncProcessInstanceOperations
from camunda_core.client._async_user_tasks import AsyncUserTaskOperations
from camunda_core.client._async_variables import AsyncVariableOperations

__all__ = ["AsyncCamundaClient"]


class AsyncCamundaClient(
    AsyncClusterOperations,
    AsyncDeploymentOperations,
    AsyncProcessInstanceOperations,
    AsyncElementInstanceOperations,
    AsyncJobOperations,
    AsyncUserTaskOperations,
    AsyncIncidentOperations,
    AsyncVariableOperations,
    AsyncMessageOperations,
    AsyncDecisionOperations,
):
    """Asynchronous client for the Camunda 8 Orchestration Cluster REST API v2.

    Settings come from ``CAMUNDA_*`` variables unless given::

        async with AsyncCamundaClient() as camunda:
            topology = await camunda.get_topology()

    ``transport`` plugs in any ``httpx.AsyncBaseTransport`` (the embedded dev engine runs
    in process this way); ``http_client`` replaces the whole ``httpx.AsyncClient``.
    """
