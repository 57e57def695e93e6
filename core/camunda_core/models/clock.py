"""Clock shapes: ``PUT /clock`` pins the engine's clock (for tests and the dev engine)."""

from __future__ import annotations

from camunda_core.models._base import RequestModel

__all__ = ["PinClockRequest"]


class PinClockRequest(RequestModel):
    """Body of ``PUT /clock``: the instant to freeze the engine at, in epoch milliseconds."""

    timestamp: int
