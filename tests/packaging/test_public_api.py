"""The public names users rely on (DESIGN section 5). Changing them is a breaking change."""

from __future__ import annotations

import camunda_core
import camunda_core.errors


def test_camunda_core_exports() -> None:
    assert sorted(camunda_core.__all__) == sorted(
        [
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
    )
    for name in camunda_core.__all__:
        assert getattr(camunda_core, name) is not None


def test_errors_exports() -> None:
    assert sorted(camunda_core.errors.__all__) == sorted(
        [
            "AuthenticationError",
            "BackpressureError",
            "BadRequestError",
            "CamundaAPIError",
            "CamundaConnectionError",
            "CamundaError",
            "CamundaTimeoutError",
            "CamundaTransportError",
            "ConfigurationError",
            "ConflictError",
            "ConsistencyTimeoutError",
            "ForbiddenError",
            "GatewayTimeoutError",
            "NotFoundError",
            "ServerError",
            "UnauthorizedError",
            "UnexpectedResponseError",
            "api_error_from_response",
            "translate_transport_errors",
        ]
    )
