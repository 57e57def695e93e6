"""Storing deployed definitions (with Zeebe's versioning and de-duplication) and deleting them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.devengine.bpmn import BpmnResource, ProcessModel
from camunda_core.devengine.contract import InvalidState, NotFound
from camunda_core.devengine.dmn import DecisionRequirementsGraph
from camunda_core.devengine.forms import FormDefinition
from camunda_core.devengine.records import (
    DecisionDefinitionRecord,
    DecisionRequirementsRecord,
    DeploymentRecord,
    FormRecord,
    ProcessDefinitionRecord,
)
from camunda_core.devengine.runtime import start_events

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime

__all__ = ["add_drg", "add_form", "add_processes", "delete_resource"]

ACTIVE = "ACTIVE"
DELETED = "DELETED"


def _start_form_key(rt: Runtime, tenant: str, model: ProcessModel) -> str | None:
    form = model.start_form
    if form is None or form.form_id is None or form.form_id.is_feel:
        return None
    latest = rt.store.latest_form(tenant, form.form_id.source)
    return latest.form_key if latest is not None else None


def _new_process(
    rt: Runtime,
    deployment: DeploymentRecord,
    model: ProcessModel,
    name: str,
    resource_key: str,
    checksum: str,
    versions: list[ProcessDefinitionRecord],
) -> ProcessDefinitionRecord:
    return ProcessDefinitionRecord(
        process_definition_key=rt.keys.next(),
        process_definition_id=model.process_id,
        name=model.name,
        version=(versions[-1].version + 1) if versions else 1,
        version_tag=model.version_tag,
        resource_name=name,
        tenant_id=deployment.tenant_id,
        has_start_form=model.start_form is not None,
        state=ACTIVE,
        model=model,
        deployment_key=deployment.deployment_key,
        resource_key=resource_key,
        checksum=checksum,
        start_form_key=_start_form_key(rt, deployment.tenant_id, model),
    )


def add_processes(
    rt: Runtime,
    deployment: DeploymentRecord,
    resource: BpmnResource,
    name: str,
    data: bytes,
    checksum: str,
) -> None:
    """Add a new version of each process of a BPMN file whose content changed."""
    store = rt.store
    tenant = deployment.tenant_id
    resource_key: str | None = None
    for model in resource.processes:
        versions = store.process_versions.setdefault((tenant, model.process_id), [])
        latest = store.latest_process(tenant, model.process_id)
        if latest is not None and latest.checksum == checksum and latest.resource_name == name:
            deployment.processes.append(latest)
            continue
        if resource_key is None:
            resource_key = rt.keys.next()
            store.resources[resource_key] = data
        record = _new_process(rt, deployment, model, name, resource_key, checksum, versions)
        key = record.process_definition_key
        versions.append(record)
        store.process_definitions[key] = record
        store.resources[key] = data
        if latest is not None:
            start_events.close(rt, latest)
        start_events.open_latest(rt, record)
        deployment.processes.append(record)


def add_drg(
    rt: Runtime,
    deployment: DeploymentRecord,
    graph: DecisionRequirementsGraph,
    name: str,
    data: bytes,
    checksum: str,
) -> None:
    """Add a new version of a DMN file's DRG and of each of its decisions."""
    store = rt.store
    tenant = deployment.tenant_id
    versions = store.drg_versions.setdefault((tenant, graph.id), [])
    latest = versions[-1] if versions else None
    if latest is not None and latest.checksum == checksum and latest.resource_name == name:
        deployment.decision_requirements.append(latest)
        deployment.decisions.extend(
            record
            for record in store.decision_definitions.values()
            if record.decision_requirements_key == latest.decision_requirements_key
        )
        return
    drg_key = rt.keys.next()
    drg = DecisionRequirementsRecord(
        drg_key,
        graph.id,
        graph.name,
        (latest.version + 1) if latest is not None else 1,
        name,
        tenant,
        graph,
        deployment.deployment_key,
        checksum,
    )
    versions.append(drg)
    store.decision_requirements[drg_key] = drg
    store.resources[drg_key] = data
    deployment.decision_requirements.append(drg)
    _add_decisions(rt, deployment, graph, drg_key)


