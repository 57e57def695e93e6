"""``flask camunda deploy|worker``: options, messages and exit codes (no engine needed here)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask

from camunda_flask import Camunda

from .conftest import AppFactory

HERE = Path(__file__).parent
RESOURCES = HERE / "resources"
BROKEN = HERE / "broken" / "broken.bpmn"


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    app = make_app("cli")
    Camunda(app)
    return app


def test_the_group_lists_its_commands(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["camunda", "--help"])
    assert result.exit_code == 0
    for command in ("deploy", "worker", "devengine"):
        assert command in result.output


def test_dry_run_checks_the_files_and_exits_0(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["camunda", "deploy", "--dry-run", str(RESOURCES)])
    assert result.exit_code == 0, result.output
    assert "valid      charge.bpmn" in result.output
    assert "3 resource(s): 3 checked" in result.output


def test_a_refused_file_exits_1_naming_the_file_element_and_reason(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["camunda", "deploy", "--dry-run", str(RESOURCES / "charge.bpmn"), str(BROKEN)]
    )
    assert result.exit_code == 1
    assert "REFUSED    broken.bpmn" in result.output
    assert "'Odd_Gateway' (bpmn:complexGateway)" in result.output
    assert "1 refused" in result.output


def test_a_missing_path_is_a_one_line_error(app: Flask, tmp_path: Path) -> None:
    result = app.test_cli_runner().invoke(
        args=["camunda", "deploy", "--dry-run", str(tmp_path / "nope")]
    )
    assert result.exit_code == 1
    assert "Error: " in result.output
    assert "no such file or directory" in result.output


def test_without_paths_or_configured_resources_it_says_what_to_give(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["camunda", "deploy"])
    assert result.exit_code == 1
    assert "CAMUNDA_DEPLOY = {'RESOURCES': [...]}" in result.output


def test_configured_resources_are_relative_to_the_app_root(make_app: AppFactory) -> None:
    app = make_app("rooted", CAMUNDA_DEPLOY={"RESOURCES": ["bpmn"]})
    shutil.copytree(RESOURCES, Path(app.root_path, "bpmn"))
    Camunda(app)
    result = app.test_cli_runner().invoke(args=["camunda", "deploy", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "3 checked" in result.output


def test_worker_refuses_unknown_job_types_with_the_registered_ones(make_app: AppFactory) -> None:
    app = make_app("worker", CAMUNDA_USER_TASK_LISTENER_TYPE=None)
    camunda = Camunda(app)

    @camunda.job_worker("charge")
    def charge() -> None: ...

    result = app.test_cli_runner().invoke(args=["camunda", "worker", "refund"])
    assert result.exit_code == 1
    assert "no handler for job type(s) refund (registered: charge)" in result.output


def test_worker_without_handlers_says_how_to_register_one(make_app: AppFactory) -> None:
    app = make_app("idle", CAMUNDA_USER_TASK_LISTENER_TYPE=None)
    Camunda(app)
    result = app.test_cli_runner().invoke(args=["camunda", "worker"])
    assert result.exit_code == 1
    assert 'register one with @job_worker("job-type")' in result.output


def test_celery_executor_without_a_celery_app_says_where_to_put_it(make_app: AppFactory) -> None:
    app = make_app("celeryless")
    camunda = Camunda(app)

    @camunda.job_worker("charge")
    def charge() -> None: ...

    result = app.test_cli_runner().invoke(args=["camunda", "worker", "--executor", "celery"])
    assert result.exit_code == 1
    assert "app.extensions['celery']" in result.output


def test_a_refused_auto_deploy_stops_the_worker_before_it_polls(make_app: AppFactory) -> None:
    app = make_app("autodeploy", CAMUNDA_DEPLOY={"RESOURCES": [str(BROKEN)], "AUTO_DEPLOY": True})
    camunda = Camunda(app)

    @camunda.job_worker("charge")
    def charge() -> None: ...

    result = app.test_cli_runner().invoke(args=["camunda", "worker"])
    assert result.exit_code == 1
    assert "REFUSED    broken.bpmn" in result.output
    assert "auto-deploy refused some files" in result.output
    assert "--no-deploy" in result.output
    assert "Camunda worker" not in result.output


def test_deploy_skips_unchanged_files_and_force_deploys_them(make_app: AppFactory) -> None:
    from camunda_core.devengine import DevEngine
    from camunda_flask import get_state

    app = make_app("deploying", CAMUNDA_DEPLOY={"RESOURCES": [str(RESOURCES)]})
    Camunda(app)
    runner = app.test_cli_runner()
    with DevEngine() as engine:
        get_state(app).use_client(engine.client())
        first = runner.invoke(args=["camunda", "deploy"])
        assert first.exit_code == 0, first.output
        assert "deployed   charge.bpmn: process flask_charge v1" in first.output
        assert "3 resource(s): 3 deployed" in first.output
        assert Path(app.instance_path, "camunda-deployed.json").is_file()
        again = runner.invoke(args=["camunda", "deploy"])
        assert again.exit_code == 0
        assert "3 unchanged" in again.output
        forced = runner.invoke(
            args=["camunda", "deploy", "--force", str(RESOURCES / "charge.bpmn")]
        )
        assert forced.exit_code == 0
        assert "1 deployed" in forced.output
        refused = runner.invoke(
            args=["camunda", "deploy", str(RESOURCES / "charge.bpmn"), str(BROKEN)]
        )
        assert refused.exit_code == 1
        assert "unchanged  charge.bpmn" in refused.output
        assert "REFUSED    broken.bpmn" in refused.output


def test_worker_warns_about_job_types_nobody_handles_and_handlers_nobody_uses(
    make_app: AppFactory,
) -> None:
    app = make_app(
        "typos",
        CAMUNDA_DEPLOY={"RESOURCES": [str(RESOURCES)]},
        CAMUNDA_WORKERS={"TYPES": {"flask-chrage": {"timeout_ms": 1000}}},
    )
    camunda = Camunda(app)

    @camunda.job_worker("flask-chrage")
    def typo() -> None: ...

    result = app.test_cli_runner().invoke(args=["camunda", "worker", "nothing-registered"])
    assert result.exit_code == 1
    assert "warning: job type 'flask-charge' (in charge.bpmn) has no handler" in result.output
    assert "warning: the handler of 'flask-chrage' is used by no model" in result.output
