"""``python -m example_project``: start the example, report where it is, stop it cleanly.

Exit codes: 0 after a clean stop (Ctrl-C or SIGTERM), 1 when a child died or did not start or
stop cleanly, 2 when a port is taken.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Sequence
from types import FrameType

from example_project.launcher.child import Child
from example_project.launcher.console import Console
from example_project.launcher.options import Options, parse
from example_project.launcher.ports import port_problems
from example_project.launcher.stack import Stack, StartError, StartInterruptedError
from example_project.launcher.state import StateFolder


def main(argv: Sequence[str] | None = None) -> int:
    """Run the example until Ctrl-C (SIGINT) or SIGTERM; the exit code."""
    options = parse(argv)
    out = Console()
    problems = port_problems(options.host, options.ports)
    if problems:
        out("Cannot start the example:")
        for problem in problems:
            out(f"  {problem}")
        return 2
    state = StateFolder(options.var_dir)
    state.prepare()
    stopping, hurry = threading.Event(), threading.Event()
    _on_signals(stopping, hurry, out)
    stack = Stack(options, state, out, stopping)
    out(f"Starting the Camunda example (state in {state.path}):")
    try:
        stack.start()
    except StartError as failure:
        _report_failure(out, failure.step, failure.reason, failure.output, state)
        stack.stop(hurry)
        return 1
    except StartInterruptedError:
        out("\nStopping before the start finished:")
        return 0 if stack.stop(hurry) else 1
    _print_summary(out, options, state)
    stack.echo(options.verbose)
    died = stack.watch(stopping)
    if died is not None:
        _report_death(out, died, state)
        out("Stopping the others:")
        stack.stop(hurry)
        return 1
    out("Stopping (Ctrl-C again to stop at once):")
    clean = stack.stop(hurry)
    out("Stopped cleanly." if clean else "Stopped, but not cleanly (see above).")
    return 0 if clean else 1


def _on_signals(stopping: threading.Event, hurry: threading.Event, out: Console) -> None:
    """The first SIGINT/SIGTERM stops in order; a second one stops at once."""

    def handle(signum: int, frame: FrameType | None) -> None:
        if stopping.is_set():
            hurry.set()
        stopping.set()

    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)


def _print_summary(out: Console, options: Options, state: StateFolder) -> None:
    site = options.url(options.site_port)
    rows = [
        ("Order page", f"{site}   place an order, watch it flow"),
        ("Admin", f"{site}admin/   Camunda > User tasks, Incidents"),
        ("Login", f"admin / {state.admin_password()}   (kept in {state.admin_password_file})"),
        ("Engine REST", options.url(options.engine_port, "/v2")),
    ]
    if options.with_flask:
        flask = options.url(options.flask_port)
        rows.append(("Flask app", f"{flask}   tasks {flask}camunda/tasks"))
        rows.append(("Flask engine", options.url(options.flask_engine_port, "/v2")))
    rows.append(("Logs", str(state.path / "logs")))
    out()
    for title, value in rows:
        out(f"  {title:<13}{value}")
    out()
    out(f"Ready: open {site} and place an order. Stop everything with Ctrl-C.")


def _report_failure(
    out: Console, step: str, reason: str, output: list[str], state: StateFolder
) -> None:
    out(f"\nThe example did not start: {step} {reason}. Its last output lines:")
    for line in output or ["(no output)"]:
        out(f"  | {line}")
    out(f"(all of it in {state.log(step)})")
    out("Stopping what was started:")


def _report_death(out: Console, child: Child, state: StateFolder) -> None:
    out(f"\n{child.name} exited unexpectedly with code {child.exit_code}. Its last output lines:")
    for line in child.tail() or ["(no output)"]:
        out(f"  | {line}")
    out(f"(all of it in {state.log(child.name)})")
