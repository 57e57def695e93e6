"""The synchronous client. GENERATED from ``_async_client.py`` by ``scripts/unasync.py``.

Do not edit: change ``_async_client.py`` and run ``python scripts/unasync.py``.
"""

from __future__ import annotations

from camunda_core.client._sync_cluster import ClusterOperations
from camunda_core.client._sync_decisions import DecisionOperations
from camunda_core.client._sync_deployments import DeploymentOperations
from camunda_core.client._sync_element_instances import ElementInstanceOperations
from camunda_core.client._sync_incidents import IncidentOperations
from camunda_core.client._sync_jobs import JobOperations
from camunda_core.client._sync_messages import MessageOperations
from camunda_core.client._sync_process_instances import ProcessInstanceOperations
from camunda_core.client._sync_user_tasks import UserTaskOperations
from camunda_core.client._sync_variables import VariableOperations

__all__ = ["CamundaClient"]


class CamundaClient(
    ClusterOperations,
    DeploymentOperations,
    ProcessInstanceOperations,
    ElementInstanceOperations,
    JobOperations,
    UserTaskOperations,
    IncidentOperations,
    VariableOperations,
    MessageOperations,
    DecisionOperations,
):
    """Synchronous client for the Camunda 8 Orchestration Cluster REST API v2.

    Settings come from ``CAMUNDA_*`` variables unless given::

        with CamundaClient() as camunda:
            topology = camunda.get_topology()

    ``transport`` plugs in any ``httpx.BaseTransport`` (the embedded dev engine runs
    in process this way); ``http_client`` replaces the whole ``httpx.Client``.
    """
