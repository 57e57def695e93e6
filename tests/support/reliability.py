"""Shared pieces of the reliability tests (RELIABILITY.md, ``tests/reliability``).

- ``one_task_process`` / ``write_one_task_process``: a BPMN file with one service task;
- ``worker_settings``: short timeouts, long polls and back-offs so a fault test stays fast;
- ``Ledger`` / ``FileLedger``: the handler's side effects by job key (a file for workers in
  other processes);
- ``Traffic``: every answer the dev engine gives, seen by a response observer (engine side);
- ``RecordingTransport``: every request a worker's client sends, and jobs it holds (worker side);
- ``WorkerThread`` / ``WorkerProcess``: a ``JobWorker`` in a thread of the test, or a real
  worker process (``worker_process.py``) that takes real signals;
- ``assert_nothing_lost``: the invariant checked at the end of every fault test;
- ``wait_for``, ``free_port``: bounded waiting, loopback ports.

Every wait is bounded in time; nothing here measures durations. One module on purpose: a
fault test uses most of these together, and they share the engine's and the worker's views.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, TypeVar

import httpx
import polling
from bpmn_builder import chain, end, process, service, start

from camunda_core import AsyncCamundaClient, CamundaClient, JobRouter, JobWorker
from camunda_core.devengine import DevEngine
from camunda_core.devengine.http.application import Application
from camunda_core.devengine.http.messages import Delivery, Request, Response
from camunda_core.settings import CamundaSettings, load_settings

__all__ = [
    "FAST",
    "Exchange",
    "FileLedger",
    "Ledger",
    "RecordingTransport",
    "Sent",
    "SideEffects",
    "Traffic",
    "WorkerProcess",
    "WorkerThread",
    "assert_nothing_lost",
    "free_port",
    "job_of",
    "max_polls",
    "one_task_process",
    "open_long_polls",
    "start_instances",
    "wait_for",
    "worker_settings",
    "write_one_task_process",
]

T = TypeVar("T")
SUPPORT = Path(__file__).resolve().parent

#: Settings that keep fault tests short: 500 ms long polls read with a 3 s HTTP timeout,
#: 2 s job locks, activation back-off capped at 1 s, client retries 20-200 ms apart.
FAST: dict[str, Any] = {
    "http_timeout_ms": 3_000,
    "worker_request_timeout_ms": 500,
    "worker_timeout_ms": 2_000,
    "worker_poll_backoff_max_ms": 1_000,
    "worker_shutdown_grace_ms": 5_000,
    "sdk_http_retry_max_attempts": 4,
    "sdk_http_retry_base_delay_ms": 20,
    "sdk_http_retry_max_delay_ms": 200,
}

#: What the invariant allows between an activated job's deadline and the engine offering it
#: again (the engine's timer thread ticks; a loaded CI machine is slow).
DEADLINE_SLACK_S = 3.0


def worker_settings(url: str, **overrides: Any) -> CamundaSettings:
    """Settings for a worker talking to ``url`` with the ``FAST`` values (``overrides`` win)."""
    return load_settings(rest_address=url, **{**FAST, **overrides})


# --- BPMN ------------------------------------------------------------------------------------
def one_task_process(
    process_id: str,
    job_type: str,
    *,
    retries: int | None = None,
    error_code: str | None = None,
) -> bytes:
    """start -> service task ``task`` (``job_type``) -> end.

    ``retries`` sets the task's retries (Camunda's default is 3). ``error_code`` adds an
    interrupting error boundary event catching that code, leading to its own end event, so an
    instance whose job throws the BPMN error completes by the error path.
    """
    task = service("task", job_type, retries=str(retries) if retries is not None else None)
    if error_code is None:
        return process(process_id, start(), task, end(), chain("start", "task", "end"))
    boundary = (
        '<bpmn:boundaryEvent id="caught" attachedToRef="task">'
        '<bpmn:errorEventDefinition errorRef="error" /></bpmn:boundaryEvent>'
    )
    error = f'<bpmn:error id="error" name="{error_code}" errorCode="{error_code}" />'
    return process(
        process_id,
        start(),
        task,
        end(),
        boundary,
        end("error-end"),
        chain("start", "task", "end"),
        chain("caught", "error-end"),
        extra=error,
    )


def write_one_task_process(directory: Path, process_id: str, job_type: str, **options: Any) -> Path:
    """Write ``one_task_process`` to ``directory/<process_id>.bpmn``; the path."""
    path = directory / f"{process_id}.bpmn"
    path.write_bytes(one_task_process(process_id, job_type, **options))
    return path


# --- waiting ---------------------------------------------------------------------------------
#: A fault test waits longer by default: recovering from a fault includes back-off.
wait_for = functools.partial(polling.wait_for, timeout=20.0)


def free_port() -> int:
    """A loopback port nothing listens on (now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def max_polls(window: float, cap: float, initial: float = 0.1, slack: int = 3) -> int:
    """The most activation attempts a jittered, capped, doubling back-off allows in ``window``.

    Each delay is at least half its ceiling (the ceiling doubles from ``initial`` up to ``cap``),
    so counting the shortest possible delays bounds the attempts; ``slack`` covers the attempts
    in flight when the window opens and closes. A tight loop would exceed it a hundredfold.
    """
    attempts, elapsed, ceiling = 1, 0.0, initial
    while elapsed <= window:
        elapsed += ceiling / 2
        ceiling = min(cap, ceiling * 2)
        attempts += 1
    return attempts + slack


# --- the side-effect ledger ----------------------------------------------------------------------
class Ledger:
    """What handlers did, by job key (in this process; thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.entries: list[tuple[str, str]] = []  # (event, job key), in order

    def record(self, job_key: str, event: str = "done") -> None:
        """Note one side effect (``done``) or another step (``start``) of a handler run."""
        with self._lock:
            self.entries.append((event, job_key))

    def times(self, job_key: str, event: str = "done") -> int:
        """How often ``event`` happened for ``job_key``."""
        with self._lock:
            return sum(1 for e, key in self.entries if (e, key) == (event, job_key))

    def keys(self, event: str = "done") -> list[str]:
        """Job keys with ``event``, in order of their first one."""
        with self._lock:
            return list(dict.fromkeys(key for e, key in self.entries if e == event))


class FileLedger:
    """The ledger of worker processes: one line ``event job_key worker`` per step.

    Each line is one ``O_APPEND`` write, so several processes may share the file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, job_key: str, event: str = "done", worker: str = "-") -> None:
        """Append one line (used by ``worker_process.py``)."""
        line = f"{event} {job_key} {worker}\n".encode()
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)

    def lines(self) -> list[tuple[str, str, str]]:
        """(event, job key, worker) per line, in order."""
        if not self.path.exists():
            return []
        text = self.path.read_text(encoding="utf-8")
        return [tuple(line.split(" ", 2)) for line in text.splitlines() if line]  # type: ignore[misc]

    def times(self, job_key: str, event: str = "done", worker: str | None = None) -> int:
        """How often ``event`` happened for ``job_key`` (by ``worker``, if given)."""
        return sum(
            1
            for e, key, who in self.lines()
            if (e, key) == (event, job_key) and worker in (None, who)
        )

    def keys(self, event: str = "done", worker: str | None = None) -> list[str]:
        """Job keys with ``event`` (by ``worker``), in order of their first one."""
        return list(
            dict.fromkeys(
                key for e, key, who in self.lines() if e == event and worker in (None, who)
            )
        )


