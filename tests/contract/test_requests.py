"""Every request the client sends validates against the official 8.9 spec.

Each scenario calls the sync client through an ``httpx.MockTransport`` that records the
request and answers with a minimal valid response built from the spec. The request must hit
the path template of the operation the client named, use only declared query parameters,
and carry a body that validates against the operation's request schema. Maximal scenarios
must send every property the spec documents (except those in ``NOT_SENT``).
"""

from __future__ import annotations

import json
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import httpx
import pytest
from contract_calls import NOT_SENT, SCENARIOS, Scenario, answer_for, client_for
from openapi_schema import SchemaTools
from openapi_spec import Operation, Spec

pytestmark = pytest.mark.spec


def record(scenario: Scenario, spec: Spec, tools: SchemaTools) -> list[httpx.Request]:
    """Run the scenario and return the requests it sent."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        op, _ = spec.match(request.method, request.url.path.removeprefix("/v2"))
        return answer_for(op, tools, "minimal")

    with client_for(handler) as client:
        scenario.run(client)
    return sent


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_request_matches_the_spec(
    scenario: Scenario, spec: Spec, schema_tools: SchemaTools, contract_report: Any
) -> None:
    sent = record(scenario, spec, schema_tools)
    assert sent, f"{scenario.method} sent no request"
    for request in sent:
        op, path_params = spec.match(request.method, request.url.path.removeprefix("/v2"))
        assert request.extensions["camunda_operation"] == op.operation_id, (
            f"the client names the call {request.extensions['camunda_operation']!r}, "
            f"the spec's {request.method} {op.path} is {op.operation_id!r}"
        )
        assert op.operation_id == scenario.operation
        _check_parameters(op, request, path_params, schema_tools, maximal=scenario.maximal)
        body = _check_body(op, request, schema_tools)
        if scenario.maximal:
            _check_everything_sent(op, body, schema_tools)
        contract_report.counts["requests validated against the spec"] += 1
    contract_report.operations.add(scenario.operation)
    if scenario.maximal:
        contract_report.counts["maximal requests (every documented field)"] += 1


def _check_parameters(
    op: Operation,
    request: httpx.Request,
    path_params: dict[str, str],
    tools: SchemaTools,
    *,
    maximal: bool,
) -> None:
    declared = op.parameters
    for name, value in path_params.items():
        schema = declared[("path", name)]["schema"]
        assert not tools.problems(schema, value), f"path parameter {name}={value!r}"
    for name, value in request.url.params.multi_items():
        assert ("query", name) in declared, f"query parameter {name!r} is not declared"
        schema = declared[("query", name)]["schema"]
        typed = {"true": True, "false": False}.get(value, value)
        assert not tools.problems(schema, typed), f"query {name}={value!r}"
    if maximal:
        wanted = {name for where, name in declared if where == "query"}
        missing = wanted - set(request.url.params)
        assert not missing, f"query parameters never sent: {sorted(missing)}"


def _check_body(op: Operation, request: httpx.Request, tools: SchemaTools) -> dict[str, Any]:
    body = op.request_body
    content_type = request.headers.get("content-type", "").split(";")[0]
    if not request.content:
        assert not (body and body.get("required")), f"{op.operation_id} requires a body"
        return {}
    assert body is not None, f"{op.operation_id} takes no body, but one was sent"
    assert content_type in body["content"], f"{content_type} is not accepted"
    schema = body["content"][content_type]["schema"]
    if content_type == "multipart/form-data":
        return _check_multipart(request, schema, tools)
    sent = json.loads(request.content)
    errors = tools.problems(schema, sent)
    assert not errors, f"{op.operation_id} body does not fit the spec:\n" + "\n".join(errors)
    return sent if isinstance(sent, dict) else {}


def _check_multipart(
    request: httpx.Request, schema: dict[str, Any], tools: SchemaTools
) -> dict[str, Any]:
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + request.content)
    properties = tools.resolve(schema)["properties"]
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        assert name in properties, f"multipart part {name!r} is not in the spec"
        prop = tools.resolve(properties[name])
        if prop.get("type") == "array":
            assert part.get_filename(), f"file part {name!r} has no file name"
            fields.setdefault(name, []).append(part.get_filename())
        else:
            value = part.get_content()
            assert not tools.problems(properties[name], value), f"field {name}"
            fields[name] = value
    missing = set(tools.resolve(schema).get("required", [])) - set(fields)
    assert not missing, f"required parts missing: {sorted(missing)}"
    return fields


def _branch(schema: dict[str, Any], body: dict[str, Any], tools: SchemaTools) -> dict[str, Any]:
    """The ``oneOf`` branch a body took (or the schema itself)."""
    resolved = tools.resolve(schema)
    for branch in resolved.get("oneOf", []):
        if not tools.problems(branch, body):
            return branch
    return schema


def _check_everything_sent(op: Operation, body: dict[str, Any], tools: SchemaTools) -> None:
    assert op.request_body is not None
    content = next(iter(op.request_body["content"].values()))
    schema = _branch(content["schema"], body, tools)
    skipped = NOT_SENT.get(op.operation_id, {})
    missing = tools.property_names(schema) - set(body) - set(skipped)
    assert not missing, f"{op.operation_id} never sends {sorted(missing)}"
    if "filter" in body:
        filter_schema = tools.resolve(schema)["properties"]["filter"]
        names = tools.property_names(filter_schema)
        missing = {f"filter.{name}" for name in names - set(body["filter"])} - set(skipped)
        assert not missing, f"{op.operation_id} never filters by {sorted(missing)}"
