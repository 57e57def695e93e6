"""Worker test fixtures."""

from __future__ import annotations

import pytest

from camunda_core.settings import load_settings
from camunda_core.worker.options import HandlerOptions, ResolvedOptions


@pytest.fixture
def options() -> ResolvedOptions:
    """Resolved options with a recognisable retry back-off (1500 ms)."""
    return ResolvedOptions.resolve(HandlerOptions(retry_backoff_ms=1500), load_settings(), None)
