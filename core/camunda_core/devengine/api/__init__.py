"""The REST v2 layer of the dev engine: every operation it serves, as one routing table.

``build_router(engine)`` binds the operations of each domain module to an engine that
implements :class:`~camunda_core.devengine.contract.EngineAPI`; the HTTP layer
(``devengine.http``) serves the router in process or over a socket.
"""

from __future__ import annotations

from camunda_core.devengine.api import (
    cluster,
    decisions,
    definitions,
    deployments,
    element_instances,
    incidents,
    jobs,
    messages,
    process_instances,
    user_tasks,
    variables,
)
from camunda_core.devengine.api.dispatch import Operation
from camunda_core.devengine.api.dispatch import build_router as _build
from camunda_core.devengine.contract import EngineAPI
from camunda_core.devengine.http.routing import Router

__all__ = ["OPERATIONS", "build_router"]

#: Every operation served, in the order of the spec's domains.
OPERATIONS: list[Operation] = [
    *cluster.OPERATIONS,
    *deployments.OPERATIONS,
    *definitions.OPERATIONS,
    *process_instances.OPERATIONS,
    *element_instances.OPERATIONS,
    *jobs.OPERATIONS,
    *user_tasks.OPERATIONS,
    *incidents.OPERATIONS,
    *variables.OPERATIONS,
    *messages.OPERATIONS,
    *decisions.OPERATIONS,
]


def build_router(engine: EngineAPI) -> Router:
    """The routing table of every operation, bound to ``engine``."""
    return _build(engine, OPERATIONS)
