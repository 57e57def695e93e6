"""Answers that may have no body: 204 becomes ``None`` (or ``False`` for the status probe)."""

from __future__ import annotations

import httpx
import pytest
from client_fakes import KEY, Script, async_client, problem, sync_client

from camunda_core.errors import NotFoundError

FORM = {
    "formKey": KEY,
    "formId": "approve",
    "version": 2,
    "tenantId": "<default>",
    "schema": '{"components": [{"type": "textfield", "key": "comment"}]}',
}


def test_process_xml_is_text_and_204_is_none() -> None:
    script = Script(
        httpx.Response(200, text="<definitions/>", headers={"content-type": "text/xml"}),
        httpx.Response(204),
    )
    with sync_client(script) as camunda:
        assert camunda.get_process_definition_xml(KEY) == "<definitions/>"
        assert camunda.get_process_definition_xml(KEY) is None
    assert script.requests[0].url.path == f"/v2/process-definitions/{KEY}/xml"


@pytest.mark.parametrize("method", ["get_start_process_form", "get_user_task_form"])
def test_a_missing_form_is_none_and_a_linked_one_parses(method: str) -> None:
    script = Script(httpx.Response(204), httpx.Response(200, json=FORM))
    with sync_client(script) as camunda:
        assert getattr(camunda, method)(KEY) is None
        form = getattr(camunda, method)(KEY)
    assert form.form_id == "approve"
    assert form.parse_schema() == {"components": [{"type": "textfield", "key": "comment"}]}


def test_an_unknown_task_is_still_an_error_not_none() -> None:
    script = Script(problem(404, "NOT_FOUND"))
    with sync_client(script) as camunda, pytest.raises(NotFoundError):
        camunda.get_user_task_form(KEY)


def test_an_8_8_deletion_without_a_body_still_names_the_resource() -> None:
    script = Script(httpx.Response(200))
    with sync_client(script) as camunda:
        deleted = camunda.delete_resource(KEY)
    assert (deleted.resource_key, deleted.batch_operation) == (KEY, None)


@pytest.mark.parametrize(("status", "up"), [(204, True), (503, False)])
def test_the_status_probe_reads_204_and_503(status: int, up: bool) -> None:
    with sync_client(Script(httpx.Response(status)), retry=None) as camunda:
        assert camunda.get_status() is up


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("cancel_process_instance", f"/v2/process-instances/{KEY}/cancellation"),
        ("resolve_incident", f"/v2/incidents/{KEY}/resolution"),
        ("unassign_user_task", f"/v2/user-tasks/{KEY}/assignee"),
    ],
)
async def test_commands_answered_with_204_return_none(method: str, path: str) -> None:
    script = Script(httpx.Response(204))
    async with async_client(script) as camunda:
        assert await getattr(camunda, method)(KEY) is None
    assert script.requests[0].url.path == path
    assert script.requests[0].content == b""
