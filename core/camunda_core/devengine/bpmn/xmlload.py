"""Safe XML loading for deployed files, and the namespace vocabulary of BPMN files.

The file is read with expat directly so that any DOCTYPE or ENTITY declaration (the door to
"billion laughs" and external entity attacks) is refused before anything is expanded, and so
that malformed XML is reported with its line and column.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from camunda_core.devengine.bpmn.errors import BpmnDeployError, BpmnProblem

__all__ = [
    "BPMN_NS",
    "XSI_NS",
    "ZEEBE_NS",
    "bpmn",
    "load_xml",
    "local_name",
    "namespace",
    "zeebe",
]

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

_SEPARATOR = "}"


def bpmn(local: str) -> str:
    """The ElementTree tag of a BPMN model element: ``bpmn("process")``."""
    return f"{{{BPMN_NS}}}{local}"


def zeebe(local: str) -> str:
    """The ElementTree tag of a Zeebe extension element: ``zeebe("taskDefinition")``."""
    return f"{{{ZEEBE_NS}}}{local}"


def namespace(tag: str) -> str:
    """The namespace URI of an ElementTree tag ('' when it has none)."""
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def local_name(tag: str) -> str:
    """The local part of an ElementTree tag."""
    return tag.rpartition("}")[2]


class _ForbiddenError(Exception):
    """A declaration the loader refuses; carries the reason."""


def _clark(name: str) -> str:
    # expat with namespace_separator "}" reports "uri}local"; ElementTree wants "{uri}local".
    return "{" + name if _SEPARATOR in name else name


def _refuse_doctype(*_args: object) -> None:
    raise _ForbiddenError("DOCTYPE declarations are not allowed (they enable XML entity attacks)")


def _refuse_entity(*_args: object) -> None:
    raise _ForbiddenError("ENTITY declarations are not allowed (they enable XML entity attacks)")


def _new_parser(builder: ET.TreeBuilder) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=_SEPARATOR)
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity

    def start(name: str, attributes: dict[str, str]) -> None:
        builder.start(_clark(name), {_clark(key): value for key, value in attributes.items()})

    def end(name: str) -> None:
        builder.end(_clark(name))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    return parser


def load_xml(data: bytes, resource_name: str) -> ET.Element:
    """Parse the file into an ElementTree, or raise BpmnDeployError with one positioned problem."""
    builder = ET.TreeBuilder()
    parser = _new_parser(builder)
    try:
        parser.Parse(data, True)
    except _ForbiddenError as exc:
        where = f"line {parser.CurrentLineNumber}, column {parser.CurrentColumnNumber + 1}"
        raise _file_error(resource_name, f"{exc} (at {where})") from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code) or str(exc)
        where = f"line {exc.lineno}, column {exc.offset + 1}"
        raise _file_error(resource_name, f"malformed XML at {where}: {reason}") from exc
    return builder.close()


def _file_error(resource_name: str, reason: str) -> BpmnDeployError:
    return BpmnDeployError([BpmnProblem(resource_name, None, None, reason)])
