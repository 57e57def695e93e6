"""Checking a resource locally before it is sent: the same parsers the dev engine uses."""

from __future__ import annotations

import json

from camunda_core.deploy.resources import Resource
from camunda_core.devengine.bpmn import BpmnDeployError, parse_bpmn
from camunda_core.devengine.dmn import DmnParseError, parse_dmn
from camunda_core.devengine.forms import FormDeployError, parse_form

__all__ = ["check_resource", "job_types_in"]


def check_resource(resource: Resource) -> str | None:
    """``None`` when the file is valid, else the reason (naming element ids for BPMN)."""
    try:
        if resource.kind == "bpmn":
            parse_bpmn(resource.content, resource.name)
        elif resource.kind == "dmn":
            parse_dmn(resource.content, resource.name)
        elif resource.kind == "form":
            parse_form(resource.content, resource.name)
    except (BpmnDeployError, DmnParseError, FormDeployError) as error:
        return str(error)
    except (ValueError, json.JSONDecodeError) as error:
        return f"{resource.name}: {error}"
    return None


def job_types_in(resources: list[Resource]) -> dict[str, list[str]]:
    """Static job types used by the BPMN resources, each with the files that use it.

    Unparseable files are skipped (``check_resource`` reports them).
    """
    types: dict[str, list[str]] = {}
    for resource in resources:
        if resource.kind != "bpmn":
            continue
        try:
            parsed = parse_bpmn(resource.content, resource.name)
        except BpmnDeployError:
            continue
        for process in parsed.processes:
            for job_type in process.job_types():
                types.setdefault(job_type, [])
                if resource.name not in types[job_type]:
                    types[job_type].append(resource.name)
    return types
