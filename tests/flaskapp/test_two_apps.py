"""Two Flask apps in one process, one extension object: each app's worker talks to its own
engine with its own settings, and its handlers run in its own app context."""

from __future__ import annotations

import asyncio
from contextlib import ExitStack
from typing import Any

import pytest
from flask import Flask, current_app

from camunda_core import CamundaClient, JobWorker
from camunda_core.devengine import DevEngine
from camunda_flask import Camunda, get_state
from camunda_flask.signals import job_completed

from .conftest import AppFactory
from .pages_support import RESOURCES

pytestmark = pytest.mark.slow


def test_each_app_runs_its_jobs_against_its_own_engine(make_app: AppFactory) -> None:
    camunda = Camunda()

    @camunda.job_worker("flask-charge")
    def charge(order_id: str) -> dict[str, Any]:
        return {"app": current_app.name, "region": current_app.config["REGION"]}

    with ExitStack() as stack:
        apps: list[tuple[Flask, CamundaClient]] = []
        for region in ("eu", "us"):
            engine = stack.enter_context(DevEngine())
            url = stack.enter_context(engine.serve())
            app = make_app(
                f"shop_{region}",
                REGION=region,
                CAMUNDA_REST_ADDRESS=url,
                CAMUNDA_USER_TASK_LISTENER_TYPE=None,
                CAMUNDA_WORKER_REQUEST_TIMEOUT_MS=1000,
                CAMUNDA_WORKER_SHUTDOWN_GRACE_MS=2000,
            )
            camunda.init_app(app)
            client = stack.enter_context(CamundaClient(rest_address=url))
            client.create_deployment(RESOURCES / "charge.bpmn")
            apps.append((app, client))

        completed: list[tuple[str, str]] = []

        def on_completed(sender: Flask, *, variables: dict[str, Any], **_: Any) -> None:
            completed.append((sender.name, variables["app"]))

        for app, _ in apps:
            job_completed.connect(on_completed, sender=app)
            stack.callback(job_completed.disconnect, on_completed, sender=app)
        keys = {
            app.name: [
                client.create_process_instance(
                    "flask_charge", variables={"order_id": f"{app.name}-{n}", "amount": 1}
                ).process_instance_key
                for n in range(3)
            ]
            for app, client in apps
        }
        asyncio.run(_run_until_done(apps, keys))
        for app, client in apps:
            for key in keys[app.name]:
                variables = {
                    v.name: v.json_value()
                    for v in client.iter_variables({"processInstanceKey": key})
                }
                assert variables["app"] == app.name
                assert variables["region"] == app.config["REGION"]
            get_state(app).signal_sink.close()
        assert sorted(completed) == sorted(
            [("shop_eu", "shop_eu")] * 3 + [("shop_us", "shop_us")] * 3
        )


async def _run_until_done(
    apps: list[tuple[Flask, CamundaClient]], keys: dict[str, list[str]]
) -> None:
    workers = [
        JobWorker(
            get_state(app).router, settings=get_state(app).settings, sinks=get_state(app).sinks
        )
        for app, _ in apps
    ]
    running = [asyncio.ensure_future(worker.run()) for worker in workers]
    try:
        for app, client in apps:
            for key in keys[app.name]:
                await asyncio.to_thread(
                    client.wait_until,
                    lambda key=key, client=client: client.get_process_instance(key),
                    lambda instance: instance.state == "COMPLETED",
                    timeout=20,
                    interval=0.1,
                )
    finally:
        for worker in workers:
            worker.stop()
        await asyncio.wait_for(asyncio.gather(*running), timeout=20)
