"""B1/B4: counting worker traffic at the engine, whoever the worker is.

The benchmark starts the engine with ``--observer benchmarks._b1_observer:observe`` and
``B1_COUNTERS_FILE=<path>``. Every response updates in-memory counters: requests per
operation, activation requests and activated jobs per job type, and per job key how often it
was activated and how its completions were answered. ``GET /_b1/counters`` (an unknown path:
a 404 the observer still sees) writes them to the file before the answer leaves;
``GET /_b1/reset`` clears them. Cheap on purpose: the engine must not become the bottleneck.
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from typing import Any

from camunda_core.devengine.http.messages import Request, Response

_lock = threading.Lock()
_operations: Counter[str] = Counter()
_activation_requests: Counter[str] = Counter()
_activated: Counter[str] = Counter()
_completions: Counter[str] = Counter()
_completion_status: Counter[int] = Counter()


def observe(request: Request, response: Response, operation_id: str | None) -> None:
    """The response observer (see the module docstring)."""
    if operation_id is None:
        if request.path == "/_b1/counters":
            _dump()
        elif request.path == "/_b1/reset":
            _reset()
        return
    with _lock:
        _operations[operation_id] += 1
        if operation_id == "activateJobs":
            job_type = json.loads(request.body).get("type", "?")
            _activation_requests[job_type] += 1
            if response.status == 200:
                for job in json.loads(response.body)["jobs"]:
                    _activated[job["jobKey"]] += 1
        elif operation_id == "completeJob":
            _completions[request.path.rsplit("/", 2)[-2]] += 1
            _completion_status[response.status] += 1


def _reset() -> None:
    with _lock:
        for counter in (
            _operations,
            _activation_requests,
            _activated,
            _completions,
            _completion_status,
        ):
            counter.clear()


def snapshot() -> dict[str, Any]:
    """The counters as JSON data."""
    with _lock:
        return {
            "operations": dict(_operations),
            "activation_requests": dict(_activation_requests),
            "jobs_activated": len(_activated),
            "activated_again": sum(1 for n in _activated.values() if n > 1),
            "completion_attempts": sum(_completions.values()),
            "completed": _completion_status.get(204, 0),
            "completion_status": {str(k): v for k, v in _completion_status.items()},
            "completed_twice": sum(1 for n in _completions.values() if n > 1),
        }


def _dump() -> None:
    path = os.environ["B1_COUNTERS_FILE"]
    with open(path + ".tmp", "w", encoding="utf-8") as file:
        json.dump(snapshot(), file)
    os.replace(path + ".tmp", path)