class SideEffects(Protocol):
    """Either ledger."""

    def times(self, job_key: str, event: str = "done") -> int: ...


# --- engine side: every answer -------------------------------------------------------------------
_JOB_PATH = re.compile(r"/jobs/(\d+)")
_PARSED_LIMIT = 256 * 1024


@dataclass(frozen=True)
class Exchange:
    """One answer of the engine (or a marker the test put in the sequence)."""

    seq: int
    operation: str | None
    status: int
    injected: bool = False
    action: str = "send"
    job_key: str | None = None
    request: Any = None
    response: Any = None
    mark: str | None = None

    @property
    def worker(self) -> str | None:
        """The worker name of an activation request."""
        return str(self.request.get("worker")) if isinstance(self.request, dict) else None

    @property
    def jobs(self) -> list[str]:
        """Job keys in an activation answer."""
        if self.operation != "activateJobs" or not isinstance(self.response, dict):
            return []
        return [job["jobKey"] for job in self.response.get("jobs", [])]


def _json(body: bytes) -> Any:
    if not body or len(body) > _PARSED_LIMIT:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


@dataclass
class Traffic:
    """A response observer recording what an engine answered, in order (thread-safe)."""

    exchanges: list[Exchange] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: Request, response: Response, operation_id: str | None) -> None:
        found = _JOB_PATH.search(request.path)
        delivered = response.action is Delivery.SEND
        with self._lock:
            self.exchanges.append(
                Exchange(
                    seq=len(self.exchanges),
                    operation=operation_id,
                    status=response.status,
                    injected=response.injected,
                    action=response.action.name.lower(),
                    job_key=found.group(1) if found else None,
                    request=_json(request.body),
                    response=_json(response.body) if delivered else None,
                )
            )

    @contextmanager
    def attached(self, app: Application) -> Iterator[Traffic]:
        """Observe ``app`` while the block runs."""
        app.add_response_observer(self)
        try:
            yield self
        finally:
            app.remove_response_observer(self)

    def mark(self, label: str) -> int:
        """Put a marker in the sequence (e.g. "signal sent"); its position."""
        with self._lock:
            seq = len(self.exchanges)
            self.exchanges.append(Exchange(seq, None, 0, mark=label))
            return seq

    def of(self, operation: str, *, since: int = 0, job_key: str | None = None) -> list[Exchange]:
        """Answers of ``operation`` (for ``job_key``) from position ``since`` on."""
        with self._lock:
            return [
                e
                for e in self.exchanges[since:]
                if e.operation == operation and job_key in (None, e.job_key)
            ]

    def activations_of(self, job_key: str, *, worker: str | None = None) -> int:
        """How many activation answers handed out ``job_key`` (to ``worker``)."""
        return sum(
            job_key in e.jobs
            for e in self.of("activateJobs")
            if e.status == 200 and worker in (None, e.worker)
        )

    def activated(self, *, worker: str | None = None, since: int = 0) -> list[str]:
        """Job keys handed out (to ``worker``) from position ``since`` on."""
        return [
            key
            for e in self.of("activateJobs", since=since)
            if e.status == 200 and e.action == "send" and worker in (None, e.worker)
            for key in e.jobs
        ]


