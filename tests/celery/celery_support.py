"""Real processes and real brokers for the Celery executor tests.

- :class:`Broker`: where tasks and results go (Redis, RabbitMQ, or the embedded filesystem
  broker), as settings for the test's Celery app and as environment for the worker process;
- :class:`CeleryWorkerProcess`: ``celery -A celery_app worker`` in its own session, ready
  when it says so, stopped with SIGTERM and, if that is not enough, SIGKILL of its group;
- :class:`RedisServer`: a private ``redis-server`` on a free port that a test may stop;
- :class:`EngineLog`: what the dev engine answered, per job (activations and reports);
- :func:`activator`: a ``JobWorker`` with a ``CeleryDispatcher`` on the test's event loop.
Every wait is bounded in time.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import celery_app
from bpmn_builder import boundary, chain, definitions, end, service, start
from celery import Celery
from polling import wait_for

from camunda_core import AsyncCamundaClient
from camunda_core.devengine.http.messages import Request, Response
from camunda_core.settings import CamundaSettings
from camunda_core.worker import JobWorker
from camunda_core.worker.celery_executor import CeleryDispatcher, embedded_celery_settings

SUPPORT = Path(__file__).resolve().parents[1] / "support"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
REDIS_URL = os.environ.get("CELERY_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
RABBITMQ_URL = os.environ.get("CELERY_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")
T = TypeVar("T")


# --- brokers ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Broker:
    """A broker and result backend; ``embedded`` ones live in a folder."""

    name: str
    broker_url: str = ""
    backend_url: str = ""

    def settings(self, folder: Path) -> dict[str, Any]:
        """Celery settings for the test process's app."""
        if self.name == "embedded":
            return embedded_celery_settings(folder / "embedded-broker")
        return {"broker_url": self.broker_url, "result_backend": self.backend_url}

    def environment(self, folder: Path) -> dict[str, str]:
        """The same, as the environment ``celery_app`` reads in the worker process."""
        if self.name == "embedded":
            return {"CELERY_TEST_EMBEDDED": str(folder / "embedded-broker")}
        return {"CELERY_TEST_BROKER": self.broker_url, "CELERY_TEST_BACKEND": self.backend_url}

    def app(self, folder: Path, **settings: Any) -> Celery:
        """A Celery app of the test process for this broker (and further ``settings``)."""
        return celery_app.create_app({**self.settings(folder), **settings})


def unavailable(what: str) -> None:
    """A missing service fails the test in CI and skips it (with the reason) elsewhere."""
    import pytest

    if IN_CI:
        pytest.fail(f"CI=true and {what}", pytrace=False)
    pytest.skip(what)


