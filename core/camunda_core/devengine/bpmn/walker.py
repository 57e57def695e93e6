"""Walks one ``bpmn:process`` scope by scope and builds its flow nodes and sequence flows.

Sequence flows are indexed first, so every node is created with its incoming and outgoing flow
ids. Elements without behaviour (lanes, annotations, data objects...) are skipped; elements the
dev engine cannot run are refused by name.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Callable

from camunda_core.devengine.bpmn.activities import Activity
from camunda_core.devengine.bpmn.build_activities import ACTIVITY_BUILDERS, GATEWAY_BUILDERS
from camunda_core.devengine.bpmn.build_events import (
    build_boundary_event,
    build_end_event,
    build_intermediate_catch_event,
    build_intermediate_throw_event,
    build_start_event,
)
from camunda_core.devengine.bpmn.builder_common import BuildContext, NodeSource, Scope, ScopeKind
from camunda_core.devengine.bpmn.events import BoundaryEvent
from camunda_core.devengine.bpmn.expression import Expression
from camunda_core.devengine.bpmn.nodes import FlowNode, SequenceFlow
from camunda_core.devengine.bpmn.xmlload import BPMN_NS, XSI_NS, bpmn, local_name, namespace

__all__ = ["walk_process"]

_BUILDERS: dict[str, Callable[[NodeSource], FlowNode]] = {
    "startEvent": build_start_event,
    "endEvent": build_end_event,
    "intermediateCatchEvent": build_intermediate_catch_event,
    "intermediateThrowEvent": build_intermediate_throw_event,
    "boundaryEvent": build_boundary_event,
    **ACTIVITY_BUILDERS,
    **GATEWAY_BUILDERS,
}

_WITHOUT_BEHAVIOUR = frozenset(
    {
        "laneSet",
        "textAnnotation",
        "association",
        "group",
        "dataObject",
        "dataObjectReference",
        "dataStoreReference",
        "documentation",
        "extensionElements",
        "ioSpecification",
        "property",
        "correlationSubscription",
        "auditing",
        # children of a sub-process that describe the sub-process itself, read by its builder
        "incoming",
        "outgoing",
        "multiInstanceLoopCharacteristics",
        "standardLoopCharacteristics",
        "dataInputAssociation",
        "dataOutputAssociation",
        "monitoring",
        "supports",
    }
)

_REFUSED = {
    "complexGateway": "complex gateways are not supported by the dev engine",
    "transaction": "transaction sub-processes are not supported by the dev engine",
    "adHocSubProcess": "ad-hoc sub-processes are not supported by the dev engine",
}


def walk_process(
    process: ET.Element, context: BuildContext
) -> tuple[list[FlowNode], list[SequenceFlow]]:
    """Build every flow node and sequence flow of the process, in file order."""
    defaults = _index_flows(process, context)
    nodes: list[FlowNode] = []
    flows: list[SequenceFlow] = []
    _walk(process, Scope(context.process_id, ScopeKind.PROCESS), context, defaults, nodes, flows)
    return _attach_boundaries(nodes), flows


def _index_flows(process: ET.Element, context: BuildContext) -> set[str]:
    for flow in process.iter(bpmn("sequenceFlow")):
        flow_id = flow.get("id") or ""
        context.outgoing.setdefault(flow.get("sourceRef") or "", []).append(flow_id)
        context.incoming.setdefault(flow.get("targetRef") or "", []).append(flow_id)
    gateways = (bpmn("exclusiveGateway"), bpmn("inclusiveGateway"))
    return {
        element.get("default") or ""
        for element in process.iter()
        if element.tag in gateways and element.get("default")
    }


def _walk(
    container: ET.Element,
    scope: Scope,
    context: BuildContext,
    defaults: set[str],
    nodes: list[FlowNode],
    flows: list[SequenceFlow],
) -> None:
    for child in container:
        if namespace(child.tag) != BPMN_NS:
            continue  # foreign elements outside extensionElements carry no behaviour
        name = local_name(child.tag)
        if name == "sequenceFlow":
            flows.append(_build_flow(child, scope, context, defaults))
        elif name not in _WITHOUT_BEHAVIOUR:
            node = _build_node(child, name, scope, context)
            if node is not None:
                nodes.append(node)
                if name == "subProcess":
                    kind = ScopeKind.EVENT_SUBPROCESS if _by_event(child) else ScopeKind.EMBEDDED
                    _walk(child, Scope(node.id, kind), context, defaults, nodes, flows)


def _by_event(element: ET.Element) -> bool:
    return (element.get("triggeredByEvent") or "").strip().lower() == "true"


def _build_node(
    element: ET.Element, name: str, scope: Scope, context: BuildContext
) -> FlowNode | None:
    owner = context.sink.owner(element)
    builder = _BUILDERS.get(name)
    if name in _REFUSED or builder is None:
        owner.report(
            _REFUSED.get(name, f"unsupported element: bpmn:{name} cannot be run by the dev engine")
        )
        context.refused.add(element.get("id") or "")
        return None
    if not (element.get("id") or "").strip():
        owner.report(f"a bpmn:{name} must have an id")
        return None
    return builder(NodeSource.of(element, scope, context))


def _build_flow(
    element: ET.Element, scope: Scope, context: BuildContext, defaults: set[str]
) -> SequenceFlow:
    owner = context.sink.owner(element)
    flow_id = element.get("id") or ""
    if not flow_id:
        owner.report("a bpmn:sequenceFlow must have an id")
    source_id = owner.text(element, "sourceRef", required=True) or ""
    target_id = owner.text(element, "targetRef", required=True) or ""
    condition, text = _condition(element, context)
    return SequenceFlow(
        id=flow_id,
        source_id=source_id,
        target_id=target_id,
        scope_id=scope.id,
        name=element.get("name"),
        condition=condition,
        condition_text=text,
        is_default=flow_id in defaults,
    )


def _condition(element: ET.Element, context: BuildContext) -> tuple[Expression | None, str | None]:
    """FEEL condition; the ``=`` may be missing in old files when the type is tFormalExpression."""
    condition = element.find(bpmn("conditionExpression"))
    if condition is None:
        return None, None
    owner = context.sink.owner(element)
    text = condition.text or ""
    language = condition.get("language")
    if language and "feel" not in language.lower():
        owner.report(f"condition language '{language}' is not supported: conditions are FEEL")
    if not text.strip():
        owner.report("the condition expression must not be empty")
        return Expression.feel(""), text
    formal = (condition.get(f"{{{XSI_NS}}}type") or "").endswith("tFormalExpression")
    value = owner.check_expression(text.strip(), "condition")
    if value.is_static and not formal:
        owner.report(f"condition '{text.strip()}' must be a FEEL expression starting with '='")
    return (value if value.is_feel else Expression.feel(text)), text


def _attach_boundaries(nodes: list[FlowNode]) -> list[FlowNode]:
    attached: dict[str, list[str]] = {}
    for node in nodes:
        if isinstance(node, BoundaryEvent):
            attached.setdefault(node.attached_to, []).append(node.id)
    return [
        dataclasses.replace(node, boundary_event_ids=tuple(attached[node.id]))
        if isinstance(node, Activity) and node.id in attached
        else node
        for node in nodes
    ]
