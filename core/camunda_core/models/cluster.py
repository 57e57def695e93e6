"""Cluster shapes: ``GET /topology`` and ``GET /authentication/me``."""

from __future__ import annotations

from pydantic import Field

from camunda_core.models._base import CamundaModel
from camunda_core.models._enum import OpenEnum

__all__ = [
    "BrokerInfo",
    "CamundaUser",
    "Partition",
    "PartitionHealth",
    "PartitionRole",
    "Topology",
    "UserTenant",
]


class PartitionRole(OpenEnum):
    """A broker's role for one partition (lower case on the wire)."""

    LEADER = "leader"
    FOLLOWER = "follower"
    INACTIVE = "inactive"


class PartitionHealth(OpenEnum):
    """A partition's health as a broker sees it (lower case on the wire)."""

    HEALTHY = "healthy"
    UNHEALTHY = "unhealthy"
    DEAD = "dead"


class Partition(CamundaModel):
    """One partition as a broker sees it."""

    partition_id: int
    role: PartitionRole
    health: PartitionHealth


class BrokerInfo(CamundaModel):
    """One broker of the cluster."""

    node_id: int
    host: str
    port: int
    version: str
    partitions: list[Partition] = Field(default_factory=list)


class Topology(CamundaModel):
    """The cluster's brokers, partitions and versions."""

    brokers: list[BrokerInfo] = Field(default_factory=list)
    cluster_id: str | None = None
    cluster_size: int
    partitions_count: int
    replication_factor: int
    gateway_version: str
    last_completed_change_id: str | None = None


class UserTenant(CamundaModel):
    """A tenant the authenticated user belongs to."""

    tenant_id: str
    name: str
    description: str | None = None


class CamundaUser(CamundaModel):
    """Who the client's credentials authenticate as, with their tenants, groups and roles."""

    username: str
    display_name: str | None = None
    email: str | None = None
    authorized_components: list[str] = Field(default_factory=list)
    tenants: list[UserTenant] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    sales_plan_type: str | None = None
    c8_links: dict[str, str] = Field(default_factory=dict)
    can_logout: bool = False
