"""Requests the spec does not allow are refused as a cluster would: a problem detail that names
what is wrong, never a silent acceptance that would work here and fail against Camunda."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


def problem_of(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["instance"] == response.request.url.path
    return body


def test_unknown_path_is_a_404_problem(raw: httpx.Client) -> None:
    body = problem_of(raw.get("/no-such-thing"), 404)
    assert "/v2/no-such-thing" in body["detail"]


def test_path_outside_the_api_is_a_404_problem(raw: httpx.Client) -> None:
    problem_of(raw.get("http://devengine/v1/topology"), 404)


def test_wrong_method_is_a_405_with_allow(raw: httpx.Client) -> None:
    response = raw.delete("/topology")
    problem_of(response, 405)
    assert response.headers["allow"] == "GET"


def test_wrong_method_on_a_templated_path_lists_the_allowed_ones(raw: httpx.Client) -> None:
    response = raw.put("/user-tasks/1")
    problem_of(response, 405)
    assert set(response.headers["allow"].split(", ")) == {"GET", "PATCH"}


def test_a_literal_path_wins_over_a_parameter(raw: httpx.Client) -> None:
    response = raw.post("/process-instances/search", json={})
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("key", ["abc", "12a", "1" * 26])
def test_a_path_key_that_is_not_a_long_key_is_refused(raw: httpx.Client, key: str) -> None:
    body = problem_of(raw.get(f"/process-instances/{key}"), 400)
    assert body["detail"].startswith("processInstanceKey:")


def test_malformed_json_is_refused(raw: httpx.Client) -> None:
    response = raw.post(
        "/jobs/activation", content=b'{"type": "x",', headers={"content-type": "application/json"}
    )
    assert "not valid JSON" in problem_of(response, 400)["detail"]


def test_a_required_body_must_be_there(raw: httpx.Client) -> None:
    assert "required" in problem_of(raw.post("/jobs/activation"), 400)["detail"]


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        (
            {"type": "a", "timeout": 1, "maxJobsToActivate": 1, "extra": 1},
            "extra",
            "not a known field",
        ),
        ({"type": "a", "timeout": "1", "maxJobsToActivate": 1}, "timeout", "must be an integer"),
        ({"type": "a", "timeout": True, "maxJobsToActivate": 1}, "timeout", "must be an integer"),
        ({"type": "a", "timeout": 1}, "maxJobsToActivate", "is required"),
        ({"type": "a", "timeout": 1, "maxJobsToActivate": 2**31}, "maxJobsToActivate", "at most"),
        (
            {"type": "a", "timeout": 1, "maxJobsToActivate": 1, "tenantIds": ["bad tenant"]},
            "tenantIds[0]",
            "does not match",
        ),
        (
            {"type": "a", "timeout": 1, "maxJobsToActivate": 1, "tenantFilter": "MINE"},
            "tenantFilter",
            "one of",
        ),
        ({"type": "", "timeout": 1, "maxJobsToActivate": 1}, "type", "at least 1"),
    ],
)
def test_activation_body_errors_name_the_field(
    raw: httpx.Client, body: dict[str, Any], field: str, reason: str
) -> None:
    detail = problem_of(raw.post("/jobs/activation", json=body), 400)["detail"]
    assert detail.startswith(f"{field}:")
    assert reason in detail


def test_nested_errors_name_the_path(raw: httpx.Client) -> None:
    body = {"changeset": {"retries": "three"}}
    detail = problem_of(raw.patch("/jobs/1", json=body), 400)["detail"]
    assert detail.startswith("changeset.retries:")


def test_both_creation_shapes_at_once_are_refused(raw: httpx.Client) -> None:
    body = {"processDefinitionKey": "1", "processDefinitionId": "order"}
    detail = problem_of(raw.post("/process-instances", json=body), 400)["detail"]
    assert detail.startswith("processDefinitionId:")


def test_search_filter_errors_name_the_path(raw: httpx.Client) -> None:
    response = raw.post("/process-instances/search", json={"filter": {"state": {"$gt": "ACTIVE"}}})
    detail = problem_of(response, 400)["detail"]
    assert detail.startswith("filter.state.$gt:")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"filter": {"nope": 1}}, "filter.nope"),
        ({"sort": [{"field": "nope"}]}, "sort[0].field"),
        ({"sort": [{"field": "startDate", "order": "UP"}]}, "sort[0].order"),
        ({"page": {"limit": 0}}, "page.limit"),
        ({"page": {"limit": 10_001}}, "page.limit"),
        ({"page": {"from": -1}}, "page.from"),
        ({"page": {"after": "!!"}}, "page.after"),
        ({"page": {"from": 1, "after": "WzFd"}}, "page"),
        ({"filter": {"startDate": "yesterday"}}, "filter.startDate"),
        ({"filter": {"$or": [{"state": "DONE"}]}}, "filter.$or[0].state"),
        ({"filter": {"variables": [{"name": "x"}]}}, "filter.variables[0]"),
        ({"wrong": 1}, "wrong"),
    ],
)
def test_search_request_errors_name_the_field(raw: httpx.Client, body: Any, field: str) -> None:
    detail = problem_of(raw.post("/process-instances/search", json=body), 400)["detail"]
    assert detail.startswith(f"{field}:"), detail


def test_effective_variables_take_offset_paging_only(raw: httpx.Client) -> None:
    response = raw.post(
        "/user-tasks/1/effective-variables/search", json={"page": {"after": "WzFd"}}
    )
    assert problem_of(response, 400)["detail"].startswith("page.after:")


def test_a_cursor_of_another_sort_is_refused(raw: httpx.Client) -> None:
    cursor = "WzEsMl0="  # [1,2]: a position for one sort field
    body = {"page": {"after": cursor}}
    detail = problem_of(raw.post("/process-instances/search", json=body), 400)["detail"]
    assert "sort" in detail


def test_truncate_values_must_be_a_boolean(raw: httpx.Client) -> None:
    response = raw.post("/variables/search?truncateValues=maybe", json={})
    assert problem_of(response, 400)["detail"].startswith("truncateValues:")


def test_deployment_without_resources_is_refused(raw: httpx.Client) -> None:
    response = raw.post("/deployments", data={"tenantId": "<default>"}, files={"x": ("a", b"")})
    assert problem_of(response, 400)["detail"].startswith("x:")


def test_deployment_that_is_not_multipart_is_refused(raw: httpx.Client) -> None:
    problem_of(raw.post("/deployments", json={"resources": []}), 400)
