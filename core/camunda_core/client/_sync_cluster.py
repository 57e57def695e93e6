"""Cluster, authentication and clock methods of the synchronous client. GENERATED from ``_async_cluster.py`` by ``scripts/unasync.py``.

Do not edit: change ``_async_cluster.py`` and run ``python scripts/unasync.py``.
"""

from __future__ import annotations

from datetime import datetime

from camunda_core.client._sync_core import ClientCore
from camunda_core.client.operations import clock, cluster
from camunda_core.models.cluster import CamundaUser, Topology

__all__ = ["ClusterOperations"]


class ClusterOperations(ClientCore):
    """Topology, status, the authenticated user, and the engine clock."""

    def get_topology(self) -> Topology:
        """The cluster's brokers, partitions and gateway version."""
        return self._send(cluster.get_topology())

    def get_status(self) -> bool:
        """Whether the cluster is up (a partition has a healthy leader): a readiness probe."""
        return self._send(cluster.get_status())

    def get_authentication(self) -> CamundaUser:
        """The user (or client) the credentials authenticate as: a cheap credentials check."""
        return self._send(cluster.get_authentication())

    def pin_clock(self, timestamp: datetime | int) -> None:
        """Freeze the engine's clock at an aware datetime or epoch milliseconds (for tests)."""
        self._send(clock.pin_clock(timestamp))

    def reset_clock(self) -> None:
        """Let the engine's clock follow system time again after ``pin_clock``."""
        self._send(clock.reset_clock())
