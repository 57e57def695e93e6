"""The shared corpus of real BPMN, DMN and form files against the runtime.

Every file either deploys or is refused with a reason naming the file and the element; then
every deployed process is driven by a generic worker (jobs, user tasks, messages, signals,
timers) and must complete, or stop for a documented reason the corpus itself explains
(a decision or form it links is not in the corpus, a loop that needs a real worker).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from corpus_driver import SUMMARY_KEY, Outcome, drive_process, load_support
from corpus_inputs import CORPUS_RESULTS, CORPUS_VARIABLES

from camunda_core.devengine.bpmn import parse_bpmn
from camunda_core.devengine.contract import InvalidArgument
from camunda_core.devengine.runtime import Engine

START_VARIABLES = CORPUS_VARIABLES
RESULTS = CORPUS_RESULTS

REFUSED = {"compensation-end-event.bpmn": "compensation events are not supported"}
#: Processes that cannot complete with a generic worker, and why (from the files themselves).
NOT_COMPLETING = {
    "complex_process.bpmn": "no decision found for id 'benchmark-decision'",
    "complex_subprocess.bpmn": "no decision found for id 'benchmark-decision'",
    "Absence Request.bpmn": "no form with this id is found",
}


@pytest.fixture(scope="module")
def corpus() -> Path:
    configured = os.environ.get("CAMUNDA_BPMN_CORPUS")
    default = Path(__file__).resolve().parents[4] / "shared" / "bpmn-corpus"
    path = Path(configured) if configured else default
    if not path.is_dir():
        pytest.skip(f"BPMN corpus not found at {path} (set CAMUNDA_BPMN_CORPUS to its folder)")
    return path


def _files(corpus: Path, *suffixes: str) -> list[Path]:
    return sorted(path for path in corpus.glob("*/*") if path.suffix in suffixes)


def test_every_corpus_file_deploys_or_is_refused_precisely(
    corpus: Path, request: pytest.FixtureRequest
) -> None:
    summary = request.config.stash.setdefault(SUMMARY_KEY, [])
    deployed, refused = 0, {}
    with Engine() as engine:
        for path in _files(corpus, ".bpmn", ".dmn", ".form"):
            try:
                engine.deploy([(path.name, path.read_bytes())], None)
                deployed += 1
            except InvalidArgument as exc:
                refused[path.name] = exc.detail
    assert deployed >= 60
    assert set(refused) == set(REFUSED)
    for name, detail in refused.items():
        problems = detail.splitlines()[1:]
        assert problems
        for problem in problems:
            assert problem.startswith(f"{name}: element '"), problem
            assert REFUSED[name] in problem or "compensation" in problem, problem
    summary.append(f"deployed {deployed} files, refused {len(refused)}: {sorted(refused)}")


def _run(corpus: Path, path: Path) -> list[Outcome]:
    outcomes = []
    with Engine() as engine:
        load_support(engine, corpus)
        for other in sorted(path.parent.glob("*.bpmn")):  # called processes of the same project
            if other != path and other.name not in REFUSED:
                engine.deploy([(other.name, other.read_bytes())], None)
        engine.deploy([(path.name, path.read_bytes())], None)
        for model in parse_bpmn(path.read_bytes(), path.name).processes:
            outcomes.append(drive_process(engine, path.name, model, START_VARIABLES, RESULTS))
    return outcomes


def test_every_deployed_corpus_process_runs_with_a_generic_worker(
    corpus: Path, request: pytest.FixtureRequest
) -> None:
    summary = request.config.stash.setdefault(SUMMARY_KEY, [])
    outcomes = [
        outcome
        for path in _files(corpus, ".bpmn")
        if path.name not in REFUSED
        for outcome in _run(corpus, path)
    ]
    completed = [o for o in outcomes if o.completed]
    for outcome in outcomes:
        if outcome.completed:
            continue
        expected = NOT_COMPLETING.get(outcome.resource)
        described = outcome.state + " " + "; ".join(outcome.reasons)
        assert expected is not None, f"{outcome.resource}: {described}"
        assert expected in described, f"{outcome.resource}: {described}"
        summary.append(f"not completed {outcome.resource}: {described[:160]}")
    summary.insert(0, f"ran {len(outcomes)} processes: {len(completed)} completed")
    assert len(completed) == len(outcomes) - len(NOT_COMPLETING)
