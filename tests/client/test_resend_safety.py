"""Which calls may be sent again after a lost answer.

Reads, searches and the job and user-task commands are safe: a repeat is refused with
404/409, which the worker treats as done. Creating an instance, publishing, correlating,
broadcasting, deploying and evaluating would happen twice, so they are resent only when the
request certainly never left.
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any

import httpx
import pytest
from client_fakes import KEY, Script, sync_client

from camunda_core.client._call import Call
from camunda_core.client.operations import (
    clock,
    cluster,
    decisions,
    deployments,
    element_instances,
    incidents,
    jobs,
    messages,
    process_definitions,
    process_instances,
    user_tasks,
    variables,
)
from camunda_core.errors import CamundaConnectionError
from camunda_core.settings import load_settings

NOT_RESEND_SAFE = {
    "createProcessInstance",
    "publishMessage",
    "correlateMessage",
    "broadcastSignal",
    "createDeployment",
    "evaluateDecision",
}
MODULES = [
    clock,
    cluster,
    decisions,
    deployments,
    element_instances,
    incidents,
    jobs,
    messages,
    process_definitions,
    process_instances,
    user_tasks,
    variables,
]
SETTINGS = load_settings()
ARGUMENTS: dict[str, Any] = {
    "settings": SETTINGS,
    "resources": [("a.bpmn", b"<bpmn/>")],
    "timestamp": 1,
    "variables": {"a": 1},
    "job_type": "t",
    "max_jobs": 1,
    "retries": 1,
    "error_code": "E",
    "assignee": "anna",
    "name": "m",
    "signal_name": "s",
    "process_definition_id": "order",
    "decision_definition_id": "discount",
}


def builders() -> list[tuple[str, Any]]:
    """Every public operation builder: the functions that return a ``Call``."""
    found = []
    for module in MODULES:
        assert isinstance(module, ModuleType)
        for name in module.__all__:
            function = getattr(module, name)
            if inspect.isfunction(function) and "Call[" in str(inspect.signature(function)):
                found.append((f"{module.__name__.rsplit('.', 1)[-1]}.{name}", function))
    return found


def build(function: Any) -> Call[Any]:
    kwargs = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if name in ARGUMENTS:
            kwargs[name] = ARGUMENTS[name]
        elif name.endswith("_key") and parameter.default is inspect.Parameter.empty:
            kwargs[name] = KEY
    if function is jobs.update_job:
        kwargs["retries"] = 1
    return function(**kwargs)


@pytest.mark.parametrize(("name", "function"), builders(), ids=[n for n, _ in builders()])
def test_resend_safety_matches_the_operation(name: str, function: Any) -> None:
    call = build(function)
    assert call.resend_safe is (call.operation not in NOT_RESEND_SAFE)


def test_every_builder_is_checked() -> None:
    operations = {build(function).operation for _, function in builders()}
    assert operations >= NOT_RESEND_SAFE
    assert len(operations) == 45


def test_a_safe_call_is_resent_after_a_lost_answer() -> None:
    script = Script(httpx.ReadError("reset"), httpx.Response(204))
    with sync_client(script) as camunda:
        camunda.set_variables(KEY, {"a": 1})
    assert len(script.requests) == 2


def test_an_unsafe_call_is_not_resent_after_a_lost_answer() -> None:
    script = Script(httpx.ReadError("reset"), repeat_last=3)
    with sync_client(script) as camunda, pytest.raises(CamundaConnectionError):
        camunda.publish_message("order-paid", correlation_key="A-1")
    assert len(script.requests) == 1
