"""Finding, checking and fingerprinting resources before they are deployed."""

from __future__ import annotations

from pathlib import Path

import pytest

from camunda_core.deploy import (
    DeployResult,
    JsonChecksumStore,
    MemoryChecksumStore,
    Resource,
    check_resource,
    deploy_resources,
    find_resources,
    job_types_in,
)

SERVICE_TASK = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="{pid}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:serviceTask id="task">
      <bpmn:extensionElements><zeebe:taskDefinition type="{job_type}" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>
"""
COMPLEX_GATEWAY = SERVICE_TASK.replace(
    '<bpmn:endEvent id="end">', '<bpmn:complexGateway id="Odd"/><bpmn:endEvent id="end">'
)


def _bpmn(pid: str = "order", job_type: str = "charge") -> bytes:
    return SERVICE_TASK.format(pid=pid, job_type=job_type).encode()


def test_directories_are_searched_recursively_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.bpmn").write_bytes(_bpmn("b"))
    (tmp_path / "sub" / "a.dmn").write_text("<x/>")
    (tmp_path / "sub" / "c.form").write_text('{"id": "c"}')
    (tmp_path / "notes.txt").write_text("ignored")
    assert [r.name for r in find_resources([tmp_path])] == ["a.dmn", "b.bpmn", "c.form"]


def test_missing_paths_wrong_kinds_and_name_clashes_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such file or directory"):
        find_resources([tmp_path / "missing"])
    (tmp_path / "x.txt").write_text("")
    with pytest.raises(ValueError, match="not a BPMN, DMN or form file"):
        find_resources([tmp_path / "x.txt"])
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.bpmn").write_bytes(_bpmn())
    with pytest.raises(ValueError, match=r"two resources are named 'same\.bpmn'"):
        find_resources([tmp_path / "one", tmp_path / "two"])


def test_invalid_bpmn_is_refused_with_the_element_and_reason() -> None:
    reason = check_resource(
        Resource("odd.bpmn", COMPLEX_GATEWAY.format(pid="p", job_type="t").encode())
    )
    assert reason is not None
    assert "odd.bpmn" in reason
    assert "'Odd'" in reason
    assert "complexGateway" in reason
    assert check_resource(Resource("ok.bpmn", _bpmn())) is None


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.form", b"{nope", "bad.form: not valid JSON at line 1"),
        ("noid.form", b"{}", "a form must have a non-empty string 'id'"),
        ("bad.dmn", b"<x/>", "bad.dmn: not a DMN"),
    ],
)
def test_invalid_forms_and_dmn_name_the_file_and_problem(
    name: str, content: bytes, expected: str
) -> None:
    assert expected in (check_resource(Resource(name, content)) or "")


def test_dry_run_checks_every_file_and_sends_nothing() -> None:
    resources = [
        Resource("ok.bpmn", _bpmn()),
        Resource("odd.bpmn", COMPLEX_GATEWAY.format(pid="p", job_type="t").encode()),
    ]
    seen: list[tuple[int, int, str]] = []
    results = deploy_resources(
        None, resources, dry_run=True, progress=lambda i, n, r: seen.append((i, n, r.status))
    )
    assert [r.status for r in results] == ["checked", "refused"]
    assert seen == [(1, 2, "checked"), (2, 2, "refused")]
    with pytest.raises(ValueError, match="needs a client"):
        deploy_resources(None, resources)


def test_unchanged_files_are_skipped_by_checksum() -> None:
    store = MemoryChecksumStore()
    resource = Resource("ok.bpmn", _bpmn())
    store.put(DeployResult(resource, "deployed"), None)
    assert [
        r.status for r in deploy_resources(None, [resource], checksums=store, dry_run=True)
    ] == ["unchanged"]
    changed = Resource("ok.bpmn", _bpmn(job_type="other"))
    assert [r.status for r in deploy_resources(None, [changed], checksums=store, dry_run=True)] == [
        "checked"
    ]


def test_json_checksum_store_survives_a_new_process(tmp_path: Path) -> None:
    path = tmp_path / "instance" / "checksums.json"
    first, second = (
        Resource("a.bpmn", _bpmn(job_type="one")),
        Resource("a.bpmn", _bpmn(job_type="two")),
    )
    JsonChecksumStore(path).put(DeployResult(first, "deployed"), None)
    JsonChecksumStore(path).put(DeployResult(second, "deployed"), "tenant-1")
    assert JsonChecksumStore(path).get("a.bpmn", None) == first.checksum
    assert JsonChecksumStore(path).get("a.bpmn", "tenant-1") == second.checksum
    path.write_text("not json")
    assert JsonChecksumStore(path).get("a.bpmn", None) is None


def test_job_types_are_listed_with_their_files() -> None:
    resources = [
        Resource("a.bpmn", _bpmn("a", "charge")),
        Resource("b.bpmn", _bpmn("b", "charge")),
        Resource("c.bpmn", _bpmn("c", "ship")),
    ]
    assert job_types_in(resources) == {"charge": ["a.bpmn", "b.bpmn"], "ship": ["c.bpmn"]}
