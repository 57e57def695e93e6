"""Cluster operations: topology, status, the current user, and the engine clock.

The dev engine is one broker with one partition that is always a healthy leader: what a
client needs to see to consider a cluster ready.
"""

from __future__ import annotations

from camunda_core.devengine.api.dispatch import Call, Operation
from camunda_core.devengine.api.validation import INT64, Object
from camunda_core.devengine.http.messages import Response, json_response, no_content
from camunda_core.devengine.records import DEFAULT_TENANT

__all__ = ["GATEWAY_VERSION", "OPERATIONS"]

GATEWAY_VERSION = "8.9.0"


def get_topology(call: Call) -> Response:
    """One broker, one partition, healthy."""
    return json_response(
        {
            "brokers": [
                {
                    "nodeId": 0,
                    "host": "localhost",
                    "port": 26501,
                    "partitions": [{"partitionId": 1, "role": "leader", "health": "healthy"}],
                    "version": GATEWAY_VERSION,
                }
            ],
            "clusterId": "camunda-devengine",
            "clusterSize": 1,
            "partitionsCount": 1,
            "replicationFactor": 1,
            "gatewayVersion": GATEWAY_VERSION,
            "lastCompletedChangeId": "-1",
        }
    )


def get_status(call: Call) -> Response:
    """Always up while it answers."""
    return no_content()


def get_authentication(call: Call) -> Response:
    """A dev user with access to everything in the default tenant."""
    username = call.request.principal or "demo"
    return json_response(
        {
            "username": username,
            "displayName": username,
            "email": f"{username}@devengine.local",
            "authorizedComponents": ["*"],
            "tenants": [{"tenantId": DEFAULT_TENANT, "name": "Default", "description": None}],
            "groups": [],
            "roles": ["admin"],
            "salesPlanType": None,
            "c8Links": {},
            "canLogout": False,
        }
    )


def pin_clock(call: Call) -> Response:
    """Stop the engine clock at ``timestamp`` (epoch ms): timers and dates follow it."""
    call.engine.pin_clock(call.body["timestamp"])
    return no_content()


def reset_clock(call: Call) -> Response:
    """Back to the system clock."""
    call.engine.reset_clock()
    return no_content()


OPERATIONS = [
    Operation("GET", "/topology", "getTopology", get_topology),
    Operation("GET", "/status", "getStatus", get_status),
    Operation("GET", "/authentication/me", "getAuthentication", get_authentication),
    Operation(
        "PUT",
        "/clock",
        "pinClock",
        pin_clock,
        Object({"timestamp": INT64}, required=("timestamp",)),
        body_required=True,
    ),
    Operation("POST", "/clock/reset", "resetClock", reset_clock, json_body=False),
]