def open_long_polls(dev: DevEngine, worker: str) -> int:
    """Activation requests of ``worker`` the engine holds open now (waiting for jobs)."""
    engine = dev.engine
    with engine.reading():
        waiting = list(engine.runtime.waiters.by_key.values())  # type: ignore[attr-defined]
    return sum(1 for w in waiting if w.worker == worker and not w.future.done())


# --- worker side: every request ---------------------------------------------------------------------
@dataclass(frozen=True)
class Sent:
    """One request a worker's client sent and what came of it."""

    operation: str
    status: int | None
    error: str | None
    max_jobs: int | None = None


class RecordingTransport(httpx.AsyncBaseTransport):
    """A real HTTP transport that notes each request (retries included) and the jobs held.

    ``held`` counts jobs received in activation answers and not yet answered by a
    completion, failure or BPMN error; ``max_held`` is the most it ever was. Since the worker
    frees a job's slot only after such an answer, ``max_held`` never exceeds what the worker
    held at once.
    """

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._lock = threading.Lock()
        self.sent: list[Sent] = []
        self.held = 0
        self.max_held = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        operation = str(request.extensions.get("camunda_operation", "?"))
        max_jobs = None
        if operation == "activateJobs":
            max_jobs = json.loads(request.content).get("maxJobsToActivate")
        try:
            response = await self._inner.handle_async_request(request)
        except Exception as error:
            self._note(Sent(operation, None, type(error).__name__, max_jobs))
            raise
        if operation == "activateJobs" and response.status_code == 200:
            await response.aread()
            self._hold(len(json.loads(response.content).get("jobs", [])))
        elif (
            operation in ("completeJob", "failJob", "throwJobError") and response.status_code < 500
        ):
            self._hold(-1)
        self._note(Sent(operation, response.status_code, None, max_jobs))
        return response

    def _hold(self, change: int) -> None:
        with self._lock:
            self.held += change
            self.max_held = max(self.max_held, self.held)

    def _note(self, sent: Sent) -> None:
        with self._lock:
            self.sent.append(sent)

    def of(self, operation: str) -> list[Sent]:
        """Requests of ``operation``, in order."""
        with self._lock:
            return [s for s in self.sent if s.operation == operation]

    async def aclose(self) -> None:
        await self._inner.aclose()


