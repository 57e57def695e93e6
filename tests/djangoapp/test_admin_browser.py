"""The admin pages in a real headless Chromium against live_server and the dev engine:
S1 payloads stay inert text (no dialog, no injected element), and the pages work by clicking."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from djangoapp_support import PAYLOADS, deploy_named_task, open_incident, open_user_task

from camunda_core import CamundaClient

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Finds what an injection would have added: handler attributes, javascript: links, scripts
#: that mention alert(, and images pointing at "x".
INJECTED = """() => ({
  handlers: document.querySelectorAll('[onerror],[onfocus],[onmouseover],[onload]').length,
  jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
  scripts: [...document.scripts].filter(s => s.textContent.includes('alert(')).length,
  images: document.querySelectorAll('img[src="x"]').length,
})"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{CHROMIUM} is missing (apt-get install -y chromium)")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop marked as running in this thread, and Django
    # then refuses the ORM here ("async context"). Nothing runs on that loop while the test's
    # own code runs, so the check is switched off for this module only.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, live_server: Any, staff_user: Any) -> Iterator[Any]:
    """A page logged in to the admin through its login form, with dialogs recorded."""
    staff_user(
        "operator",
        "view_usertask",
        "assign_usertask",
        "complete_usertask",
        "view_incident",
        "resolve_incident",
    )
    context = browser.new_context(base_url=live_server.url)
    opened = context.new_page()
    opened.dialogs = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    opened.goto("/admin/login/")
    opened.fill("#id_username", "operator")
    opened.fill("#id_password", "not-a-secret")
    opened.click("input[type=submit]")
    opened.wait_for_url("**/admin/")
    yield opened
    context.close()


def _inert(page: Any) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)  # let any injected handler fire (onerror of a broken image)
    assert page.dialogs == []
    assert page.evaluate(INJECTED) == {"handlers": 0, "jsLinks": 0, "scripts": 0, "images": 0}


def test_payloads_are_inert_text_in_the_browser(page: Any, camunda: CamundaClient) -> None:
    """S1: script, attribute-breaking and javascript: payloads in variables, a task name, an
    incident message and a filter value are shown as text and never run."""
    deploy_named_task(camunda)
    variables = {f"payload_{i}": payload for i, payload in enumerate(PAYLOADS)}
    task = open_user_task(camunda, "payload-names", **variables)
    incident = open_incident(camunda, PAYLOADS[1] + " " + PAYLOADS[0])

    page.goto(f"/admin/camunda_django/usertask/{task.user_task_key}/change/")
    _inert(page)
    values = page.locator("#variables pre").all_inner_texts()
    assert sorted(values) == sorted(json.dumps(payload) for payload in PAYLOADS)
    assert page.locator("h1").inner_text() == "<img src=x onerror=alert('name')>"

    page.goto("/admin/camunda_django/usertask/?process=payload-names")
    _inert(page)
    link = page.locator(f'a[href$="/{task.user_task_key}/change/"]')
    assert link.inner_text() == "<img src=x onerror=alert('name')>"

    page.goto("/admin/camunda_django/usertask/?assignee=" + PAYLOADS[3].replace(" ", "+"))
    _inert(page)
    assert page.locator("input[name=assignee]").input_value() == PAYLOADS[3]

    page.goto(f"/admin/camunda_django/incident/{incident.incident_key}/change/")
    _inert(page)
    assert page.locator("#error-message").inner_text() == PAYLOADS[1] + " " + PAYLOADS[0]

    page.goto("/admin/camunda_django/incident/?process=notify")
    _inert(page)


def test_a_task_is_assigned_and_completed_by_clicking(page: Any, camunda: CamundaClient) -> None:
    task = open_user_task(camunda, "approval", amount=300)
    page.goto("/admin/camunda_django/usertask/?process=approval")
    page.locator(f'a[href$="/{task.user_task_key}/change/"]').click()
    page.click("#assign-to-me")
    assert "now assigned to operator" in page.locator(".messagelist").inner_text()
    assert camunda.get_user_task(task.user_task_key).assignee == "operator"

    page.fill("input[name='var:discount']", "75")
    page.click("#complete-form input[type=submit]")
    assert "the value must be at most 50" in page.locator(".errorlist").inner_text()
    assert camunda.get_user_task(task.user_task_key).state == "CREATED"

    page.fill("input[name='var:discount']", "5")
    page.check("input[name='var:approved']")
    page.click("#complete-form input[type=submit]")
    assert "Completed the task Approve the order." in page.locator(".messagelist").inner_text()
    assert camunda.get_user_task(task.user_task_key).state == "COMPLETED"
    assert page.dialogs == []


def test_an_incident_is_retried_by_clicking(page: Any, camunda: CamundaClient) -> None:
    incident = open_incident(camunda, "carrier timeout")
    page.goto("/admin/camunda_django/incident/?process=notify")
    page.locator(f'a[href$="/{incident.incident_key}/change/"]').click()
    assert page.locator("#error-message").inner_text() == "carrier timeout"
    page.fill("#retry-form input[name=retries]", "3")
    page.click("#retry-form button")
    assert "will run again (3 retries)" in page.locator(".messagelist").inner_text()
    assert camunda.get_incident(incident.incident_key).state == "RESOLVED"
