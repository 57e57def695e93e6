"""Messages (publish, correlate) and signals (broadcast)."""

from __future__ import annotations

from camunda_core.devengine.api.dispatch import Call, Operation
from camunda_core.devengine.api.validation import INT64, TENANT_ID, VARIABLES, Object, String
from camunda_core.devengine.http.messages import Response, json_response
from camunda_core.devengine.records import DEFAULT_TENANT

__all__ = ["OPERATIONS"]


def publish_message(call: Call) -> Response:
    """Publish: correlate now or buffer for ``timeToLive`` ms; answers at once."""
    body = call.body
    tenant = body.get("tenantId")
    key = call.engine.publish_message(
        name=body["name"],
        correlation_key=body.get("correlationKey", ""),
        time_to_live_ms=body.get("timeToLive", 0),
        message_id=body.get("messageId"),
        variables=body.get("variables"),
        tenant_id=tenant,
    )
    return json_response({"tenantId": tenant or DEFAULT_TENANT, "messageKey": key})


def correlate_message(call: Call) -> Response:
    """Correlate now or fail with 404 (no buffering)."""
    body = call.body
    correlated = call.engine.correlate_message(
        name=body["name"],
        correlation_key=body.get("correlationKey", ""),
        variables=body.get("variables"),
        tenant_id=body.get("tenantId"),
    )
    return json_response(
        {
            "tenantId": correlated.tenant_id,
            "messageKey": correlated.message_key,
            "processInstanceKey": correlated.process_instance_key,
        }
    )


def broadcast_signal(call: Call) -> Response:
    """Trigger every signal catch and signal start event of that name."""
    body = call.body
    tenant = body.get("tenantId")
    key = call.engine.broadcast_signal(
        name=body["signalName"], variables=body.get("variables"), tenant_id=tenant
    )
    return json_response({"tenantId": tenant or DEFAULT_TENANT, "signalKey": key})


PUBLICATION = Object(
    {
        "name": String(),
        "correlationKey": String(),
        "timeToLive": INT64,
        "messageId": String(),
        "variables": VARIABLES,
        "tenantId": TENANT_ID,
    },
    required=("name",),
)
CORRELATION = Object(
    {"name": String(), "correlationKey": String(), "variables": VARIABLES, "tenantId": TENANT_ID},
    required=("name",),
)
BROADCAST = Object(
    {"signalName": String(), "variables": VARIABLES, "tenantId": TENANT_ID},
    required=("signalName",),
)

OPERATIONS = [
    Operation(
        "POST",
        "/messages/publication",
        "publishMessage",
        publish_message,
        PUBLICATION,
        body_required=True,
    ),
    Operation(
        "POST",
        "/messages/correlation",
        "correlateMessage",
        correlate_message,
        CORRELATION,
        body_required=True,
    ),
    Operation(
        "POST",
        "/signals/broadcast",
        "broadcastSignal",
        broadcast_signal,
        BROADCAST,
        body_required=True,
    ),
]
