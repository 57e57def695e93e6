"""The dev engine's HTTP layer, free of web frameworks: requests, responses, the application
(routing, auth, fault hooks, observers), in-process httpx transports and an ASGI adapter.

``server`` (uvicorn) is imported on demand only: in process the engine needs no server.
"""

from camunda_core.devengine.http.admin import is_loopback
from camunda_core.devengine.http.application import Application
from camunda_core.devengine.http.auth import AuthConfig, Authenticator
from camunda_core.devengine.http.faults import Fault, FaultHooks
from camunda_core.devengine.http.messages import Delivery, Request, Response
from camunda_core.devengine.http.observers import ResponseObserver
from camunda_core.devengine.http.routing import Route, Router
from camunda_core.devengine.http.transports import AsyncDevEngineTransport, DevEngineTransport

__all__ = [
    "Application",
    "AsyncDevEngineTransport",
    "AuthConfig",
    "Authenticator",
    "Delivery",
    "DevEngineTransport",
    "Fault",
    "FaultHooks",
    "Request",
    "Response",
    "ResponseObserver",
    "Route",
    "Router",
    "is_loopback",
]
