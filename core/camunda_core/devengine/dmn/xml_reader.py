"""Safe XML loading for DMN files: no DOCTYPE, hence no entity expansion of any kind."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .errors import DmnParseError

_DECLARATIONS = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class _DoctypeRefusedError(Exception):
    """Raised from inside the parser as soon as a DOCTYPE starts."""


class _NoDoctypeTreeBuilder(ET.TreeBuilder):
    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _DoctypeRefusedError


def _looks_like_declaration(data: bytes) -> bool:
    if _DECLARATIONS.search(data):
        return True
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        for keyword in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity"):
            if keyword.encode(encoding) in data:
                return True
    return False


def read_xml(data: bytes, resource_name: str) -> ET.Element:
    """Parse ``data`` into an element tree; DOCTYPE/ENTITY and malformed XML are refused."""
    if _looks_like_declaration(data):
        raise DmnParseError(resource_name, None, "DOCTYPE and ENTITY declarations are not allowed")
    parser = ET.XMLParser(target=_NoDoctypeTreeBuilder())  # noqa: S314 - see above
    try:
        parser.feed(data)
        root: ET.Element = parser.close()
    except _DoctypeRefusedError:
        raise DmnParseError(
            resource_name, None, "DOCTYPE and ENTITY declarations are not allowed"
        ) from None
    except ET.ParseError as exc:
        raise DmnParseError(resource_name, None, f"invalid XML: {exc}") from None
    return root
