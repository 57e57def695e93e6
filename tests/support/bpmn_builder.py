"""A tiny writer of BPMN XML for the runtime tests: elements as strings, flows by chain.

    xml = process("order", start(), service("pay", "payment"), end(), flows=chain(...))

Only what the tests need; every element is written by hand as Zeebe files write it.
"""

from __future__ import annotations

from itertools import pairwise
from xml.sax.saxutils import escape

__all__ = [
    "attr",
    "boundary",
    "chain",
    "definitions",
    "end",
    "ext",
    "flow",
    "gateway",
    "io",
    "process",
    "service",
    "start",
]

NAMESPACES = (
    'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)


def definitions(*processes: str, extra: str = "") -> bytes:
    """A BPMN file holding the given ``<bpmn:process>`` elements and definitions."""
    body = "\n".join(processes)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<bpmn:definitions {NAMESPACES} id="Defs" targetNamespace="http://example.com/test">\n'
        f"{body}\n{extra}\n</bpmn:definitions>\n"
    ).encode()


def process(process_id: str, *elements: str, extra: str = "", listeners: str = "") -> bytes:
    """A file with one executable process made of ``elements`` (and ``extra`` definitions)."""
    ext = f"<bpmn:extensionElements>{listeners}</bpmn:extensionElements>" if listeners else ""
    body = "\n".join(elements)
    return definitions(
        f'<bpmn:process id="{process_id}" isExecutable="true">{ext}\n{body}\n</bpmn:process>',
        extra=extra,
    )


def attr(value: str) -> str:
    """An attribute value escaped for XML (FEEL often holds quotes and comparisons)."""
    return escape(value, {'"': "&quot;"})


def ext(*parts: str) -> str:
    """``<bpmn:extensionElements>`` around Zeebe extensions (empty when none)."""
    joined = "".join(part for part in parts if part)
    return f"<bpmn:extensionElements>{joined}</bpmn:extensionElements>" if joined else ""


def io(inputs: dict[str, str] | None = None, outputs: dict[str, str] | None = None) -> str:
    """``zeebe:ioMapping`` with {target: source} inputs and outputs."""
    parts = [f'<zeebe:input source="{attr(s)}" target="{t}" />' for t, s in (inputs or {}).items()]
    parts += [
        f'<zeebe:output source="{attr(s)}" target="{t}" />' for t, s in (outputs or {}).items()
    ]
    return f"<zeebe:ioMapping>{''.join(parts)}</zeebe:ioMapping>"


def start(element_id: str = "start", inner: str = "", **attributes: str) -> str:
    attrs = "".join(f' {key}="{value}"' for key, value in attributes.items())
    return f'<bpmn:startEvent id="{element_id}"{attrs}>{inner}</bpmn:startEvent>'


def end(element_id: str = "end", inner: str = "") -> str:
    return f'<bpmn:endEvent id="{element_id}">{inner}</bpmn:endEvent>'


def service(
    element_id: str,
    job_type: str,
    *extensions: str,
    retries: str | None = None,
    inner: str = "",
    tag: str = "serviceTask",
) -> str:
    """A job-based task (service task by default) of ``job_type``."""
    retries_attr = f' retries="{retries}"' if retries is not None else ""
    definition = f'<zeebe:taskDefinition type="{attr(job_type)}"{retries_attr} />'
    return f'<bpmn:{tag} id="{element_id}">{ext(definition, *extensions)}{inner}</bpmn:{tag}>'


def gateway(kind: str, element_id: str, default: str | None = None) -> str:
    """A gateway: kind is exclusive, inclusive, parallel or eventBased."""
    default_attr = f' default="{default}"' if default else ""
    return f'<bpmn:{kind}Gateway id="{element_id}"{default_attr} />'


def boundary(
    element_id: str,
    attached_to: str,
    definition: str,
    *,
    interrupting: bool = True,
    inner: str = "",
) -> str:
    cancel = "" if interrupting else ' cancelActivity="false"'
    return (
        f'<bpmn:boundaryEvent id="{element_id}" attachedToRef="{attached_to}"{cancel}>'
        f"{inner}{definition}</bpmn:boundaryEvent>"
    )


def flow(source: str, target: str, condition: str | None = None, flow_id: str | None = None) -> str:
    """A sequence flow (with a FEEL condition such as ``=x > 1``)."""
    identifier = flow_id or f"f_{source}_{target}"
    if condition is None:
        return f'<bpmn:sequenceFlow id="{identifier}" sourceRef="{source}" targetRef="{target}" />'
    return (
        f'<bpmn:sequenceFlow id="{identifier}" sourceRef="{source}" targetRef="{target}">'
        f'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{escape(condition)}'
        "</bpmn:conditionExpression></bpmn:sequenceFlow>"
    )


def chain(*element_ids: str) -> str:
    """Sequence flows between consecutive elements."""
    return "\n".join(flow(source, target) for source, target in pairwise(element_ids))
