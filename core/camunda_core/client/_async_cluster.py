"""Cluster, authentication and clock methods of the asynchronous client."""

from __future__ import annotations

from datetime import datetime

from camunda_core.client._async_core import AsyncClientCore
from camunda_core.client.operations import clock, cluster
from camunda_core.models.cluster import CamundaUser, Topology

__all__ = ["AsyncClusterOperations"]


class AsyncClusterOperations(AsyncClientCore):
    """Topology, status, the authenticated user, and the engine clock."""

    async def get_topology(self) -> Topology:
        """The cluster's brokers, partitions and gateway version."""
        return await self._send(cluster.get_topology())

    async def get_status(self) -> bool:
        """Whether the cluster is up (a partition has a healthy leader): a readiness probe."""
        return await self._send(cluster.get_status())

    async def get_authentication(self) -> CamundaUser:
        """The user (or client) the credentials authenticate as: a cheap credentials check."""
        return await self._send(cluster.get_authentication())

    async def pin_clock(self, timestamp: datetime | int) -> None:
        """Freeze the engine's clock at an aware datetime or epoch milliseconds (for tests)."""
        await self._send(clock.pin_clock(timestamp))

    async def reset_clock(self) -> None:
        """Let the engine's clock follow system time again after ``pin_clock``."""
        await self._send(clock.reset_clock())
