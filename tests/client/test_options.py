"""``with_options`` gives a view with another retry policy or timeout, sharing the pool."""

from __future__ import annotations

import httpx
import pytest
from client_fakes import KEY, Script, problem, sync_client

from camunda_core.client import NO_RETRY
from camunda_core.errors import BackpressureError


def test_backpressure_is_retried_by_default() -> None:
    script = Script(problem(503, "RESOURCE_EXHAUSTED"), httpx.Response(204))
    with sync_client(script) as camunda:
        camunda.complete_job(KEY)
    assert len(script.requests) == 2


def test_no_retry_gives_up_at_once_and_leaves_the_original_alone() -> None:
    script = Script(problem(503, "RESOURCE_EXHAUSTED"), httpx.Response(204))
    with sync_client(script) as camunda:
        once = camunda.with_options(retry=NO_RETRY)
        with pytest.raises(BackpressureError):
            once.complete_job(KEY)
        assert len(script.requests) == 1
        assert once.retry_policy is NO_RETRY
        assert camunda.retry_policy is not NO_RETRY
        camunda.complete_job(KEY)  # the original still retries: gets the 204
    assert len(script.requests) == 2


def test_a_view_sets_the_read_timeout_and_closing_it_keeps_the_pool_open() -> None:
    script = Script(httpx.Response(204), httpx.Response(204))
    with sync_client(script) as camunda:
        view = camunda.with_options(timeout=2.5)
        view.reset_clock()
        view.close()
        camunda.reset_clock()
    assert script.requests[0].extensions["timeout"]["read"] == 2.5
    assert script.requests[1].extensions["timeout"]["read"] != 2.5