# --- a worker in a thread of the test ----------------------------------------------------------
class WorkerThread:
    """``JobWorker(router, ...)`` running ``run()`` on its own event loop in a thread.

    ``transport`` (e.g. a ``RecordingTransport``) makes the worker use a client over it.
    """

    def __init__(
        self,
        router: JobRouter,
        settings: CamundaSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        **options: Any,
    ) -> None:
        self._client = (
            AsyncCamundaClient(settings, transport=transport) if transport is not None else None
        )
        self.worker = JobWorker(router, settings=settings, client=self._client, **options)
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, name="reliability-worker", daemon=True)

    def _main(self) -> None:
        try:
            asyncio.run(self._run())
        except BaseException as error:  # noqa: BLE001 - reported by stop()
            self.error = error

    async def _run(self) -> None:
        try:
            await self.worker.run()
        finally:
            if self._client is not None:
                await self._client.aclose()

    def start(self) -> WorkerThread:
        self._thread.start()
        wait_for(lambda: self.worker.health().running, what="the worker to start", timeout=10)
        return self

    @property
    def alive(self) -> bool:
        """The thread runs and the worker says it runs."""
        return self._thread.is_alive() and self.worker.health().running

    def activations(self) -> int:
        """Activation requests that got an answer or an error, over all types and results."""
        return sum(self.worker.metrics.activations.values())

    def assert_polling(self, timeout: float = 10.0) -> None:
        """The worker is alive and sends new activation requests."""
        assert self.alive, f"the worker is not running (error: {self.error!r})"
        before = self.activations()
        wait_for(self.activations, lambda n: n > before, what="a new activation", timeout=timeout)

    def stop(self, timeout: float = 20.0) -> None:
        """Stop gracefully; fails when the worker crashed or does not stop in time."""
        self.worker.stop()
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "the worker did not stop"
        if self.error is not None:
            raise AssertionError(f"the worker crashed: {self.error!r}") from self.error

    def __enter__(self) -> WorkerThread:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._thread.is_alive():
            self.stop()


# --- a worker in another process ------------------------------------------------------------------
class WorkerProcess:
    """``python worker_process.py ...``: a real worker taking real signals.

    Options are the script's flags without dashes (``sleep=1.5`` -> ``--sleep 1.5``).
    Its log goes to ``<workdir>/<name>.log``.
    """

    def __init__(self, workdir: Path, url: str, ledger: FileLedger, name: str, **options: Any):
        self.name = name
        self.log = workdir / f"{name}.log"
        self.command = [
            sys.executable,
            str(SUPPORT / "worker_process.py"),
            "--url",
            url,
            "--ledger",
            str(ledger.path),
            "--name",
            name,
        ]
        for key, value in options.items():
            self.command += [f"--{key.replace('_', '-')}", str(value)]
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> WorkerProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CAMUNDA_", "ZEEBE_"))}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SUPPORT), env.get("PYTHONPATH")]))
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                self.command, stdout=log, stderr=subprocess.STDOUT, env=env
            )
        return self

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal(self, signum: int) -> None:
        assert self.process is not None
        self.process.send_signal(signum)

    def wait(self, timeout: float) -> int:
        """The exit code; fails (and kills) when the process does not exit within ``timeout``."""
        assert self.process is not None
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
            raise AssertionError(
                f"{self.name} did not exit within {timeout:g}s:\n{self.output()}"
            ) from None

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""

    def assert_polling(self, traffic: Traffic, timeout: float = 10.0) -> None:
        """Alive, and the engine keeps answering its activation requests."""
        assert self.alive, f"{self.name} exited:\n{self.output()}"
        before = len([e for e in traffic.of("activateJobs") if e.worker == self.name])
        wait_for(
            lambda: len([e for e in traffic.of("activateJobs") if e.worker == self.name]),
            lambda n: n > before,
            what=f"a new activation by {self.name}",
            timeout=timeout,
        )

    def __enter__(self) -> WorkerProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.alive:
            self.signal(signal.SIGKILL)
            self.wait(10)


