"""The bodies of the ``camunda_*`` commands, shared by ``manage.py`` and ``flask camunda``.

Each function takes what the command parsed, writes human-readable lines through ``out``
(the framework's stdout writer), and returns the exit code. The Django and Flask commands
only parse arguments, call these, and turn ``CamundaError`` into their own command errors.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from camunda_core.client import CamundaClient
from camunda_core.deploy import ChecksumStore, DeployResult, Resource, deploy_resources
from camunda_core.events import EventSink
from camunda_core.settings import CamundaSettings
from camunda_core.worker import JobGuard, JobRouter, JobWorker
from camunda_core.worker.dispatch import JobDispatcher

__all__ = ["Output", "deploy_command", "format_result", "worker_command"]

logger = logging.getLogger("camunda_core.commands")

#: Writes one line for the user.
Output = Callable[[str], None]


def format_result(result: DeployResult) -> str:
    """One line per resource: status, name, and what was created or why it was refused."""
    name = result.resource.name
    if result.status == "deployed":
        made = ", ".join(
            f"{kind} {ident} v{version} ({key})" for kind, ident, key, version in result.definitions
        )
        return f"deployed   {name}: {made}"
    if result.status == "unchanged":
        return f"unchanged  {name} (same checksum as the last deployment)"
    if result.status == "checked":
        return f"valid      {name} (dry run: not deployed)"
    return f"REFUSED    {name}: {result.reason}"


def deploy_command(
    settings: CamundaSettings,
    resources: Sequence[Resource],
    *,
    out: Output,
    tenant_id: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    checksums: ChecksumStore | None = None,
    client: CamundaClient | None = None,
) -> int:
    """Deploy (or check) ``resources``; 0 when none was refused, 1 otherwise."""
    if not resources:
        out("No BPMN, DMN or form files found: give paths, or configure the resources to deploy.")
        return 1
    progress = len(resources) > 5
    own_client = client is None and not dry_run
    active = CamundaClient(settings) if own_client else client

    def report(done: int, total: int, result: DeployResult) -> None:
        prefix = f"[{done}/{total}] " if progress else ""
        out(prefix + format_result(result))

    try:
        results = deploy_resources(
            active,
            resources,
            tenant_id=tenant_id,
            checksums=checksums,
            dry_run=dry_run,
            force=force,
            progress=report,
        )
    finally:
        if own_client and active is not None:
            active.close()
    refused = [r for r in results if not r.ok]
    counts = {
        status: sum(r.status == status for r in results)
        for status in ("deployed", "unchanged", "checked")
    }
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    out(
        f"{len(results)} resource(s): {summary or 'none deployed'}"
        + (f", {len(refused)} refused" if refused else "")
    )
    return 1 if refused else 0


def worker_command(
    router: JobRouter,
    settings: CamundaSettings,
    *,
    out: Output,
    job_types: Sequence[str] | None = None,
    max_concurrent_jobs: int | None = None,
    threads: int | None = None,
    sinks: Sequence[EventSink] = (),
    guard: JobGuard | None = None,
    dispatcher: JobDispatcher | None = None,
    before_start: Callable[[], None] | None = None,
) -> int:
    """Run a worker for the router's handlers until SIGTERM/SIGINT; returns the exit code.

    ``dispatcher`` runs the handlers elsewhere (``CeleryDispatcher``); ``before_start`` runs
    first (auto-deploy, for example).
    """
    worker = JobWorker(
        router,
        settings=settings,
        job_types=job_types,
        max_concurrent_jobs=max_concurrent_jobs,
        threads=threads,
        sinks=sinks,
        guard=guard,
        dispatcher=dispatcher,
    )
    if before_start is not None:
        before_start()
    out(f"Camunda worker {worker.name} -> {settings.rest_address}")
    for line in worker.summary():
        out(f"  {line}")
    out(
        f"  at most {worker.max_concurrent_jobs} jobs at once; stop with Ctrl-C (SIGINT) or SIGTERM"
    )
    code = worker.run_until_signal()
    completed, failed = worker.metrics.count("completed"), worker.metrics.count("failed")
    out(f"Worker stopped: {completed} job(s) completed, {failed} failed")
    return code
