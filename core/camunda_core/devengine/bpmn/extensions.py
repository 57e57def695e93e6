"""Readers for the Zeebe extension elements every kind of flow node may carry.

Jobs (``zeebe:taskDefinition`` + ``zeebe:taskHeaders``), variable mappings, execution
listeners, ``zeebe:properties`` and binding types. Each reader reports its problems against the
owning element and returns a usable value even when something is wrong, so that one parse
finds every problem of the file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from types import MappingProxyType

from camunda_core.devengine.bpmn.context import Extensions, Owner
from camunda_core.devengine.bpmn.expression import Expression
from camunda_core.devengine.bpmn.nodes import EMPTY_PROPERTIES
from camunda_core.devengine.bpmn.parts import (
    DEFAULT_JOB_RETRIES,
    RESERVED_HEADER_PREFIX,
    BindingType,
    ExecutionListener,
    ExecutionListenerEvent,
    IoMapping,
    JobDefinition,
)
from camunda_core.devengine.bpmn.xmlload import zeebe

__all__ = [
    "read_binding",
    "read_execution_listeners",
    "read_headers",
    "read_io_mappings",
    "read_job",
    "read_properties",
    "read_retries",
]

_RETRIES = re.compile(r"\d+")
_PLACEHOLDER_TYPE = Expression.static("")


def read_retries(element: ET.Element, owner: Owner) -> Expression:
    """``retries``: absent or empty means 3; static must be a whole number; FEEL is allowed."""
    raw = element.get("retries")
    if raw is None or not raw.strip():
        return Expression.static(DEFAULT_JOB_RETRIES)
    value = owner.check_expression(raw, "attribute 'retries'")
    if value.is_static and not _RETRIES.fullmatch(raw.strip()):
        owner.report(
            f"attribute 'retries' must be a whole number or a FEEL expression, found '{raw}'"
        )
    return Expression.static(raw.strip()) if value.is_static else value


def read_job(extensions: Extensions, owner: Owner, *, required: bool) -> JobDefinition | None:
    """The job of ``zeebe:taskDefinition``; a missing one is reported when ``required``."""
    definitions = extensions.all("taskDefinition")
    if len(definitions) != 1:
        if required or definitions:
            owner.report("Must have exactly one 'zeebe:taskDefinition' extension element")
        if not definitions:
            return None
    definition = definitions[0]
    job_type = owner.expression(definition, "type", required=True) or _PLACEHOLDER_TYPE
    return JobDefinition(
        type=job_type,
        retries=read_retries(definition, owner),
        headers=read_headers(extensions, owner),
    )


def read_headers(extensions: Extensions, owner: Owner) -> tuple[tuple[str, str], ...]:
    """``zeebe:taskHeaders``: static key/value pairs; empty keys or values are dropped."""
    container = extensions.single("taskHeaders", owner)
    if container is None:
        return ()
    headers: list[tuple[str, str]] = []
    seen: set[str] = set()
    for header in container.findall(zeebe("header")):
        key, value = header.get("key") or "", header.get("value") or ""
        if key.startswith(RESERVED_HEADER_PREFIX):
            owner.report(
                f"zeebe:header: key '{key}' is reserved (keys starting with "
                f"'{RESERVED_HEADER_PREFIX}' are for internal use)"
            )
        if key in seen:
            owner.report(f"zeebe:taskHeaders: duplicate header key '{key}'")
        seen.add(key)
        if key and value:
            headers.append((key, value))
    return tuple(headers)


def read_io_mappings(
    extensions: Extensions, owner: Owner
) -> tuple[tuple[IoMapping, ...], tuple[IoMapping, ...]]:
    """``zeebe:ioMapping``: (inputs, outputs) in file order; output sources must be FEEL."""
    container = extensions.single("ioMapping", owner)
    if container is None:
        return (), ()
    inputs = tuple(_mapping(m, owner, False) for m in container.findall(zeebe("input")))
    outputs = tuple(_mapping(m, owner, True) for m in container.findall(zeebe("output")))
    return inputs, outputs


def _mapping(element: ET.Element, owner: Owner, is_output: bool) -> IoMapping:
    kind = "zeebe:output" if is_output else "zeebe:input"
    target = element.get("target") or ""
    if not target.strip() or any(not part.strip() for part in target.split(".")):
        owner.report(
            f"{kind}: attribute 'target' must be a variable name or a dotted path, found '{target}'"
        )
    raw = element.get("source")
    if raw is None or not raw.strip():
        return IoMapping(source=None, target=target)
    source = owner.check_expression(
        raw, f"{kind} '{target}': attribute 'source'", feel_only=is_output
    )
    return IoMapping(source=source, target=target)


def read_execution_listeners(extensions: Extensions, owner: Owner) -> tuple[ExecutionListener, ...]:
    """``zeebe:executionListeners``; a repeated (event type, job type) pair is refused."""
    container = extensions.single("executionListeners", owner)
    if container is None:
        return ()
    listeners: list[ExecutionListener] = []
    for element in container.findall(zeebe("executionListener")):
        listener = _execution_listener(element, owner)
        if listener is not None:
            listeners.append(listener)
    pairs = [(listener.event_type, str(listener.type)) for listener in listeners]
    for event_type, job_type in sorted({pair for pair in pairs if pairs.count(pair) > 1}):
        owner.report(
            f"execution listeners must be unique per event type and job type; "
            f"'{job_type}' is defined more than once for '{event_type.value}'"
        )
    return tuple(listeners)


def _execution_listener(element: ET.Element, owner: Owner) -> ExecutionListener | None:
    raw_event = owner.text(element, "eventType", required=True)
    job_type = owner.expression(element, "type", required=True)
    try:
        event_type = ExecutionListenerEvent(raw_event or "")
    except ValueError:
        if raw_event is not None:
            owner.report(
                f"zeebe:executionListener: eventType must be 'start' or 'end', found '{raw_event}'"
            )
        return None
    if job_type is None:
        return None
    return ExecutionListener(event_type, job_type, read_retries(element, owner))


def read_properties(extensions: Extensions, owner: Owner) -> Mapping[str, str]:
    """``zeebe:properties`` as a read-only dict (no behaviour)."""
    container = extensions.single("properties", owner)
    if container is None:
        return EMPTY_PROPERTIES
    found = {
        prop.get("name") or "": prop.get("value") or ""
        for prop in container.findall(zeebe("property"))
    }
    return MappingProxyType(found)


def read_binding(element: ET.Element, owner: Owner) -> tuple[BindingType, str | None]:
    """``bindingType`` (default latest) and the ``versionTag`` it may require."""
    raw = element.get("bindingType")
    version_tag = owner.text(element, "versionTag")
    try:
        binding = BindingType(raw) if raw else BindingType.LATEST
    except ValueError:
        allowed = ", ".join(b.value for b in BindingType)
        owner.report(f"attribute 'bindingType' must be one of {allowed}, found '{raw}'")
        return BindingType.LATEST, version_tag
    if binding is BindingType.VERSION_TAG and version_tag is None:
        owner.report(
            "attribute 'versionTag' must be present and not empty when bindingType is versionTag"
        )
    return binding, version_tag
