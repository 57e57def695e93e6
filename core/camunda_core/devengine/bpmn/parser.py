"""``parse_bpmn``: a deployed ``.bpmn`` file in, an immutable validated model out.

Only processes with ``isExecutable="true"`` are deployed (pools of a collaboration each have
their own process). Every problem of the file is collected, then the file is refused with all
of them in one :class:`BpmnDeployError`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from camunda_core.devengine.bpmn.builder_common import BuildContext
from camunda_core.devengine.bpmn.context import (
    Definitions,
    Extensions,
    Owner,
    ProblemSink,
    element_type_of,
)
from camunda_core.devengine.bpmn.errors import BpmnDeployError
from camunda_core.devengine.bpmn.extensions import read_execution_listeners, read_properties
from camunda_core.devengine.bpmn.parts import EmbeddedForm
from camunda_core.devengine.bpmn.process import BpmnResource, ProcessModel
from camunda_core.devengine.bpmn.validation import validate_process
from camunda_core.devengine.bpmn.walker import walk_process
from camunda_core.devengine.bpmn.xmlload import BPMN_NS, bpmn, load_xml, namespace

__all__ = ["parse_bpmn"]


def parse_bpmn(data: bytes, resource_name: str) -> BpmnResource:
    """Parse and validate a BPMN file; raise BpmnDeployError listing every problem found."""
    root = load_xml(data, resource_name)
    sink = ProblemSink(resource_name)
    if root.tag != bpmn("definitions"):
        sink.add(
            None,
            element_type_of(root),
            "not a BPMN 2.0 file: the root element must be bpmn:definitions "
            f"of the namespace {BPMN_NS}",
        )
        raise BpmnDeployError(sink.problems)
    _check_duplicate_ids(root, sink)
    definitions = Definitions.read(root)
    executable = [p for p in root.findall(bpmn("process")) if _is_executable(p)]
    processes = [_build_process(p, definitions, sink) for p in executable]
    if not executable:
        sink.add(
            root.get("id"),
            "bpmn:definitions",
            'no executable process: the file must contain a bpmn:process with isExecutable="true"',
        )
    if sink.problems:
        raise BpmnDeployError(sink.problems)
    return BpmnResource(resource_name, tuple(p for p in processes if p is not None))


def _is_executable(process: ET.Element) -> bool:
    return (process.get("isExecutable") or "").strip().lower() == "true"


def _check_duplicate_ids(root: ET.Element, sink: ProblemSink) -> None:
    """XML ids must be unique in the file; each duplicated id is reported once."""
    elements = [e for e in root.iter() if namespace(e.tag) == BPMN_NS and e.get("id")]
    counts = Counter(e.get("id") for e in elements)
    reported: set[str] = set()
    for element in elements:
        element_id = element.get("id") or ""
        if counts[element_id] > 1 and element_id not in reported:
            reported.add(element_id)
            sink.add(
                element_id,
                element_type_of(element),
                f"duplicate id: {counts[element_id]} elements of the file share this id",
            )


def _build_process(
    element: ET.Element, definitions: Definitions, sink: ProblemSink
) -> ProcessModel | None:
    owner = sink.owner(element)
    process_id = owner.text(element, "id", required=True)
    if process_id is None:
        return None
    extensions = Extensions(element)
    context = BuildContext(sink, definitions, process_id)
    nodes, flows = walk_process(element, context)
    model = ProcessModel.create(
        process_id=process_id,
        name=element.get("name"),
        version_tag=_version_tag(extensions, owner),
        nodes=nodes,
        flows=flows,
        embedded_forms=_embedded_forms(extensions, owner, process_id),
        execution_listeners=read_execution_listeners(extensions, owner),
        properties=read_properties(extensions, owner),
    )
    validate_process(model, sink, context.refused)
    return model


def _version_tag(extensions: Extensions, owner: Owner) -> str | None:
    element = extensions.single("versionTag", owner)
    return owner.text(element, "value", required=True) if element is not None else None


def _embedded_forms(extensions: Extensions, owner: Owner, process_id: str) -> list[EmbeddedForm]:
    forms: list[EmbeddedForm] = []
    for element in extensions.all("userTaskForm"):
        form_id = owner.text(element, "id", required=True)
        if form_id is None:
            continue
        if any(form.form_id == form_id for form in forms):
            owner.report(f"duplicate zeebe:userTaskForm id '{form_id}'")
        forms.append(EmbeddedForm(process_id, form_id, (element.text or "").strip()))
    return forms
