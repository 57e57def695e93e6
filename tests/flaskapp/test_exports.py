"""The public names of camunda_flask (changing them is a breaking change), and what importing
the package pulls in."""

from __future__ import annotations

import subprocess
import sys

import camunda_flask
import camunda_flask.signals


def test_camunda_flask_exports() -> None:
    assert sorted(camunda_flask.__all__) == ["Camunda", "CamundaState", "get_state"]
    for name in camunda_flask.__all__:
        assert getattr(camunda_flask, name) is not None


def test_signals_exports() -> None:
    assert sorted(camunda_flask.signals.__all__) == [
        "JOB_SIGNALS",
        "USER_TASK_SIGNALS",
        "bpmn_error_thrown",
        "job_activated",
        "job_completed",
        "job_failed",
        "job_report_rejected",
        "job_returned",
        "user_task_assigning",
        "user_task_canceling",
        "user_task_completing",
        "user_task_creating",
        "user_task_updating",
    ]


def test_importing_the_extension_loads_no_django_celery_or_dev_engine() -> None:
    code = (
        "import sys, camunda_flask, camunda_flask.cli, camunda_flask.views;"
        "loaded = [m for m in ('django', 'celery', 'camunda_django', 'camunda_core.devengine.runtime')"
        " if m in sys.modules];"
        "print(','.join(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""
