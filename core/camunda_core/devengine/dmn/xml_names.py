"""DMN XML namespaces (1.1 to 1.5) and small element helpers shared by the parsers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from camunda_core.devengine.feel import FeelExpression, FeelSyntaxError, compile_expression

from .errors import DmnParseError

DMN_VERSIONS = {
    "www.omg.org/spec/DMN/20151101/dmn.xsd": "1.1",
    "www.omg.org/spec/DMN/20180521/MODEL/": "1.2",
    "www.omg.org/spec/DMN/20191111/MODEL/": "1.3",
    "www.omg.org/spec/DMN/20211108/MODEL/": "1.4",
    "www.omg.org/spec/DMN/20230324/MODEL/": "1.5",
}


def dmn_version(namespace: str) -> str | None:
    """The DMN version of a model namespace (http or https), or None if it is not DMN."""
    for prefix in ("https://", "http://"):
        if namespace.startswith(prefix):
            return DMN_VERSIONS.get(namespace[len(prefix) :])
    return None


class Names:
    """Qualified tag names in one DMN namespace, plus text helpers."""

    def __init__(self, namespace: str, resource_name: str) -> None:
        self.namespace = namespace
        self.resource_name = resource_name

    def tag(self, local: str) -> str:
        return f"{{{self.namespace}}}{local}"

    def local(self, element: ET.Element) -> str:
        return element.tag.rpartition("}")[2]

    def children(self, element: ET.Element, local: str) -> list[ET.Element]:
        return element.findall(self.tag(local))

    def child(self, element: ET.Element, local: str) -> ET.Element | None:
        return element.find(self.tag(local))

    def text_of(self, element: ET.Element | None) -> str:
        """The content of the ``<text>`` child, stripped ('' when absent)."""
        if element is None:
            return ""
        text = element.find(self.tag("text"))
        return (text.text or "").strip() if text is not None else ""

    def error(self, element_id: str | None, reason: str) -> DmnParseError:
        return DmnParseError(self.resource_name, element_id, reason)

    def expression(self, text: str, element_id: str | None, what: str) -> FeelExpression:
        """Compile FEEL text; a syntax error becomes a DmnParseError naming the element."""
        try:
            return compile_expression(text)
        except FeelSyntaxError as exc:
            raise self.error(element_id, f"invalid FEEL in {what}: {exc}") from None
