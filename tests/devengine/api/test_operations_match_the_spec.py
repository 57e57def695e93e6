"""The REST layer's own description of each operation matches the official 8.9 spec.

The request checks, filter fields, filter operators and sort fields are written by hand (the
spec is not shipped); these tests pin them to the spec, so a field the spec allows is never
refused and a field it does not know is never accepted.
"""

from __future__ import annotations

from typing import Any

import pytest
from devengine_operations import REQUIRED
from openapi_schema import SchemaTools
from openapi_spec import Spec

from camunda_core.devengine.api import (
    OPERATIONS,
    definitions,
    element_instances,
    incidents,
    jobs,
    process_instances,
    user_tasks,
    variables,
)
from camunda_core.devengine.api.decisions import BY_ID as DECISION_BY_ID
from camunda_core.devengine.api.decisions import BY_KEY as DECISION_BY_KEY
from camunda_core.devengine.api.dispatch import Operation
from camunda_core.devengine.api.search import Field, SearchSpec
from camunda_core.devengine.api.validation import Object

pytestmark = pytest.mark.spec

SEARCHES: dict[str, SearchSpec] = {
    "searchProcessDefinitions": definitions.PROCESS_SEARCH,
    "searchDecisionDefinitions": definitions.DECISION_SEARCH,
    "searchProcessInstances": process_instances.SEARCH,
    "searchProcessInstanceIncidents": incidents.SEARCH,
    "searchElementInstances": element_instances.SEARCH,
    "searchJobs": jobs.SEARCH,
    "searchUserTasks": user_tasks.SEARCH,
    "searchUserTaskVariables": variables.NAME_SEARCH,
    "searchUserTaskEffectiveVariables": user_tasks.EFFECTIVE_SEARCH,
    "searchIncidents": incidents.SEARCH,
    "searchVariables": variables.SEARCH,
}
#: Where we are stricter than the schema, following the spec's prose or Camunda's checks.
STRICTER_REQUIRED = {"assignUserTask": {"assignee"}}
BY_OPERATION = {op.operation_id: op for op in OPERATIONS}


def request_schema(spec: Spec, operation_id: str) -> dict[str, Any]:
    body = spec.operations[operation_id].request_body
    assert body is not None, f"{operation_id} takes no body in the spec"
    return dict(next(iter(body["content"].values()))["schema"])


def test_every_required_operation_is_served() -> None:
    assert set(BY_OPERATION) >= REQUIRED, sorted(REQUIRED - set(BY_OPERATION))


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.operation_id)
def test_method_and_path_are_the_specs(operation: Operation, spec: Spec) -> None:
    documented = spec.operations[operation.operation_id]
    assert (operation.method, operation.path) == (documented.method, documented.path)


def _compare_object(ours: Object, theirs: dict[str, Any], tools: SchemaTools, name: str) -> None:
    assert set(ours.fields) == tools.property_names(theirs), name
    stricter = STRICTER_REQUIRED.get(name, set())
    assert set(ours.required) - stricter == tools.required_names(theirs), name
    assert ours.closed == (tools.resolve(theirs).get("additionalProperties") is False), name


@pytest.mark.parametrize(
    "operation",
    [op for op in OPERATIONS if isinstance(op.body, Object)],
    ids=lambda op: op.operation_id,
)
def test_body_fields_are_the_specs(
    operation: Operation, spec: Spec, schema_tools: SchemaTools
) -> None:
    assert isinstance(operation.body, Object)
    schema = request_schema(spec, operation.operation_id)
    _compare_object(operation.body, schema, schema_tools, operation.operation_id)


@pytest.mark.parametrize(
    ("operation_id", "ours"),
    [
        ("createProcessInstance", process_instances.BY_ID),
        ("createProcessInstance", process_instances.BY_KEY),
        ("evaluateDecision", DECISION_BY_ID),
        ("evaluateDecision", DECISION_BY_KEY),
    ],
)
def test_one_of_bodies_match_a_branch(
    operation_id: str, ours: Object, spec: Spec, schema_tools: SchemaTools
) -> None:
    branches = schema_tools.resolve(request_schema(spec, operation_id))["oneOf"]
    names = [schema_tools.property_names(b) for b in branches]
    matching = [b for b, n in zip(branches, names, strict=True) if n == set(ours.fields)]
    assert matching, f"no branch of {operation_id} has the fields {sorted(ours.fields)}"
    _compare_object(ours, matching[0], schema_tools, operation_id)


def _filter_properties(spec: Spec, tools: SchemaTools, operation_id: str) -> dict[str, Any]:
    schema = request_schema(spec, operation_id)
    filter_schema = tools._property(schema, "filter")
    return {
        name: tools._property(filter_schema, name) for name in tools.property_names(filter_schema)
    }


@pytest.mark.parametrize(("operation_id", "search"), SEARCHES.items(), ids=list(SEARCHES))
def test_filter_and_sort_fields_are_the_specs(
    operation_id: str, search: SearchSpec, spec: Spec, schema_tools: SchemaTools
) -> None:
    expected = set(_filter_properties(spec, schema_tools, operation_id))
    ours = search.filter_names() | ({"$or"} if search.or_groups else set())
    assert ours == expected
    sort_items = schema_tools._property(request_schema(spec, operation_id), "sort")["items"]
    sort_enum = schema_tools.resolve(schema_tools._property(sort_items, "field"))["enum"]
    assert set(search.sorts) == set(sort_enum)


def _operators(tools: SchemaTools, prop: dict[str, Any]) -> set[str]:
    """The operator names a filter property takes (empty: a plain value only)."""
    node = tools.resolve(prop)
    while "allOf" in node and len(node["allOf"]) == 1 and "oneOf" not in node:
        node = tools.resolve(node["allOf"][0])
    operators: set[str] = set()
    for branch in node.get("oneOf", []):
        if tools._json_type(branch) == "object":
            operators |= tools.property_names(branch)
    return operators


@pytest.mark.parametrize(("operation_id", "search"), SEARCHES.items(), ids=list(SEARCHES))
def test_filter_operators_are_the_specs(
    operation_id: str, search: SearchSpec, spec: Spec, schema_tools: SchemaTools
) -> None:
    for name, prop in _filter_properties(spec, schema_tools, operation_id).items():
        field = search.fields.get(name)
        if isinstance(field, Field):
            assert set(field.kind.operators) == _operators(schema_tools, prop), name
