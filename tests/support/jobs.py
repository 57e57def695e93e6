"""Activated jobs built the way Camunda sends them, for tests of job handling."""

from __future__ import annotations

import time
from typing import Any

from camunda_core.models.jobs import ActivatedJob


def make_job(
    variables: dict[str, Any] | None = None, *, retries: int = 3, **extra: Any
) -> ActivatedJob:
    """An activated job with sensible values; override any field by keyword (snake_case)."""
    fields: dict[str, Any] = {
        "job_key": "2251799813685300",
        "type": "charge-card",
        "worker": "test",
        "retries": retries,
        "deadline": int((time.time() + 300) * 1000),
        "variables": variables or {},
        "custom_headers": {},
        "process_instance_key": "2251799813685250",
        "process_definition_key": "2251799813685249",
        "process_definition_id": "order",
        "process_definition_version": 1,
        "element_id": "charge",
        "element_instance_key": "2251799813685260",
    }
    fields.update(extra)
    return ActivatedJob(**fields)