def _add_decisions(
    rt: Runtime, deployment: DeploymentRecord, graph: DecisionRequirementsGraph, drg_key: str
) -> None:
    store = rt.store
    tenant = deployment.tenant_id
    for decision in graph.decisions.values():
        decision_versions = store.decision_versions.setdefault((tenant, decision.id), [])
        record = DecisionDefinitionRecord(
            rt.keys.next(),
            decision.id,
            decision.name,
            (decision_versions[-1].version + 1) if decision_versions else 1,
            graph.id,
            drg_key,
            tenant,
        )
        decision_versions.append(record)
        store.decision_definitions[record.decision_definition_key] = record
        deployment.decisions.append(record)


def add_form(
    rt: Runtime,
    deployment: DeploymentRecord,
    form: FormDefinition,
    name: str,
    data: bytes,
    checksum: str,
) -> None:
    """Add a new version of a form whose content changed."""
    store = rt.store
    tenant = deployment.tenant_id
    versions = store.form_versions.setdefault((tenant, form.form_id), [])
    latest = versions[-1] if versions else None
    if latest is not None and latest.checksum == checksum and latest.resource_name == name:
        deployment.forms.append(latest)
        return
    record = FormRecord(
        rt.keys.next(),
        form.form_id,
        (latest.version + 1) if latest is not None else 1,
        name,
        tenant,
        form.schema_text,
        deployment.deployment_key,
        checksum,
    )
    versions.append(record)
    store.forms[record.form_key] = record
    store.resources[record.form_key] = data
    deployment.forms.append(record)


def _delete_process(rt: Runtime, record: ProcessDefinitionRecord) -> None:
    if any(
        inst.definition is record
        or inst.definition.process_definition_key == record.process_definition_key
        for inst in rt.instances.values()
    ):
        raise InvalidState(
            f"Expected to delete resource with key '{record.process_definition_key}', but "
            "there are still running instances"
        )
    store = rt.store
    was_latest = store.latest_process(record.tenant_id, record.process_definition_id) is record
    record.state = DELETED
    start_events.close(rt, record)
    if was_latest:
        latest = store.latest_process(record.tenant_id, record.process_definition_id)
        if latest is not None:
            start_events.open_latest(rt, latest)


def _delete_drg(rt: Runtime, drg: DecisionRequirementsRecord) -> None:
    store = rt.store
    versions = store.drg_versions.get((drg.tenant_id, drg.decision_requirements_id), [])
    if drg in versions:
        versions.remove(drg)
    for key, record in list(store.decision_definitions.items()):
        if record.decision_requirements_key == drg.decision_requirements_key:
            del store.decision_definitions[key]
            found = store.decision_versions.get((record.tenant_id, record.decision_definition_id))
            if found is not None and record in found:
                found.remove(record)
    del store.decision_requirements[drg.decision_requirements_key]


def delete_resource(rt: Runtime, resource_key: str) -> None:
    """Delete a process definition, a DRG (with its decisions) or a form."""
    store = rt.store
    process = store.process_definitions.get(resource_key)
    if process is not None and process.state == ACTIVE:
        _delete_process(rt, process)
        return
    drg = store.decision_requirements.get(resource_key)
    if drg is not None:
        _delete_drg(rt, drg)
        return
    form = store.forms.get(resource_key)
    if form is not None:
        versions = store.form_versions.get((form.tenant_id, form.form_id), [])
        if form in versions:
            versions.remove(form)
        del store.forms[resource_key]
        return
    raise NotFound(
        f"Expected to delete resource but no process definition, decision requirements or "
        f"form found with key '{resource_key}'"
    )
