"""Fault hooks: each does what it says, in process and over a real socket."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fake_engine import FakeEngine, job_record

from camunda_core.client import RetryPolicy
from camunda_core.devengine import DevEngine
from camunda_core.devengine.http import Request, Response, is_loopback
from camunda_core.errors import BackpressureError, CamundaTransportError, NotFoundError

JOB = "2251799813686000"
ACTIVATE = {"type": "work", "timeout": 60_000, "maxJobsToActivate": 1, "requestTimeout": -1}


@pytest.fixture(params=["in-process", "socket"])
def http(request: pytest.FixtureRequest, dev: DevEngine) -> Iterator[httpx.Client]:
    """A bare client to the engine, once in process and once over loopback HTTP."""
    if request.param == "in-process":
        with httpx.Client(transport=dev.transport(), base_url="http://devengine/v2") as h:
            yield h
    else:
        with dev.serve() as url, httpx.Client(base_url=url) as h:
            yield h


@pytest.fixture
def activated(fake: FakeEngine, http: httpx.Client) -> str:
    """An activated job, ready to be completed."""
    fake.add_job(job_record(JOB))
    assert http.post("/jobs/activation", json=ACTIVATE).json()["jobs"][0]["jobKey"] == JOB
    return JOB


def test_status_n_times_then_normal(dev: DevEngine, http: httpx.Client) -> None:
    fault = dev.faults.answer_status("getTopology", 503, times=3)
    answers = [http.get("/topology") for _ in range(4)]
    assert [a.status_code for a in answers] == [503, 503, 503, 200]
    assert answers[0].json()["title"] == "RESOURCE_EXHAUSTED"
    assert fault.hits == 3


def test_status_fault_does_not_run_the_command(
    dev: DevEngine, fake: FakeEngine, http: httpx.Client, activated: str
) -> None:
    dev.faults.answer_status("completeJob", 503, times=1)
    assert http.post(f"/jobs/{activated}/completion").status_code == 503
    assert fake.store.jobs[activated].state == "CREATED"
    assert http.post(f"/jobs/{activated}/completion").status_code == 204


def test_the_client_retries_backpressure_then_succeeds(dev: DevEngine, activated: str) -> None:
    dev.faults.answer_status("completeJob", 503, times=3)
    retry = RetryPolicy(max_attempts=5, base_delay=0.001, max_delay=0.002)
    with dev.client(retry=retry) as camunda:
        camunda.complete_job(activated)
    dev.faults.answer_status("completeJob", 503, times=1)
    with dev.client(retry=RetryPolicy(max_attempts=1)) as camunda, pytest.raises(BackpressureError):
        camunda.complete_job(activated)


def test_delay_holds_the_answer(dev: DevEngine, http: httpx.Client) -> None:
    dev.faults.delay("getTopology", 0.5, times=1)
    with pytest.raises(httpx.ReadTimeout):
        http.get("/topology", timeout=0.1)
    dev.faults.delay("getTopology", 0.2, times=1)
    assert http.get("/topology", timeout=5).status_code == 200


def test_drop_closes_without_an_answer_and_without_running(
    dev: DevEngine, fake: FakeEngine, http: httpx.Client, activated: str
) -> None:
    dev.faults.drop("completeJob")
    with pytest.raises(httpx.RemoteProtocolError):
        http.post(f"/jobs/{activated}/completion")
    assert fake.store.jobs[activated].state == "CREATED"
    assert http.post(f"/jobs/{activated}/completion").status_code == 204


def test_hang_never_answers(
    dev: DevEngine, fake: FakeEngine, http: httpx.Client, activated: str
) -> None:
    dev.faults.hang("completeJob", times=1)
    with pytest.raises(httpx.ReadTimeout):
        http.post(f"/jobs/{activated}/completion", timeout=0.3)
    assert fake.store.jobs[activated].state == "CREATED"
    assert http.post(f"/jobs/{activated}/completion", timeout=5).status_code == 204


def test_lost_response_after_commit(
    dev: DevEngine, fake: FakeEngine, http: httpx.Client, activated: str
) -> None:
    dev.faults.lose_response("completeJob")
    with pytest.raises(httpx.RemoteProtocolError):
        http.post(f"/jobs/{activated}/completion")
    assert fake.store.jobs[activated].state == "COMPLETED"  # the change took effect
    retry = http.post(f"/jobs/{activated}/completion")
    assert retry.status_code == 404  # F9: the retry finds the job gone


def test_our_client_sees_transport_errors(dev: DevEngine, activated: str) -> None:
    with dev.client(retry=RetryPolicy(max_attempts=1)) as camunda:
        dev.faults.lose_response("completeJob")
        with pytest.raises(CamundaTransportError):
            camunda.complete_job(activated)
        with pytest.raises(NotFoundError):
            camunda.complete_job(activated)


def test_a_wildcard_fault_hits_every_operation_and_clear_ends_it(
    dev: DevEngine, http: httpx.Client
) -> None:
    dev.faults.answer_status("*", 500, times=None, title="INTERNAL")
    assert http.get("/topology").status_code == 500
    assert http.post("/jobs/search").status_code == 500
    dev.faults.clear()
    assert http.get("/topology").status_code == 200


def test_faults_apply_after_authentication_and_routing(dev: DevEngine, http: httpx.Client) -> None:
    dev.faults.answer_status("*", 503, times=None)
    assert http.get("/no-such-operation").status_code == 404


def test_the_admin_endpoint_adds_lists_and_clears(dev: DevEngine, served: str) -> None:
    admin = served.removesuffix("/v2") + "/_devengine/faults"
    created = httpx.post(
        admin, json={"operation": "getTopology", "kind": "status", "status": 503, "times": 2}
    )
    assert created.status_code == 201
    fault_id = created.json()["id"]
    assert [httpx.get(f"{served}/topology").status_code for _ in range(3)] == [503, 503, 200]
    listed = httpx.get(admin).json()["faults"]
    assert [(f["id"], f["hits"]) for f in listed] == [(fault_id, 2)]
    assert httpx.delete(f"{admin}/{fault_id}").status_code == 204
    assert httpx.delete(f"{admin}/{fault_id}").status_code == 404
    httpx.post(admin, json={"operation": "*", "kind": "hang"})
    assert httpx.delete(admin).status_code == 204
    assert dev.faults.list() == []


@pytest.mark.parametrize(
    "body",
    [
        {"operation": "x", "kind": "explode"},
        {"operation": "x", "kind": "status", "status": "503"},
        {"operation": "x", "kind": "status", "times": 0},
        {"kind": "drop"},
        {"operation": "x", "kind": "drop", "when": "now"},
        [],
    ],
)
def test_the_admin_endpoint_refuses_bad_faults(served: str, body: object) -> None:
    admin = served.removesuffix("/v2") + "/_devengine/faults"
    assert httpx.post(admin, json=body).status_code == 400


def test_the_admin_endpoint_refuses_other_machines(dev: DevEngine) -> None:
    answer = dev.app.handle(
        Request("POST", "/_devengine/faults", body=b"{}", client="192.168.1.20")
    )
    assert isinstance(answer, Response)
    assert answer.status == 403
    assert dev.faults.list() == []


@pytest.mark.parametrize(
    ("client", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("10.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("fe80::1%eth0", False),
        ("localhost", False),
        ("", False),
        (None, False),
    ],
)
def test_loopback_check(client: str | None, loopback: bool) -> None:
    assert is_loopback(client) is loopback