def redis_broker(url: str = REDIS_URL) -> Broker:
    """Redis as broker and result backend, if it answers."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        unavailable(f"the Celery tests need Redis at {url}: {error}")
    finally:
        client.close()
    return Broker("redis", url, url)


def rabbitmq_broker(url: str = RABBITMQ_URL) -> Broker:
    """RabbitMQ as broker, results over RPC (reply queues on the same broker), if it answers."""
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception as error:  # noqa: BLE001 - any failure to connect means "not available"
        unavailable(f"the Celery tests need RabbitMQ at {url}: {error}")
    return Broker("rabbitmq", url, "rpc://")


def broker_named(name: str) -> Broker:
    if name == "redis":
        return redis_broker()
    if name == "rabbitmq":
        return rabbitmq_broker()
    return Broker("embedded")


async def eventually(
    check: Callable[[], Awaitable[T | None]], *, timeout: float, what: str, interval: float = 0.1
) -> T:
    """The async ``wait_for`` (a truthy value): the event loop (and the activator on it) keeps running."""
    deadline = time.monotonic() + timeout
    while True:
        value = await check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(interval)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- processes ----------------------------------------------------------------------------
def _stop_process(process: subprocess.Popen[bytes], sig: int, timeout: float) -> None:
    """``sig`` to the process, then SIGKILL to its whole session if it does not exit."""
    if process.poll() is None:
        process.send_signal(sig)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout)
    with suppress(ProcessLookupError):  # children left behind (a pool child of a killed main)
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


class CeleryWorkerProcess:
    """``celery -A celery_app worker`` consuming ``queues``, with the handlers of celery_app."""

    def __init__(
        self,
        broker: Broker,
        folder: Path,
        engine_url: str,
        queues: Sequence[str],
        *,
        concurrency: int = 2,
    ) -> None:
        self.broker = broker
        self.folder = folder
        self.queues = list(queues)
        self.concurrency = concurrency
        self.log_path = folder / f"celery-{'-'.join(self.queues)[:60]}.log"
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(SUPPORT), os.environ.get("PYTHONPATH")])
            ),
            "CAMUNDA_REST_ADDRESS": engine_url,
            "CAMUNDA_WORKER_REQUEST_TIMEOUT_MS": "1000",
            "CELERY_TEST_DIR": str(folder),
            **broker.environment(folder),
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> CeleryWorkerProcess:
        command = [
            sys.executable, "-m", "celery", "-A", "celery_app", "worker",
            "--loglevel", "warning", "--pool", "prefork", "--concurrency", str(self.concurrency),
            "-Q", ",".join(self.queues), "--hostname", f"{self.queues[0]}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=self.folder,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        ready = self.folder / f"ready-{self.process.pid}"
        try:
            wait_for(
                lambda: ready.exists() or self.process.poll() is not None,  # type: ignore[union-attr]
                timeout=timeout,
                what="the Celery worker to be ready",
            )
        except AssertionError:
            self.stop()
            raise AssertionError(f"the Celery worker did not start:\n{self.log()}") from None
        if self.process.poll() is not None:
            raise AssertionError(f"the Celery worker exited at start:\n{self.log()}")
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def children(self) -> set[int]:
        """The pool processes (prefork children) of the worker."""
        path = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        return {int(pid) for pid in path.read_text().split()} if path.exists() else set()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""

    def stop(self) -> None:
        """Warm shutdown (SIGTERM to the main process), then SIGKILL of the session."""
        if self.process is not None:
            _stop_process(self.process, signal.SIGTERM, 15)


class RedisServer:
    """A private redis-server on a free loopback port (never the machine's shared one)."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            unavailable("the broker-outage test needs the redis-server program")
        self.binary = str(binary)
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> RedisServer:
        import redis

        command = [
            self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", str(self.folder),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.exceptions.ConnectionError:
                return False

        try:
            wait_for(answers, timeout=15, what=f"redis-server on port {self.port}")
        finally:
            client.close()
        return self

    def stop(self) -> None:
        if self.process is not None:
            _stop_process(self.process, signal.SIGTERM, 10)
            self.process = None


# --- the engine's side ----------------------------------------------------------------------
_REPORTS = {"completeJob": "completed", "failJob": "failed", "throwJobError": "error"}


@dataclass
class EngineLog:
    """A response observer: activations and reports per job key, as the engine answered them.

    ``in_flight`` is activated and not yet reported (a report the engine accepted); its
    maximum is ``max_in_flight``.
    """

    activations: Counter[str] = field(default_factory=Counter)
    activation_requests: Counter[str] = field(default_factory=Counter)
    reports: defaultdict[str, list[tuple[str, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    in_flight: set[str] = field(default_factory=set)
    max_in_flight: int = 0
    #: Accepted ``updateJob`` calls (lock extensions) per job key, with their request bodies.
    updates: defaultdict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: Request, response: Response, operation_id: str | None) -> None:
        with self._lock:
            if operation_id == "activateJobs" and response.status == 200:
                job_type = json.loads(request.body)["type"]
                self.activation_requests[job_type] += 1
                for job in json.loads(response.body)["jobs"]:
                    self.activations[job["jobKey"]] += 1
                    self.in_flight.add(job["jobKey"])
                self.max_in_flight = max(self.max_in_flight, len(self.in_flight))
            elif operation_id == "updateJob" and response.status < 300:
                self.updates[request.path.rsplit("/", 1)[-1]].append(json.loads(request.body))
            elif operation_id in _REPORTS:
                job_key = request.path.rsplit("/", 2)[-2]
                self.reports[job_key].append((_REPORTS[operation_id], response.status))
                if response.status < 300:
                    self.in_flight.discard(job_key)

    def accepted(self, job_key: str) -> list[str]:
        """The reports of ``job_key`` the engine accepted, in order."""
        with self._lock:
            return [kind for kind, status in self.reports[job_key] if status < 300]

    def rejected(self) -> dict[str, list[tuple[str, int]]]:
        """Reports the engine refused (a second completion would be one), by job key."""
        with self._lock:
            return {
                key: [(kind, status) for kind, status in reports if status >= 300]
                for key, reports in self.reports.items()
                if any(status >= 300 for _, status in reports)
            }


# --- the activator --------------------------------------------------------------------------
@asynccontextmanager
async def activator(
    app: Celery,
    engine_url: str,
    job_types: Sequence[str],
    *,
    default_queue: str,
    queues: Mapping[str, str] | None = None,
    router_name: str = celery_app.ROUTER_NAME,
    **settings: Any,
) -> AsyncIterator[JobWorker]:
    """A ``JobWorker`` dispatching ``job_types`` to Celery while the block runs."""
    options = {"worker_request_timeout_ms": 1000, **settings}
    worker = JobWorker(
        celery_app.router,
        settings=CamundaSettings(rest_address=engine_url, **options),
        job_types=job_types,
        dispatcher=CeleryDispatcher(app, router_name, queues=queues, default_queue=default_queue),
        shutdown_grace_ms=5000,
    )
    running = asyncio.ensure_future(worker.run())
    try:
        # stop() before run() has started would be lost: wait until it runs.
        await eventually(
            _running(worker, running), timeout=10, what="the activator to run", interval=0.01
        )
        yield worker
    finally:
        worker.stop()
        await asyncio.wait_for(running, 30)


def _running(worker: JobWorker, task: asyncio.Future[None]) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        if task.done():
            task.result()  # raises what made the worker stop
        return worker.health().running

    return check


async def deploy_one_task(
    camunda: AsyncCamundaClient, job_type: str, *, retries: str | None = None, catch: str = ""
) -> str:
    """Deploy start -> service task ``job_type`` -> end; with ``catch``, an error boundary
    event for that code leads to the end event ``rejected``. Returns the process id."""
    process_id = f"p-{job_type}-{uuid.uuid4().hex[:8]}"
    elements = [start(), service("work", job_type, retries=retries), end()]
    flows = chain("start", "work", "end")
    extra = ""
    if catch:
        elements += [
            boundary("caught", "work", '<bpmn:errorEventDefinition errorRef="error" />'),
            end("rejected"),
        ]
        flows += "\n" + chain("caught", "rejected")
        extra = f'<bpmn:error id="error" errorCode="{catch}" />'
    body = "\n".join([*elements, flows])
    xml = definitions(
        f'<bpmn:process id="{process_id}" isExecutable="true">{body}</bpmn:process>', extra=extra
    )
    await camunda.create_deployment((f"{process_id}.bpmn", xml))
    return process_id
