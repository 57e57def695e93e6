"""The embedded Camunda-8-compatible dev engine: FEEL, DMN and BPMN execution in pure Python,
served as the Orchestration Cluster REST API v2 in process or over HTTP.

``DevEngine`` (see ``facade``) is loaded on first use, so importing a part of the engine
(``devengine.feel``, ``devengine.bpmn``...) does not load the runtime and the HTTP layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from camunda_core.devengine.facade import DevEngine
    from camunda_core.devengine.http.auth import AuthConfig

__all__ = ["AuthConfig", "DevEngine"]


def __getattr__(name: str) -> Any:
    if name == "DevEngine":
        from camunda_core.devengine.facade import DevEngine

        return DevEngine
    if name == "AuthConfig":
        from camunda_core.devengine.http.auth import AuthConfig

        return AuthConfig
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
