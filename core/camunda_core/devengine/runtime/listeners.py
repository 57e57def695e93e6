"""Execution listeners: blocking START/END jobs of kind EXECUTION_LISTENER.

Start listeners run after the input mappings and before the element's own work; their job
variables become local variables of the element. End listeners run after the output
mappings; their variables are merged into the flow scope like output mappings. A failing
job type or retries expression re-runs all listeners of that event, as Zeebe documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.devengine.bpmn import ExecutionListener, ExecutionListenerEvent, UserTask
from camunda_core.devengine.records import JobRecord
from camunda_core.devengine.runtime import jobs, lifecycle, variables
from camunda_core.devengine.runtime.expressions import evaluate_int, evaluate_string
from camunda_core.devengine.runtime.names import EXECUTION_LISTENER, EXTRACT_VALUE_ERROR
from camunda_core.devengine.runtime.state import StepFailure

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["completed", "create_job", "element_headers"]


def element_headers(run: Run) -> dict[str, str]:
    """The task headers of the element a listener job belongs to."""
    node = run.node
    if node is None:
        return {}
    job = node.job_definition()
    if job is not None:
        return job.custom_headers
    if isinstance(node, UserTask):
        return dict(node.headers)
    return {}


def create_job(
    rt: Runtime, run: Run, listener: ExecutionListener, event: ExecutionListenerEvent
) -> None:
    """Create the job of one execution listener."""
    try:
        job_type = evaluate_string(rt, listener.type, run, EXTRACT_VALUE_ERROR)
        retries = evaluate_int(rt, listener.retries, run, EXTRACT_VALUE_ERROR)
    except StepFailure:
        lifecycle.listener_expression_failed(rt, run)
        raise
    jobs.create(
        rt, run, job_type, retries, element_headers(run), EXECUTION_LISTENER, event.value.upper()
    )


def completed(rt: Runtime, run: Run, job: JobRecord, values: dict[str, str]) -> None:
    """A listener job completed: keep its variables, go on with the next listener/step."""
    if values:
        if job.listener_event_type == "START" or run.parent is None:
            variables.set_all_local(rt, run, values)
        else:
            variables.propagate(rt, run.parent, values)
    lifecycle.listener_completed(rt, run)
