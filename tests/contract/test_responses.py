"""Every answer the spec allows parses into our models, from 8.9 and 8.8 clusters alike.

For each operation the client implements, answers are built from the spec's response schema:
``minimal`` (required fields only, ``null`` wherever allowed), ``full`` (every field set; our
models must read every one of them) and ``legacy`` (the 8.9-required-but-nullable fields
left out, as 8.8 answered). Answers with every field of the 8.8 spec, and the spec's
examples, are parsed too.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from contract_calls import Scenario, answer_for, client_for, response_scenarios
from openapi_schema import SchemaTools
from openapi_spec import Spec
from pydantic import BaseModel

from camunda_core.errors import CamundaAPIError, CamundaError, api_error_from_response
from camunda_core.models.decisions import EvaluateDecisionById, EvaluateDecisionByKey
from camunda_core.models.process_instances import (
    CreateProcessInstanceById,
    CreateProcessInstanceByKey,
)

pytestmark = pytest.mark.spec

RESPONSE_SCENARIOS = response_scenarios()
#: Our request model for each shape of the spec's request examples, by operationId.
REQUEST_MODELS: dict[str, tuple[type[BaseModel], ...]] = {
    "createProcessInstance": (CreateProcessInstanceById, CreateProcessInstanceByKey),
    "evaluateDecision": (EvaluateDecisionById, EvaluateDecisionByKey),
}


def run_with_answer(scenario: Scenario, answer: httpx.Response) -> Any:
    """Call the scenario while every request gets (a copy of) ``answer``."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    with client_for(handler) as client:
        return scenario.run(client)


def unread_fields(result: Any, answer: Any, path: str = "") -> list[str]:
    """Fields of ``answer`` that no field of the parsed ``result`` holds."""
    if isinstance(result, BaseModel) and isinstance(answer, dict):
        by_alias = {info.alias or name: name for name, info in type(result).model_fields.items()}
        unread = []
        for wire_name, value in answer.items():
            if wire_name not in by_alias:
                unread.append(path + wire_name)
            else:
                held = getattr(result, by_alias[wire_name])
                unread += unread_fields(held, value, f"{path}{wire_name}.")
        return unread
    if isinstance(result, list) and isinstance(answer, list):
        return [
            name for r, a in zip(result, answer, strict=True) for name in unread_fields(r, a, path)
        ]
    return []


@pytest.mark.parametrize("kind", ["minimal", "full", "legacy"])
@pytest.mark.parametrize("scenario", RESPONSE_SCENARIOS, ids=str)
def test_answer_parses(
    scenario: Scenario, kind: str, spec: Spec, schema_tools: SchemaTools, contract_report: Any
) -> None:
    op = spec.operations[scenario.operation]
    answer = answer_for(op, schema_tools, kind)
    _, content_type, schema = op.success()
    body = answer.json() if content_type == "application/json" else None
    if schema is not None and body is not None and kind != "legacy":
        assert not schema_tools.problems(schema, body), "the sample itself must fit the spec"
    result = run_with_answer(scenario, answer)
    if kind == "full" and body is not None:
        if not isinstance(result, BaseModel) and len(body) == 1:
            body = next(iter(body.values()))  # activate_jobs answers {"jobs": [...]}
        assert not unread_fields(result, body), "our model drops fields the spec documents"
    contract_report.counts[f"{kind} answers parsed"] += 1


def test_8_8_answers_parse(legacy_spec: Spec, contract_report: Any) -> None:
    """Every field the 8.8 spec documents, with 8.8's types and formats, fits our models.

    (8.8 marks nearly every response field optional, keys included, while its servers send
    them; the absence our models must tolerate is the ``legacy`` case above.)
    """
    tools = SchemaTools(legacy_spec.schemas)
    absent, failures = [], []
    for scenario in RESPONSE_SCENARIOS:
        op = legacy_spec.operations.get(scenario.operation)
        if op is None:
            absent.append(scenario.operation)
            continue
        try:
            run_with_answer(scenario, answer_for(op, tools, "full"))
        except CamundaError as error:
            failures.append(str(error))
        contract_report.counts["8.8 full answers parsed"] += 1
    assert not failures, "8.8 answers our models refuse:\n" + "\n".join(failures)
    assert len(absent) < len(RESPONSE_SCENARIOS) // 2, f"most operations missing in 8.8: {absent}"


def _examples(content: dict[str, Any]) -> list[Any]:
    if "example" in content:
        return [content["example"]]
    return [example["value"] for example in content.get("examples", {}).values()]


def test_success_examples_parse(spec: Spec, contract_report: Any) -> None:
    for scenario in RESPONSE_SCENARIOS:
        for status, response in spec.operations[scenario.operation].responses():
            for content_type, content in (response.get("content") or {}).items():
                if 200 <= status < 300 and content_type == "application/json":
                    for example in _examples(content):
                        run_with_answer(scenario, httpx.Response(status, json=example))
                        contract_report.counts["success examples parsed"] += 1


def test_error_examples_become_typed_errors(spec: Spec, contract_report: Any) -> None:
    covered = {scenario.operation for scenario in RESPONSE_SCENARIOS}
    for operation in sorted(covered):
        for status, response in spec.operations[operation].responses():
            for content in (response.get("content") or {}).values():
                for example in _examples(content) if status >= 400 else []:
                    request = httpx.Request("POST", "http://camunda.test/v2/x")
                    answer = httpx.Response(status, json=example, request=request)
                    error = api_error_from_response(operation, answer)
                    assert isinstance(error, CamundaAPIError)
                    assert (error.status, error.title, error.detail) == (
                        status,
                        example.get("title"),
                        example.get("detail"),
                    )
                    contract_report.counts["error examples parsed"] += 1


def test_request_examples_fit_our_request_models(
    spec: Spec, schema_tools: SchemaTools, contract_report: Any
) -> None:
    for operation, models in REQUEST_MODELS.items():
        body = spec.operations[operation].request_body
        assert body is not None
        content = body["content"]["application/json"]
        for example in _examples(content):
            fits = [model for model in models if _round_trips(model, example)]
            assert len(fits) == 1, f"{operation} example {example} fits {fits}"
            contract_report.counts["request examples read by our models"] += 1
            if schema_tools.problems(content["schema"], example):
                # evaluateDecision's "1234-5678" breaks the spec's own ^[\p{L}_] id pattern.
                contract_report.quirks.add(f"example-breaks-own-schema ({operation})")


def _round_trips(model: type[BaseModel], example: dict[str, Any]) -> bool:
    try:
        parsed = model.model_validate(example)
    except ValueError:
        return False
    return parsed.model_dump(mode="json", by_alias=True, exclude_none=True) == example
