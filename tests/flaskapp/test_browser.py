"""S1 in a real headless browser: payloads in variables, error messages, task names and form
values are shown as inert text on every page.

The test app replaces the pages' Content-Security-Policy with one that allows inline scripts,
so an escaping bug would run here; what is checked is the escaping alone.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from html import escape
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from camunda_core import CamundaClient
from camunda_core.devengine import DevEngine
from camunda_flask import Camunda, get_state

from .conftest import AppFactory
from .pages_support import PLAIN_TASK, RESOURCES, logged_in_app, make_incident, start_user_task

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAYLOADS = [
    '<script>window.__xss = "script"</script>',
    "<img src=x onerror=\"window.__xss='img'\">",
    '"><svg onload="window.__xss=\'svg\'">',
    "' onmouseover='window.__xss=1' x='",
    'javascript:window.__xss="js"',
    '</textarea></pre><script>window.__xss="close"</script>',
    "{{ 7*7 }}",
]
PAYLOAD = " ".join(PAYLOADS)
INJECTED = "script, img, svg, iframe, [onerror], [onload], [onmouseover], a[href^='javascript:']"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        message = f"S1 needs Debian's chromium at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def site(make_app: AppFactory) -> Iterator[tuple[str, CamundaClient]]:
    """The app served over real HTTP on loopback, in front of an in-process dev engine."""
    with DevEngine() as engine, engine.client() as camunda:
        camunda.create_deployment(
            RESOURCES / "approve.bpmn", RESOURCES / "review.form", RESOURCES / "charge.bpmn"
        )
        camunda.create_deployment(
            ("hostile.bpmn", PLAIN_TASK.format(process_id="hostile", name=escape(PAYLOAD)))
        )
        app = logged_in_app(make_app)
        Camunda(app)
        get_state(app).use_client(engine.client())
        _allow_inline_scripts(app)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", camunda
        finally:
            server.shutdown()
            server.server_close()
            thread.join(10)


def _allow_inline_scripts(app: Flask) -> None:
    @app.after_request
    def permissive(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = "script-src 'unsafe-inline'"
        return response


def _assert_inert(page: Any, *, shows_payload: bool = True) -> None:
    assert page.evaluate("window.__xss") is None, "an injected script ran"
    assert page.locator(INJECTED).count() == 0, page.content()[:3000]
    text = page.inner_text("body")
    if shows_payload:
        for payload in PAYLOADS:
            as_json = json.dumps(payload, ensure_ascii=False)[1:-1]  # how variables show it
            assert payload in text or as_json in text, f"{payload!r} is not shown as text"


def test_payloads_are_inert_text_on_every_page(
    chromium: Any, site: tuple[str, CamundaClient]
) -> None:
    base, camunda = site
    hostile = {"note": PAYLOAD, "nested": {PAYLOAD: [PAYLOAD]}}
    task = start_user_task(camunda, "hostile", hostile)
    formed = start_user_task(camunda, "flask_approve", {**hostile, "amount": PAYLOAD})
    incident = make_incident(camunda, PAYLOAD, hostile)
    context = chromium.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        for path in (
            "/camunda/tasks",
            f"/camunda/tasks/{task.user_task_key}",
            f"/camunda/tasks/{formed.user_task_key}",
            "/camunda/incidents",
            f"/camunda/incidents/{incident.incident_key}",
        ):
            response = page.goto(base + path)
            assert response is not None, path
            assert response.status == 200, path
            _assert_inert(page, shows_payload=path != "/camunda/incidents")
        page.goto(f"{base}/camunda/incidents")
        assert PAYLOADS[0] in page.inner_text("body")  # the list shows the message's start

        # the linked form keeps a hostile default as the field's value, never as markup
        page.goto(f"{base}/camunda/tasks/{formed.user_task_key}")
        assert page.input_value("input[name=amount]") == PAYLOAD
        # a malformed submission shows the typed payload back in the error and the field
        page.fill("input[name=amount]", PAYLOADS[1])
        with page.expect_navigation():
            page.click("button[type=submit]:has-text('Complete')")
        _assert_inert(page, shows_payload=False)
        assert "is not a number" in page.inner_text("body")
        assert page.input_value("input[name=amount]") == PAYLOADS[1]
        assert camunda.get_user_task(formed.user_task_key).state == "CREATED"
    finally:
        context.close()
    assert dialogs == []
