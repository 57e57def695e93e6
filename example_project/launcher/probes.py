"""Readiness checks: a child is up when it answers over HTTP, not merely when it started."""

from __future__ import annotations

import threading
import time

import httpx

from example_project.launcher.child import Child


def wait_http(url: str, child: Child, timeout: float, cancelled: threading.Event) -> bool:
    """Whether ``url`` answered (any status below 500) before ``timeout`` seconds passed, the
    child ended or the wait was cancelled."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.exit_code is None and not cancelled.is_set():
        try:
            if httpx.get(url, timeout=2.0).status_code < 500:
                return True
        except httpx.HTTPError:
            pass
        cancelled.wait(0.2)
    return False
