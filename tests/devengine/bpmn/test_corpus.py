"""Every real file of the shared corpus either parses or is refused for a documented reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from camunda_core.devengine.bpmn import BpmnDeployError, parse_bpmn
from camunda_core.devengine.forms import parse_form

# The reasons a real file may be refused for (docs/devengine/bpmn.md lists them all).
DOCUMENTED_REFUSALS = (
    "compensation",
    "complex gateways",
    "transaction sub-processes",
    "ad-hoc sub-processes",
    "conditional events",
    "cancel events",
    "loopCardinality",
    "standard loops",
    "unsupported element",
)

# Files whose outcome the corpus manifest documents.
EXPECTED_REFUSED = {"compensation-end-event.bpmn"}


def _files(corpus: Path, pattern: str) -> list[Path]:
    files = sorted(corpus.glob(f"*/{pattern}"))
    assert files, f"no {pattern} files in {corpus}"
    return files


def test_every_bpmn_file_parses_or_is_refused_with_a_documented_reason(
    corpus_dir: Path, corpus_summary: dict[str, list[str]]
) -> None:
    refused: dict[str, BpmnDeployError] = {}
    for path in _files(corpus_dir, "*.bpmn"):
        try:
            resource = parse_bpmn(path.read_bytes(), path.name)
        except BpmnDeployError as error:
            refused[path.name] = error
            reasons = "; ".join(f"{p.element_id}: {p.reason}" for p in error.problems)
            corpus_summary["refused"].append(f"{path.parent.name}/{path.name}: {reasons}")
            continue
        assert resource.processes, path.name
        corpus_summary["parsed"].append(path.name)

    assert set(refused) == EXPECTED_REFUSED
    for name, error in refused.items():
        for problem in error.problems:
            assert problem.resource_name == name
            assert problem.element_id, str(problem)
            assert any(reason in problem.reason for reason in DOCUMENTED_REFUSALS), str(problem)


def test_the_compensation_file_names_each_compensation_element(corpus_dir: Path) -> None:
    path = next(corpus_dir.glob("*/compensation-end-event.bpmn"))
    with pytest.raises(BpmnDeployError) as info:
        parse_bpmn(path.read_bytes(), path.name)
    named = {(p.element_id, p.element_type) for p in info.value.problems}
    assert named == {
        ("CompensationBoundaryEvent", "bpmn:boundaryEvent"),
        ("CompensationEndEvent", "bpmn:endEvent"),
        ("CompensationHandler", "bpmn:serviceTask"),
    }


def test_every_form_file_parses(corpus_dir: Path, corpus_summary: dict[str, list[str]]) -> None:
    for path in _files(corpus_dir, "*.form"):
        form = parse_form(path.read_bytes(), path.name)
        assert form.form_id
        assert form.schema_text.lstrip().startswith("{")
        corpus_summary["forms"].append(path.name)


def test_corpus_forms_match_the_ids_the_corpus_processes_link(corpus_dir: Path) -> None:
    form_ids = {parse_form(p.read_bytes(), p.name).form_id for p in corpus_dir.glob("*/*.form")}
    start_form = next(corpus_dir.glob("*/start-form-test-process.bpmn"))
    model = parse_bpmn(start_form.read_bytes(), start_form.name).processes[0]
    assert model.start_form is not None
    assert model.start_form.form_id is not None
    assert model.start_form.form_id.source in form_ids


def test_embedded_forms_of_the_corpus_are_collected(corpus_dir: Path) -> None:
    path = next(corpus_dir.glob("*/registerPassenger.bpmn"))
    resource = parse_bpmn(path.read_bytes(), path.name)
    assert [form.form_id for form in resource.embedded_forms] == [
        "userTaskForm_1",
        "userTaskForm_2",
    ]
    task = resource.processes[0].element("registerPassenger")
    job = task.job_definition()
    assert job is not None
    assert job.custom_headers["io.camunda.zeebe:formKey"] == "camunda-forms:bpmn:userTaskForm_1"


def test_old_empty_retries_means_three(corpus_dir: Path) -> None:
    path = next(corpus_dir.glob("*/send-email.bpmn"))
    job = (
        parse_bpmn(path.read_bytes(), path.name)
        .processes[0]
        .element("sendEmailTask")
        .job_definition()
    )
    assert job is not None
    assert (job.type.source, job.retries.source) == ("email", "3")