# --- the invariant -------------------------------------------------------------------------------
def _state(camunda: CamundaClient, key: str) -> str:
    return str(camunda.get_process_instance(key).state.value)


def _active_incidents(camunda: CamundaClient, key: str) -> list[str]:
    found = camunda.search_incidents({"processInstanceKey": key, "state": "ACTIVE"}).items
    return [str(incident.error_type.value) for incident in found]


def _overdue_jobs(camunda: CamundaClient, keys: Sequence[str]) -> list[str]:
    """Live jobs whose lock ended more than the slack ago and that were not offered again."""
    now = time.time()
    overdue = []
    for key in keys:
        for job in camunda.search_jobs({"processInstanceKey": key}).items:
            state = str(job.state.value)
            if state in ("COMPLETED", "CANCELED", "FAILED", "ERROR_THROWN"):
                continue
            if job.deadline is not None and job.deadline.timestamp() < now - DEADLINE_SLACK_S:
                overdue.append(f"{job.job_key} ({state}, deadline {job.deadline.isoformat()})")
    return overdue


def assert_nothing_lost(
    camunda: CamundaClient,
    instances: Sequence[str],
    ledger: SideEffects,
    *,
    worker: WorkerThread | None = None,
    polling: Callable[[], None] | None = None,
    incidents: Mapping[str, str] | None = None,
    timeout: float = 30.0,
) -> None:
    """RELIABILITY.md's promise, checked against the engine's state.

    - every instance in ``instances`` completes, except those in ``incidents`` (instance key
      -> error type), which stay active with exactly that one incident;
    - no job of them sits activated past its deadline without being offered again;
    - every completed job of them shows its side effect in ``ledger`` at least once;
    - the worker (``worker``, or the ``polling`` check of a worker process) is alive and polling.
    """
    expected = dict(incidents or {})

    def unsettled() -> dict[str, str]:
        found = {}
        for key in instances:
            state = _state(camunda, key)
            if key in expected:
                errors = _active_incidents(camunda, key)
                if state != "ACTIVE" or errors != [expected[key]]:
                    found[key] = f"{state} with incidents {errors}"
            elif state != "COMPLETED":
                found[key] = state
        return found

    wait_for(unsettled, lambda left: not left, what="every instance settled", timeout=timeout)
    wait_for(
        lambda: _overdue_jobs(camunda, instances),
        lambda overdue: not overdue,
        what="no job activated past its deadline",
        timeout=timeout,
    )
    missing = []
    for key in instances:
        for job in camunda.search_jobs({"processInstanceKey": key, "state": "COMPLETED"}).items:
            if ledger.times(job.job_key) < 1:
                missing.append(job.job_key)
    assert not missing, f"completed jobs without their side effect in the ledger: {missing}"
    if worker is not None:
        worker.assert_polling()
    if polling is not None:
        polling()


def start_instances(
    camunda: CamundaClient, process_id: str, count: int, **variables: Any
) -> list[str]:
    """Create ``count`` instances of ``process_id``; their keys."""
    return [
        camunda.create_process_instance(
            process_id, variables=variables or None
        ).process_instance_key
        for _ in range(count)
    ]


def job_of(camunda: CamundaClient, instance_key: str) -> Any:
    """The one job of an instance (as ``POST /jobs/search`` shows it)."""
    jobs = camunda.search_jobs({"processInstanceKey": instance_key}).items
    assert len(jobs) == 1, jobs
    return jobs[0]
