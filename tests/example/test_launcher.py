"""The launcher end to end: ``python -m example_project`` starts everything, a newcomer's first
order flows through, Ctrl-C stops every child cleanly; a dead child or a failed step stops
the rest; a taken port is refused before anything starts."""

from __future__ import annotations

import os
import re
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from launcher_support import RunningLauncher, all_gone, clean_environment, free_port

from camunda_core import CamundaClient

SMALL_ORDER = {
    "customer": "Ada Lovelace",
    "tier": "standard",
    "item": "keyboard",
    "quantity": "1",
    "card_number": "4242 4242 4242 4242",
}


@pytest.fixture
def launchers() -> Iterator[list[RunningLauncher]]:
    """Launchers a test starts; killed with their children if the test fails midway."""
    started: list[RunningLauncher] = []
    yield started
    for launcher in started:
        launcher.close()


def _csrf(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, page[:2000]
    return match.group(1)


def _wait_state(camunda: CamundaClient, key: str, element: str | None) -> None:
    """Wait until the instance is at ``element`` (None: completed); bounded by the client."""

    def there() -> bool:
        if element is None:
            return str(camunda.get_process_instance(key).state) == "COMPLETED"
        found = camunda.search_element_instances({"processInstanceKey": key, "state": "ACTIVE"})
        return element in [e.element_id for e in found.items]

    # ``bool`` as the predicate: without one, wait_until returns the first answer, even False.
    camunda.wait_until(there, bool, timeout=20, description=f"instance {key} at {element}")


@pytest.mark.slow
def test_the_launcher_runs_the_example_and_stops_it_cleanly(
    tmp_path: Path, launchers: list[RunningLauncher]
) -> None:
    site_port, engine_port, flask_port, flask_engine_port = (free_port() for _ in range(4))
    launcher = RunningLauncher(
        *("--site-port", str(site_port), "--engine-port", str(engine_port)),
        *("--with-flask", "--flask-port", str(flask_port)),
        *("--flask-engine-port", str(flask_engine_port), "--var", str(tmp_path)),
    )
    launchers.append(launcher)
    launcher.wait_for_line("Ready", timeout=120)
    pids = launcher.child_pids()
    assert set(pids) == {
        "dev engine",
        "Django site",
        "Camunda worker",
        "Flask engine",
        "Flask app",
        "Flask worker",
    }
    password = re.search(r"Login\s+admin / (\S+)", launcher.output)
    assert password, launcher.output
    site, engine = f"http://127.0.0.1:{site_port}", f"http://127.0.0.1:{engine_port}/v2"
    assert f"Engine REST  {engine}" in launcher.output

    assert httpx.get(f"{engine}/topology").json()["brokers"]
    assert httpx.get(f"http://127.0.0.1:{flask_port}/").status_code == 200
    with (
        httpx.Client(base_url=site, headers={"Referer": site + "/"}) as web,
        CamundaClient(rest_address=engine) as camunda,
    ):
        login = web.get("/admin/login/")
        assert login.status_code == 200
        logged_in = web.post(
            "/admin/login/",
            data={
                "username": "admin",
                "password": password.group(1),
                "csrfmiddlewaretoken": _csrf(login.text),
                "next": "/admin/",
            },
        )
        assert (logged_in.status_code, logged_in.headers["location"]) == (302, "/admin/")

        placed = web.post(
            "/", data={**SMALL_ORDER, "csrfmiddlewaretoken": _csrf(web.get("/").text)}
        )
        assert placed.status_code == 302, placed.text[:2000]
        detail = web.get(placed.headers["location"]).text
        key = re.search(r'data-process-instance="(\d+)"', detail)
        assert key, detail[:2000]
        _wait_state(camunda, key.group(1), "Event_PaymentConfirmed")
        detail = web.get(placed.headers["location"]).text
        confirmed = web.post(
            placed.headers["location"] + "confirm-payment/",
            data={"csrfmiddlewaretoken": _csrf(detail)},
        )
        assert confirmed.status_code == 302
        _wait_state(camunda, key.group(1), None)

    assert launcher.stop(signal.SIGINT) == 0, launcher.output
    assert "Stopped cleanly." in launcher.output
    assert all_gone(list(pids.values())) == [], launcher.output
    assert (tmp_path / "engine.json").is_file()  # the engine's state survives a restart
    assert (tmp_path / "db.sqlite3").is_file()


@pytest.mark.slow
def test_a_child_that_dies_stops_the_others_and_the_launcher_says_which(
    tmp_path: Path, launchers: list[RunningLauncher]
) -> None:
    site_port, engine_port = free_port(), free_port()
    launcher = RunningLauncher(
        *("--site-port", str(site_port), "--engine-port", str(engine_port), "--var", str(tmp_path))
    )
    launchers.append(launcher)
    launcher.wait_for_line("Ready", timeout=120)
    pids = launcher.child_pids()
    os.kill(pids["Camunda worker"], signal.SIGKILL)
    assert launcher.wait() == 1
    assert "worker exited unexpectedly with code -9" in launcher.output
    assert all_gone(list(pids.values())) == [], launcher.output


@pytest.mark.slow
def test_a_failed_start_step_stops_what_was_started(
    tmp_path: Path, launchers: list[RunningLauncher]
) -> None:
    launcher = RunningLauncher(
        *("--site-port", str(free_port()), "--engine-port", str(free_port())),
        *("--var", str(tmp_path)),
        env=clean_environment(DATABASE_URL="nosuchdb://nowhere/example"),
    )
    launchers.append(launcher)
    assert launcher.wait() == 1
    assert "The example did not start: migrate exited with 1" in launcher.output
    assert "nosuchdb" in launcher.output  # the child's own words
    assert all_gone(list(launcher.child_pids().values())) == []


def test_a_taken_port_is_refused_with_the_option_that_changes_it(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        launcher = RunningLauncher(
            *("--site-port", str(port), "--engine-port", str(free_port())),
            *("--var", str(tmp_path)),
        )
        assert launcher.wait(30) == 2
    assert f"port {port} on 127.0.0.1 is in use" in launcher.output
    assert "--site-port N" in launcher.output
    assert not (tmp_path / "logs").exists()  # nothing was started
