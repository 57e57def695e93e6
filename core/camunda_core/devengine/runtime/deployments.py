"""Deployments: BPMN processes, DMN decision requirements graphs and forms, all or nothing.

Every file is parsed and checked first; any problem refuses the whole deployment with one
line per problem (file, element, reason). A process, DRG or form whose resource is unchanged
(same checksum and file name as its latest version) is not deployed again: the existing
version is returned, as Zeebe de-duplicates. Only the latest version of a process has its
timer, message and signal start events open.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from camunda_core.devengine.bpmn import BpmnDeployError, BpmnResource, parse_bpmn
from camunda_core.devengine.contract import InvalidArgument
from camunda_core.devengine.dmn import DecisionRequirementsGraph, DmnParseError, parse_dmn
from camunda_core.devengine.forms import FormDefinition, FormDeployError, parse_form
from camunda_core.devengine.records import DeploymentRecord
from camunda_core.devengine.runtime import deploy_store, start_events, validation
from camunda_core.devengine.runtime.names import DEFAULT_TENANT

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime

__all__ = ["deploy"]

Parsed = BpmnResource | DecisionRequirementsGraph | FormDefinition


def _kind(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith((".bpmn", ".xml")):
        return "bpmn"
    if lower.endswith(".dmn"):
        return "dmn"
    if lower.endswith(".form"):
        return "form"
    return None


def _parse(name: str, data: bytes, problems: list[str]) -> Parsed | None:
    kind = _kind(name)
    try:
        if kind == "bpmn":
            resource = parse_bpmn(data, name)
            problems.extend(validation.bpmn_problems(resource))
            return resource
        if kind == "dmn":
            return parse_dmn(data, name)
        if kind == "form":
            return parse_form(data, name)
    except BpmnDeployError as exc:
        problems.extend(str(problem) for problem in exc.problems)
        return None
    except (DmnParseError, FormDeployError) as exc:
        problems.append(str(exc))
        return None
    problems.append(
        f"{name}: resource type is not supported (expected a .bpmn, .xml, .dmn or .form file)"
    )
    return None


def _duplicates(parsed: list[tuple[str, bytes, Parsed]], problems: list[str]) -> None:
    """Zeebe refuses one deployment that defines the same id in two files."""
    seen: dict[tuple[str, str], str] = {}
    for name, _, item in parsed:
        if isinstance(item, BpmnResource):
            ids = [("process", model.process_id) for model in item.processes]
        elif isinstance(item, DecisionRequirementsGraph):
            ids = [("decision requirements", item.id)] + [
                ("decision", decision_id) for decision_id in item.decisions
            ]
        else:
            ids = [("form", item.form_id)]
        for kind, element_id in ids:
            other = seen.setdefault((kind, element_id), name)
            if other != name:
                problems.append(
                    f"{name}: duplicated {kind} id '{element_id}' in resources '{other}' and "
                    f"'{name}'"
                )


def deploy(
    rt: Runtime, resources: Sequence[tuple[str, bytes]], tenant_id: str | None
) -> DeploymentRecord:
    """Deploy every resource, or none (InvalidArgument listing every problem)."""
    tenant = tenant_id or DEFAULT_TENANT
    if not resources:
        raise InvalidArgument("Expected to deploy at least one resource, but none given")
    problems: list[str] = []
    parsed: list[tuple[str, bytes, Parsed]] = []
    for name, data in resources:
        item = _parse(name, bytes(data), problems)
        if item is not None:
            parsed.append((name, bytes(data), item))
    _duplicates(parsed, problems)
    for name, _, item in parsed:
        if isinstance(item, BpmnResource):
            problems.extend(start_events.check(rt, item, tenant, name))
    if problems:
        raise InvalidArgument(
            "Expected to deploy new resources, but encountered the following errors:\n"
            + "\n".join(problems)
        )
    deployment = DeploymentRecord(rt.keys.next(), tenant)
    order = {"form": 0, "dmn": 1, "bpmn": 2}  # forms and decisions first: processes link them
    for name, data, item in sorted(parsed, key=lambda entry: order[_kind(entry[0]) or "bpmn"]):
        checksum = hashlib.sha256(data).hexdigest()
        if isinstance(item, BpmnResource):
            deploy_store.add_processes(rt, deployment, item, name, data, checksum)
        elif isinstance(item, DecisionRequirementsGraph):
            deploy_store.add_drg(rt, deployment, item, name, data, checksum)
        else:
            deploy_store.add_form(rt, deployment, item, name, data, checksum)
    rt.store.deployments[deployment.deployment_key] = deployment
    return deployment
