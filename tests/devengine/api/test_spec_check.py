"""The spec check that every dev engine response of the suite goes through: it must catch what
does not fit the 8.9 spec, pass what does, and be registered for the whole session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spec_check import REPORT_ENV, SpecCheck, SpecObserver, strict_observer

from camunda_core.devengine.http import Application, Request, Response, Router
from camunda_core.devengine.http.messages import Delivery, json_response, problem
from camunda_core.devengine.http.observers import global_observers

pytestmark = pytest.mark.spec

INSTANCE: dict[str, Any] = {
    "processInstanceKey": "2251799813685249",
    "processDefinitionKey": "2251799813685250",
    "processDefinitionId": "order",
    "processDefinitionName": None,
    "processDefinitionVersion": 1,
    "processDefinitionVersionTag": None,
    "startDate": "2025-09-07T21:36:14.277Z",
    "endDate": None,
    "state": "ACTIVE",
    "hasIncident": False,
    "tenantId": "<default>",
    "parentProcessInstanceKey": None,
    "parentElementInstanceKey": None,
    "rootProcessInstanceKey": None,
    "tags": [],
    "businessId": None,
}


@pytest.fixture(scope="module")
def check() -> SpecCheck:
    observer = SpecObserver()
    if not observer.active:
        pytest.skip("the 8.9 spec is not available (CI fails instead)")
    return SpecCheck.from_environment()


def request(path: str = "/v2/process-instances/2251799813685249") -> Request:
    return Request("GET", path)


def test_a_fitting_answer_passes(check: SpecCheck) -> None:
    assert check.problems(request(), json_response(INSTANCE), "getProcessInstance") == []


def test_a_missing_required_nullable_field_is_caught(check: SpecCheck) -> None:
    body = {k: v for k, v in INSTANCE.items() if k != "endDate"}
    found = check.problems(request(), json_response(body), "getProcessInstance")
    assert any("endDate" in line for line in found)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("startDate", "2025-09-07 21:36"),
        ("state", "RUNNING"),
        ("processDefinitionVersion", "1"),
        ("processInstanceKey", 2251799813685249),
        ("processDefinitionId", "1order"),
    ],
)
def test_a_wrong_value_is_caught(check: SpecCheck, field: str, value: Any) -> None:
    found = check.problems(
        request(), json_response({**INSTANCE, field: value}), "getProcessInstance"
    )
    assert any(line.startswith(field) for line in found), found


def test_a_unicode_process_id_fits_the_letter_pattern(check: SpecCheck) -> None:
    body = {**INSTANCE, "processDefinitionId": "Bestellung_Überprüfung"}
    assert check.problems(request(), json_response(body), "getProcessInstance") == []


def test_an_undocumented_status_is_caught(check: SpecCheck) -> None:
    answer = problem(409, "CONFLICT", "no", "/v2/process-instances/1")
    assert "not documented" in check.problems(request(), answer, "getProcessInstance")[0]


def test_auth_and_server_errors_are_allowed_everywhere(check: SpecCheck) -> None:
    for status in (401, 403, 500):
        answer = problem(status, "x", "y", "/v2/status")
        assert check.problems(request("/v2/status"), answer, "getStatus") == []


def test_an_injected_status_needs_only_be_a_problem_detail(check: SpecCheck) -> None:
    answer = problem(429, "RESOURCE_EXHAUSTED", "slow down", "/v2/topology")
    answer.injected = True
    assert check.problems(request("/v2/topology"), answer, "getTopology") == []
    broken = Response(429, b"{}", "application/problem+json")
    broken.injected = True
    assert check.problems(request("/v2/topology"), broken, "getTopology")


def test_no_answer_on_purpose_is_not_checked(check: SpecCheck) -> None:
    dropped = Response(0)
    dropped.injected, dropped.action = True, Delivery.DROP
    assert check.problems(request(), dropped, "getProcessInstance") == []


def test_a_wrong_content_type_is_caught(check: SpecCheck) -> None:
    answer = Response(200, json.dumps(INSTANCE).encode(), "text/plain")
    assert "content type" in check.problems(request(), answer, "getProcessInstance")[0]


def test_a_204_with_a_body_where_none_is_documented_is_caught(check: SpecCheck) -> None:
    answer = Response(200, b"{}", "application/json")
    assert check.problems(request("/v2/status"), answer, "getStatus")


def test_unrouted_api_errors_must_be_problem_details(check: SpecCheck) -> None:
    assert check.problems(request("/v2/nope"), Response(404, b"nope", "text/plain"), None)
    assert (
        check.problems(request("/v2/nope"), problem(404, "Not Found", "x", "/v2/nope"), None) == []
    )


def test_the_session_observer_sees_every_engine_response() -> None:
    """A deliberately broken answer of an engine is reported to the suite's observer."""
    session = [o for o in global_observers() if isinstance(o, SpecObserver)]
    assert len(session) == 1, "tests/conftest.py registers one observer for the session"
    observer = session[0]
    if not observer.active:
        pytest.skip("the 8.9 spec is not available (CI fails instead)")
    router = Router()
    router.add(
        "GET", "/topology", "getTopology", lambda req, params: json_response({"brokers": []})
    )
    answer = Application(router).handle(Request("GET", "/v2/topology"))
    assert isinstance(answer, Response)
    found = observer.take()  # taken here, so this test itself does not fail
    assert any("clusterSize" in line for line in found), found


def test_the_strict_observer_turns_a_violation_into_a_500_and_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check: SpecCheck
) -> None:
    """What an engine in another process does with ``--observer spec_check:strict_observer``."""
    report = tmp_path / "violations.txt"
    monkeypatch.setenv(REPORT_ENV, str(report))
    router = Router()
    router.add("GET", "/topology", "getTopology", lambda req, params: json_response({}))
    app = Application(router)
    app.add_response_observer(strict_observer)
    answer = app.handle(Request("GET", "/v2/topology"))
    assert isinstance(answer, Response)
    assert answer.status == 500
    assert "brokers" in answer.json()["detail"]
    assert "getTopology" in report.read_text()
    session = [o for o in global_observers() if isinstance(o, SpecObserver)]
    session[0].take()  # the session observer saw the broken answer too; it was on purpose
