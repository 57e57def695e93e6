"""Counters and timings of a worker, always in memory and in Prometheus when installed."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["WorkerMetrics"]

_PROMETHEUS: dict[str, Any] = {}
_PROMETHEUS_LOCK = threading.Lock()


def _prometheus() -> dict[str, Any]:
    """The process-wide Prometheus collectors, created once (None values without the package)."""
    with _PROMETHEUS_LOCK:
        if not _PROMETHEUS:
            try:
                from prometheus_client import Counter as PromCounter
                from prometheus_client import Histogram
            except ImportError:
                _PROMETHEUS.update(jobs=None, duration=None, polls=None)
            else:
                _PROMETHEUS.update(
                    jobs=PromCounter(
                        "camunda_worker_jobs_total",
                        "Jobs handled, by type and outcome",
                        ["job_type", "outcome"],
                    ),
                    duration=Histogram(
                        "camunda_worker_handler_seconds", "Handler run time", ["job_type"]
                    ),
                    polls=PromCounter(
                        "camunda_worker_activations_total",
                        "Activation requests, by type and result",
                        ["job_type", "result"],
                    ),
                )
        return _PROMETHEUS


@dataclass
class WorkerMetrics:
    """Jobs by (type, outcome), activation requests by (type, result), handler durations."""

    jobs: Counter[tuple[str, str]] = field(default_factory=Counter)
    activations: Counter[tuple[str, str]] = field(default_factory=Counter)
    handler_seconds: dict[str, float] = field(default_factory=dict)
    started_at: float = field(default_factory=time.time)

    def job(self, job_type: str, outcome: str, duration: float | None = None) -> None:
        """Count one job outcome (completed, failed, error_thrown, returned, gone, conflict...)."""
        self.jobs[(job_type, outcome)] += 1
        collectors = _prometheus()
        if collectors["jobs"] is not None:
            collectors["jobs"].labels(job_type, outcome).inc()
        if duration is not None:
            self.handler_seconds[job_type] = self.handler_seconds.get(job_type, 0.0) + duration
            if collectors["duration"] is not None:
                collectors["duration"].labels(job_type).observe(duration)

    def activation(self, job_type: str, result: str) -> None:
        """Count one activation request (jobs, empty, error, backpressure)."""
        self.activations[(job_type, result)] += 1
        collectors = _prometheus()
        if collectors["polls"] is not None:
            collectors["polls"].labels(job_type, result).inc()

    def count(self, outcome: str, job_type: str | None = None) -> int:
        """How many jobs came to ``outcome`` (of one type, or of all)."""
        return sum(
            n
            for (kind, result), n in self.jobs.items()
            if result == outcome and job_type in (None, kind)
        )
