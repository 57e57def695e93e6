"""Deploying resources: from paths or ``(name, bytes)`` pairs, one multipart part per file."""

from __future__ import annotations

from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path

import httpx
import pytest
from client_fakes import KEY, Script, sync_client

from camunda_core.errors import CamundaConnectionError

DEPLOYED = {
    "deploymentKey": KEY,
    "tenantId": "<default>",
    "deployments": [
        {
            "processDefinition": {
                "processDefinitionId": "order_process",
                "processDefinitionVersion": 1,
                "resourceName": "order.bpmn",
                "tenantId": "<default>",
                "processDefinitionKey": "2",
            },
            "decisionDefinition": None,
            "decisionRequirements": None,
            "form": None,
            "resource": None,
        },
        {
            "form": {
                "formId": "approve",
                "version": 1,
                "resourceName": "approve.form",
                "formKey": "3",
            }
        },
    ],
}


def parts(request: httpx.Request) -> list[Message]:
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    return list(BytesParser(policy=HTTP).parsebytes(head + request.content).iter_parts())


def named(request: httpx.Request, name: str) -> list[Message]:
    return [p for p in parts(request) if p.get_param("name", header="content-disposition") == name]


def test_files_are_read_from_paths_and_named_after_the_file(tmp_path: Path) -> None:
    bpmn = tmp_path / "order.bpmn"
    bpmn.write_bytes(b"<bpmn/>")
    form = tmp_path / "approve.form"
    form.write_text('{"components": []}')
    script = Script(httpx.Response(200, json=DEPLOYED))
    with sync_client(script) as camunda:
        deployment = camunda.create_deployment(bpmn, str(form))
    sent = parts(script.requests[0])
    assert [p.get_param("name", header="content-disposition") for p in sent] == ["resources"] * 2
    assert [(p.get_filename(), p.get_content_type()) for p in sent] == [
        ("order.bpmn", "application/xml"),
        ("approve.form", "application/json"),
    ]
    assert [p.get_payload(decode=True) for p in sent] == [b"<bpmn/>", b'{"components": []}']
    assert deployment.deployment_key == KEY
    assert [p.process_definition_id for p in deployment.processes] == ["order_process"]
    assert [f.form_id for f in deployment.forms] == ["approve"]


def test_content_can_be_given_as_bytes_or_text_with_a_tenant() -> None:
    script = Script(httpx.Response(200, json=DEPLOYED))
    with sync_client(script) as camunda:
        camunda.create_deployment(
            ("discount.dmn", b"<dmn/>"), ("notes.txt", "hello"), tenant_id="tenant-a"
        )
    sent = named(script.requests[0], "resources")
    files = [(p.get_filename(), p.get_content_type(), p.get_payload(decode=True)) for p in sent]
    assert files == [
        ("discount.dmn", "application/xml", b"<dmn/>"),
        ("notes.txt", "application/octet-stream", b"hello"),
    ]
    assert [p.get_content() for p in named(script.requests[0], "tenantId")] == ["tenant-a"]


def test_the_configured_tenant_is_the_default() -> None:
    script = Script(httpx.Response(200, json=DEPLOYED))
    with sync_client(script, tenant_id="tenant-b") as camunda:
        camunda.create_deployment(("order.bpmn", b"<bpmn/>"))
    assert [p.get_content() for p in named(script.requests[0], "tenantId")] == ["tenant-b"]


@pytest.mark.parametrize(
    ("resources", "error"),
    [((), ValueError), ((("", b"x"),), ValueError), ((42,), TypeError)],
)
def test_bad_resources_are_refused_before_sending(
    resources: tuple[object, ...], error: type
) -> None:
    script = Script()
    with sync_client(script) as camunda, pytest.raises(error):
        camunda.create_deployment(*resources)  # type: ignore[arg-type]
    assert script.requests == []


def test_a_deployment_whose_answer_was_lost_is_not_sent_again() -> None:
    script = Script(httpx.ReadError("connection reset"), repeat_last=3)
    with sync_client(script) as camunda, pytest.raises(CamundaConnectionError):
        camunda.create_deployment(("order.bpmn", b"<bpmn/>"))
    assert len(script.requests) == 1
