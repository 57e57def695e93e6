"""``flask camunda deploy|worker|devengine``: thin commands over ``camunda_core.commands``.

Each command parses its options, reads the app's extension state, calls one core function,
and turns ``CamundaError`` (and the ``ValueError`` of a bad path or job type) into a
``ClickException``, so the user sees one line saying what is wrong and the exit code is 1.
The options and behaviour match ``manage.py camunda_deploy|camunda_worker|camunda_devengine``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from flask.cli import AppGroup

from camunda_core import CamundaError
from camunda_core.commands import deploy_command, worker_command
from camunda_core.deploy import JsonChecksumStore, find_resources, handler_coverage, job_types_in
from camunda_flask.extension import get_state
from camunda_flask.state import CamundaState

__all__ = ["camunda_cli"]

camunda_cli = AppGroup(
    "camunda", help="Camunda 8: deploy resources, run job workers, run the dev engine."
)


@contextmanager
def _as_click_errors() -> Iterator[None]:
    """Our errors become one-line ``ClickException``s (exit code 1)."""
    try:
        yield
    except (CamundaError, ValueError) as error:
        raise click.ClickException(str(error)) from error


@camunda_cli.command("deploy")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the files; deploy nothing.")
@click.option("--force", is_flag=True, help="Deploy even files unchanged since the last deploy.")
@click.option("--tenant", default=None, help="Tenant to deploy to (default: CAMUNDA_TENANT_ID).")
def deploy(paths: tuple[Path, ...], dry_run: bool, force: bool, tenant: str | None) -> None:
    """Deploy BPMN, DMN and form files: PATHS, or CAMUNDA_DEPLOY['RESOURCES'].

    Unchanged files (same checksum as last time) are skipped. Exits 1 when any is refused.
    """
    state = get_state()
    with _as_click_errors():
        code = _deploy(state, paths, dry_run=dry_run, force=force, tenant=tenant)
    click.get_current_context().exit(code)


def _deploy(
    state: CamundaState, paths: Sequence[Path], *, dry_run: bool, force: bool, tenant: str | None
) -> int:
    targets = list(paths) or state.resource_paths()
    if not targets:
        raise click.ClickException(
            "Nothing to deploy: give paths, or set CAMUNDA_DEPLOY = {'RESOURCES': [...]}"
        )
    return deploy_command(
        state.settings,
        find_resources(targets),
        out=click.echo,
        tenant_id=tenant or state.settings.tenant_id,
        dry_run=dry_run,
        force=force,
        checksums=JsonChecksumStore(state.checksum_path),
        client=None if dry_run else state.client,
    )


@camunda_cli.command("worker")
@click.argument("job_types", nargs=-1)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    help="Jobs in flight at once over all types (default: the sum of max_jobs_active).",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    help="Threads for sync handlers (default: min(concurrency, 64)).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "celery"]),
    help="Run handlers here, or on Celery workers (default: celery if CAMUNDA_CELERY['ENABLED']).",
)
@click.option("--no-deploy", is_flag=True, help="Skip the auto-deploy of CAMUNDA_DEPLOY.")
def worker(
    job_types: tuple[str, ...],
    concurrency: int | None,
    threads: int | None,
    executor: str | None,
    no_deploy: bool,
) -> None:
    """Poll Camunda for JOB_TYPES (default: every registered handler) until SIGTERM/SIGINT.

    The first signal stops activating and lets in-flight jobs finish within
    CAMUNDA_WORKER_SHUTDOWN_GRACE_MS, then hands back the rest; a second one stops at once.
    """
    state = get_state()
    for line in _job_type_warnings(state):
        click.echo(f"warning: {line}")
    auto = state.config.deploy.auto_deploy and not no_deploy
    executor = executor or ("celery" if state.config.celery.enabled else "local")
    try:
        with _as_click_errors():
            code = worker_command(
                state.router,
                state.settings,
                out=click.echo,
                job_types=list(job_types) or None,
                max_concurrent_jobs=concurrency,
                threads=threads,
                sinks=state.sinks,
                before_start=_auto_deploy(state) if auto else None,
                **_executor_arguments(state, executor),
            )
    finally:
        state.signal_sink.close()
    click.get_current_context().exit(code)


def _job_type_warnings(state: CamundaState) -> list[str]:
    """Typos between models, config and code: job types nobody handles, handlers nobody uses."""
    lines = [
        f"CAMUNDA_WORKERS['TYPES'] names {job_type!r}, which has no handler"
        for job_type in state.unused_overrides()
    ]
    paths = state.resource_paths()
    if not paths:
        return lines
    try:
        used = job_types_in(find_resources(paths))
    except ValueError:
        return lines  # the deploy reports unreadable resources with the reason
    coverage = handler_coverage(
        used, state.router.job_types(), listener_type=state.config.listener_type
    )
    lines.extend(
        f"job type {job_type!r} (in {', '.join(files)}) has no handler"
        for job_type, files in coverage.unhandled.items()
    )
    lines.extend(
        f"the handler of {job_type!r} is used by no model in CAMUNDA_DEPLOY"
        for job_type in coverage.unused
    )
    return lines


def _auto_deploy(state: CamundaState) -> Callable[[], None]:
    def run() -> None:
        click.echo("Deploying CAMUNDA_DEPLOY['RESOURCES'] (skip with --no-deploy)")
        code = _deploy(state, (), dry_run=False, force=False, tenant=None)
        if code != 0:
            raise click.ClickException(
                "auto-deploy refused some files (see above); fix them, or start with --no-deploy"
            )

    return run


def _executor_arguments(state: CamundaState, executor: str) -> dict[str, Any]:
    if executor == "local":
        return {}
    from camunda_flask.executor import dispatcher_for

    click.echo(f"Dispatching jobs to Celery (handlers registered as {state.router_name!r})")
    return {"dispatcher": dispatcher_for(state)}


@camunda_cli.command("devengine")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option(
    "--data",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Snapshot file: the engine's state is restored from it at start and written on exit.",
)
def devengine(host: str, port: int, data: Path | None) -> None:
    """Run the embedded dev engine (REST API v2 under /v2) until SIGINT/SIGTERM."""
    from camunda_core.devengine.__main__ import main

    argv = ["--host", host, "--port", str(port)]
    if data is not None:
        argv += ["--data", str(data)]
    click.get_current_context().exit(main(argv))
