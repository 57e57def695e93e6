"""camunda_core: the framework-free heart of the Camunda 8 integration for Django and Flask.

A typed sync and async client for the Orchestration Cluster REST API v2, settings from
``CAMUNDA_*`` variables, authentication, typed errors, the job-worker runtime, deployment
helpers and an embedded dev engine.
"""

from camunda_core._version import __version__
from camunda_core.client import AsyncCamundaClient, CamundaClient, RetryPolicy
from camunda_core.errors import (
    BackpressureError,
    CamundaAPIError,
    CamundaError,
    ConfigurationError,
    ConflictError,
    NotFoundError,
)
from camunda_core.settings import CamundaSettings, load_settings
from camunda_core.worker import BpmnError, Job, JobFailure, JobRouter, JobWorker

__all__ = [
    "AsyncCamundaClient",
    "BackpressureError",
    "BpmnError",
    "CamundaAPIError",
    "CamundaClient",
    "CamundaError",
    "CamundaSettings",
    "ConfigurationError",
    "ConflictError",
    "Job",
    "JobFailure",
    "JobRouter",
    "JobWorker",
    "NotFoundError",
    "RetryPolicy",
    "__version__",
    "load_settings",
]
