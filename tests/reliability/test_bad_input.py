"""S4 and S5: bad models and bad settings are refused up front, saying where and what to fix.

The system check that warns about job types without a handler is the Django package's
(``tests/djangoapp``); here the core's ``job_types_in`` is checked against a handler registry.
S5 cases already in ``tests/settings`` (a value per variable, suggestions for unknown keys,
secrets never shown) are not repeated: these add the fix each message must carry and the
paths a worker takes (the environment, ``JobWorker`` without settings).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bpmn_builder import chain, end, process, service, start
from reliability import one_task_process

from camunda_core import CamundaClient, JobRouter, JobWorker, load_settings
from camunda_core.commands import deploy_command
from camunda_core.deploy import Resource, find_resources, job_types_in
from camunda_core.errors import BadRequestError, ConfigurationError

FAKE_SECRET = "fake-secret-value-51c7"  # obviously fake, grepped for below

# name -> (content, the element id the refusal names, the reason it gives)
INVALID = {
    "broken.bpmn": (b'<bpmn:definitions xmlns:bpmn="x"><bpmn:process', None, "malformed XML"),
    "gateway.bpmn": (
        process(
            "gw", start(), '<bpmn:complexGateway id="Pick" />', end(), chain("start", "Pick", "end")
        ),
        "'Pick'",
        "complex gateways are not supported",
    ),
    "untyped.bpmn": (
        process(
            "untyped",
            start(),
            '<bpmn:serviceTask id="Charge" />',
            end(),
            chain("start", "Charge", "end"),
        ),
        "'Charge'",
        "Must have exactly one 'zeebe:taskDefinition'",
    ),
}


def _write(directory: Path) -> list[Resource]:
    (directory / "order.bpmn").write_bytes(one_task_process("order", "charge"))
    for name, (content, _, _) in INVALID.items():
        (directory / name).write_bytes(content)
    return find_resources([directory])


def test_s4_deploy_refuses_each_bad_model_with_file_element_and_reason(
    tmp_path: Path, camunda: CamundaClient
) -> None:
    lines: list[str] = []
    code = deploy_command(camunda.settings, _write(tmp_path), out=lines.append, client=camunda)
    assert code == 1
    refused = {line.split()[1].rstrip(":"): line for line in lines if line.startswith("REFUSED")}
    assert sorted(refused) == sorted(INVALID)
    for name, (_, element, reason) in INVALID.items():
        assert name in refused[name].split(":", 1)[1], refused[name]  # the file, in the reason
        assert reason in refused[name]
        if element is not None:
            assert f"element {element}" in refused[name]
    assert any(line.startswith("deployed   order.bpmn: process order v1") for line in lines)
    assert lines[-1] == "4 resource(s): 1 deployed, 3 refused"
    deployed = camunda.search_process_definitions({}).items
    assert [d.process_definition_id for d in deployed] == ["order"]  # nothing else got in


@pytest.mark.parametrize("name", sorted(INVALID))
def test_s4_the_engine_refuses_a_bad_model_sent_past_the_local_check(
    name: str, camunda: CamundaClient
) -> None:
    content, element, reason = INVALID[name]
    with pytest.raises(BadRequestError) as refused:
        camunda.create_deployment((name, content))
    detail = refused.value.detail or ""
    assert name in detail
    assert reason in detail
    if element is not None:
        assert element in detail


def test_s4_job_types_without_a_handler_are_found_in_the_models(tmp_path: Path) -> None:
    """What the Django system check warns about: static job types with no handler."""
    (tmp_path / "order.bpmn").write_bytes(one_task_process("order", "charge"))
    (tmp_path / "shipping.bpmn").write_bytes(
        process(
            "shipping",
            start(),
            service("pack", "pack-parcel"),
            service("route", '=carrier + "-route"'),  # decided at run time: not checkable
            service("ship", "charge"),
            end(),
            chain("start", "pack", "route", "ship", "end"),
        )
    )
    router = JobRouter()
    router.add("charge", lambda: None)
    used = job_types_in(find_resources([tmp_path]))
    assert used == {"charge": ["order.bpmn", "shipping.bpmn"], "pack-parcel": ["shipping.bpmn"]}
    without_handler = {t: files for t, files in used.items() if t not in router}
    assert without_handler == {"pack-parcel": ["shipping.bpmn"]}


# --- S5 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("environment", "variable", "fix"),
    [
        (
            {"CAMUNDA_REST_ADDRESS": "localhost:8080"},
            "CAMUNDA_REST_ADDRESS",
            "like http://localhost:8080/v2",
        ),
        (
            {
                "CAMUNDA_CLIENT_ID": "worker",
                "CAMUNDA_CLIENT_SECRET": FAKE_SECRET,
                "CAMUNDA_BASIC_AUTH_USERNAME": "demo",
                "CAMUNDA_BASIC_AUTH_PASSWORD": FAKE_SECRET,
            },
            "CAMUNDA_AUTH_STRATEGY",
            "set CAMUNDA_AUTH_STRATEGY to OAUTH or BASIC, or remove one kind",
        ),
        (
            {"CAMUNDA_HTTP_TIMEOUT_MS": "10000"},  # the long poll defaults to 20 s
            "CAMUNDA_HTTP_TIMEOUT_MS",
            "Raise CAMUNDA_HTTP_TIMEOUT_MS or lower CAMUNDA_WORKER_REQUEST_TIMEOUT_MS",
        ),
    ],
)
def test_s5_a_worker_refuses_a_bad_environment_naming_the_variable_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], variable: str, fix: str
) -> None:
    """``JobWorker(router)`` reads the environment itself: the same checked settings,
    a ``ConfigurationError`` naming the variable and the fix, and never a secret."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    router = JobRouter()
    router.add("work", lambda: None)
    for build in (load_settings, lambda: JobWorker(router)):
        with pytest.raises(ConfigurationError) as refused:
            build()
        message = str(refused.value)
        assert variable in message, message
        assert fix in message, message
        assert FAKE_SECRET not in message


@pytest.mark.parametrize(
    ("framework", "expected"),
    [
        ({"REST_ADRESS": "http://camunda:8080"}, "did you mean 'REST_ADDRESS'?"),
        ({"CAMUNDA_WORKER_TIMEOUT": 1_000}, "did you mean 'WORKER_TIMEOUT_MS'?"),
        ({"HTTP_TIMEOUT_MS": 500}, "Raise CAMUNDA_HTTP_TIMEOUT_MS"),
        ({"WORKER_REQUEST_TIMEOUT_MS": 30_000}, "lower CAMUNDA_WORKER_REQUEST_TIMEOUT_MS"),
    ],
)
def test_s5_framework_settings_name_the_key_and_the_fix(
    framework: dict[str, object], expected: str
) -> None:
    with pytest.raises(ConfigurationError) as refused:
        load_settings(framework)
    assert expected in str(refused.value)
