"""Cluster operations: topology, status, and who the credentials authenticate as."""

from __future__ import annotations

import httpx

from camunda_core.client._call import Call, parse_model
from camunda_core.models.cluster import CamundaUser, Topology

__all__ = ["get_authentication", "get_status", "get_topology"]


def get_topology() -> Call[Topology]:
    """``GET /topology``."""
    return Call("getTopology", "GET", "/topology", parse=parse_model(Topology))


def _status_up(response: httpx.Response) -> bool:
    return response.status_code == 204


def get_status() -> Call[bool]:
    """``GET /status``: 204 when at least one partition has a healthy leader, 503 when not."""
    return Call("getStatus", "GET", "/status", parse=_status_up, accept_statuses=(503,))


def get_authentication() -> Call[CamundaUser]:
    """``GET /authentication/me``: a cheap check that the credentials work."""
    return Call("getAuthentication", "GET", "/authentication/me", parse=parse_model(CamundaUser))
