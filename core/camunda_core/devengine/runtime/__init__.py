"""The dev engine runtime: executes deployed BPMN models in memory behind a thread-safe API.

``Engine`` implements ``camunda_core.devengine.contract.EngineAPI``; see
``docs/devengine/semantics.md`` for the behaviour and its differences from Camunda 8.
"""

from __future__ import annotations

from camunda_core.devengine.runtime.engine import Engine
from camunda_core.devengine.runtime.persistence import SnapshotError

__all__ = ["Engine", "SnapshotError"]
