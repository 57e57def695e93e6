"""Worker options from framework settings: DEFAULTS fill gaps, TYPES win, mistakes are reported
with their kind and place so Django and Flask can word them."""

from __future__ import annotations

from typing import Any

import pytest

from camunda_core.worker.config import (
    OPTION_NAMES,
    OptionProblem,
    WorkerOptionsConfig,
    parse_worker_options,
)
from camunda_core.worker.options import HandlerOptions


def _problems(raw: Any) -> list[OptionProblem]:
    _config, problems = parse_worker_options(raw)
    return problems


# --- applying the options ----------------------------------------------------------------------
def test_defaults_fill_only_the_options_the_decorator_left_unset() -> None:
    config = WorkerOptionsConfig(defaults={"timeout_ms": 30_000, "max_jobs_active": 8})
    options = config.options_for("charge", HandlerOptions(timeout_ms=5_000))
    assert (options.timeout_ms, options.max_jobs_active) == (5_000, 8)


def test_types_win_over_the_decorator_and_the_defaults() -> None:
    config = WorkerOptionsConfig(
        defaults={"max_jobs_active": 8}, types={"charge": {"max_jobs_active": 2, "timeout_ms": 1}}
    )
    options = config.options_for("charge", HandlerOptions(timeout_ms=5_000))
    assert (options.timeout_ms, options.max_jobs_active) == (1, 2)
    assert config.options_for("ship", HandlerOptions()).max_jobs_active == 8


def test_types_without_a_handler_are_unused() -> None:
    config = WorkerOptionsConfig(types={"charge": {}, "chrage": {}, "ship": {}})
    assert config.unused_types({"charge", "ship", "other"}) == ["chrage"]


# --- parsing ------------------------------------------------------------------------------------
def test_a_valid_section_parses_without_problems() -> None:
    config, problems = parse_worker_options(
        {
            "DEFAULTS": {"timeout_ms": 60_000, "heartbeat": True},
            "TYPES": {"charge": {"fetch_variables": ["amount"], "tenant_ids": None}},
        }
    )
    assert problems == []
    assert config.defaults == {"timeout_ms": 60_000, "heartbeat": True}
    assert config.types == {"charge": {"fetch_variables": ("amount",), "tenant_ids": None}}
    assert config.options_for("charge", HandlerOptions()).fetch_variables == ("amount",)


@pytest.mark.parametrize(
    "raw", [None, {}, {"DEFAULTS": None, "TYPES": None}, {"TYPES": {"charge": None}}]
)
def test_none_means_not_given(raw: Any) -> None:
    config, problems = parse_worker_options(raw)
    assert problems == []
    assert config.defaults == {}
    assert all(options == {} for options in config.types.values())


def test_a_section_that_is_not_a_dict() -> None:
    [problem] = _problems(["DEFAULTS"])
    assert (problem.kind, problem.where, problem.unknown) == ("section", "", None)
    assert problem.message == "must be a dict, not list"
    assert all(name in problem.hint for name in OPTION_NAMES)


def test_each_unknown_section_key_is_a_problem_of_its_own() -> None:
    problems = _problems({"TYPE": {}, "DEFAULT": {}, "DEFAULTS": {}})
    assert [(p.kind, p.where, p.unknown) for p in problems] == [
        ("section", "", "DEFAULT"),
        ("section", "", "TYPE"),
    ]
    assert problems[0].message == "unknown key 'DEFAULT' (known: DEFAULTS, TYPES)"


def test_an_unknown_option_names_the_dict_and_the_option() -> None:
    config, [problem] = parse_worker_options(
        {"TYPES": {"charge": {"timeout": 5, "timeout_ms": 10}}}
    )
    assert (problem.kind, problem.where, problem.unknown) == (
        "option",
        "['TYPES']['charge']",
        "timeout",
    )
    assert problem.message == "unknown worker option 'timeout'"
    assert config.types == {"charge": {"timeout_ms": 10}}, "the valid options are kept"


@pytest.mark.parametrize(
    ("options", "message", "hint"),
    [
        ({"timeout_ms": -1}, "timeout_ms must be positive (got -1)", "a whole number"),
        ({"retry_backoff_ms": -5}, "retry_backoff_ms must not be negative (got -5)", "a whole"),
        (
            {"timeout_ms": "60s"},
            "timeout_ms is invalid: Input should be a valid integer (got '60s')",
            "milliseconds",
        ),
        ({"max_jobs_active": True}, "max_jobs_active is invalid:", "a whole number"),
        ({"fetch_variables": "x,y"}, "fetch_variables is invalid:", "a list of strings"),
        ({"tenant_ids": [1]}, "tenant_ids is invalid:", "a list of strings"),
        ({"heartbeat": 1}, "heartbeat is invalid:", "True or False"),
    ],
)
def test_an_invalid_value_names_the_option_the_value_and_the_fix(
    options: dict[str, Any], message: str, hint: str
) -> None:
    config, [problem] = parse_worker_options({"DEFAULTS": options})
    assert (problem.kind, problem.where, problem.unknown) == ("option", "['DEFAULTS']", None)
    assert problem.message.startswith(message)
    assert hint in problem.hint
    assert config.defaults == {}


@pytest.mark.parametrize("where", ["DEFAULTS", "TYPES-entry"])
def test_options_that_are_not_a_dict(where: str) -> None:
    raw = {"DEFAULTS": 5} if where == "DEFAULTS" else {"TYPES": {"charge": 5}}
    [problem] = _problems(raw)
    assert problem.kind == "option"
    assert problem.where == ("['DEFAULTS']" if where == "DEFAULTS" else "['TYPES']['charge']")
    assert problem.message == "must be a dict of worker options, not int"


def test_types_that_are_not_a_dict() -> None:
    config, [problem] = parse_worker_options({"TYPES": ["charge"], "DEFAULTS": {"timeout_ms": 1}})
    assert (problem.kind, problem.where) == ("job_type", "['TYPES']")
    assert problem.message == "must be a dict of job types, not list"
    assert config.defaults == {"timeout_ms": 1}


@pytest.mark.parametrize("key", ["", 7])
def test_a_types_key_that_is_not_a_job_type(key: Any) -> None:
    config, [problem] = parse_worker_options({"TYPES": {key: {}, "charge": {}}})
    assert (problem.kind, problem.where) == ("job_type", "['TYPES']")
    assert problem.message == f"the key {key!r} is not a job type"
    assert list(config.types) == ["charge"]


def test_every_problem_is_reported_at_once() -> None:
    problems = _problems(
        {"EXTRA": 1, "DEFAULTS": {"speed": 1, "timeout_ms": 0}, "TYPES": {"": {}, "a": {"x": 1}}}
    )
    assert [p.kind for p in problems] == ["section", "option", "option", "job_type", "option"]
