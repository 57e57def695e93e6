"""An app with the Camunda pages in front of an in-process dev engine, and helpers to drive it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from camunda_core import CamundaClient
from camunda_core.models.incidents import Incident
from camunda_core.models.user_tasks import UserTask

RESOURCES = Path(__file__).resolve().parent / "resources"

#: A user task without a linked form, whose name is given by the test (escaped for XML).
PLAIN_TASK = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                  id="plain_definitions" targetNamespace="http://example.com/flask-tests">
  <bpmn:process id="{process_id}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:userTask id="check" name="{name}">
      <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>
"""
#: An exclusive gateway with no default flow: ``amount <= 10`` raises a condition incident.
GATEWAY = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  id="gateway_definitions" targetNamespace="http://example.com/flask-tests">
  <bpmn:process id="flask_gateway" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="big" />
    <bpmn:exclusiveGateway id="big"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="f2" sourceRef="big" targetRef="end">
      <bpmn:conditionExpression>= amount &gt; 10</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>
"""
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, page: str) -> str:
    """The CSRF token from a rendered page, as a browser would post it back."""
    response = client.get(page)
    assert response.status_code == 200, response.data[:500]
    found = _TOKEN.search(response.get_data(as_text=True))
    assert found, "the page has no CSRF token field"
    return found.group(1)


def post(client: FlaskClient, page: str, action: str, **data: Any) -> Any:
    """Submit a form of ``page`` to ``action`` with the page's CSRF token."""
    return client.post(action, data={"csrf_token": csrf_token(client, page), **data})


def start_user_task(
    camunda: CamundaClient, process_id: str, variables: dict[str, Any] | None = None
) -> UserTask:
    """Start an instance and return its user task once searchable."""
    instance = camunda.create_process_instance(process_id, variables=variables or {})
    result = camunda.wait_until(
        lambda: camunda.search_user_tasks({"processInstanceKey": instance.process_instance_key}),
        lambda page: bool(page.items),
        timeout=10,
        interval=0.05,
    )
    return result.items[0]


def make_incident(
    camunda: CamundaClient, message: str, variables: dict[str, Any] | None = None
) -> Incident:
    """An instance of flask_charge whose job failed with no retries left."""
    instance = camunda.create_process_instance(
        "flask_charge", variables={"order_id": "A-1", "amount": 5, **(variables or {})}
    )
    jobs = camunda.wait_until(
        lambda: camunda.activate_jobs("flask-charge", max_jobs=1, request_timeout_ms=1000),
        bool,
        timeout=10,
        interval=0.05,
    )
    camunda.fail_job(jobs[0].job_key, retries=0, error_message=message)
    result = camunda.wait_until(
        lambda: camunda.search_incidents(
            {"processInstanceKey": instance.process_instance_key, "state": "ACTIVE"}
        ),
        lambda page: bool(page.items),
        timeout=10,
        interval=0.05,
    )
    return result.items[0]


def eventually(
    camunda: CamundaClient, fetch: Callable[[], Any], predicate: Callable[[Any], bool]
) -> Any:
    return camunda.wait_until(fetch, predicate, timeout=10, interval=0.05)


def logged_in_app(make_app: Callable[..., Flask], **config: Any) -> Flask:
    """An app whose hook allows everything and whose user is ``anna``."""
    config.setdefault("CAMUNDA_VIEWS_AUTHORIZE", lambda action: True)
    config.setdefault("CAMUNDA_VIEWS_USER", lambda: "anna")
    return make_app("pages", **config)
