"""``multipart/form-data`` bodies (``POST /deployments``), read with the standard ``email`` parser.

MIME multipart is what the ``email`` package was made for; using it keeps hand-written HTTP
parsing out of the engine. Only the form parts are of interest: a name, an optional file name
and the bytes.
"""

from __future__ import annotations

import email.policy
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser

__all__ = ["FormPart", "MultipartError", "parse_form_data"]

_PARSER = BytesParser(policy=email.policy.HTTP)


class MultipartError(ValueError):
    """The body is not a usable multipart/form-data document."""


@dataclass(frozen=True, slots=True)
class FormPart:
    """One field of the form: ``filename`` is None for plain fields."""

    name: str
    filename: str | None
    content: bytes

    @property
    def text(self) -> str:
        """The content as UTF-8 text (for plain fields such as ``tenantId``)."""
        return self.content.decode("utf-8")


def parse_form_data(content_type_header: str, body: bytes) -> list[FormPart]:
    """The parts of a multipart/form-data body, in order."""
    if not content_type_header.lower().startswith("multipart/form-data"):
        raise MultipartError("the body must be multipart/form-data")
    if "boundary=" not in content_type_header.lower():
        raise MultipartError("the multipart/form-data content type has no boundary")
    head = b"Content-Type: " + content_type_header.encode("latin-1") + b"\r\n\r\n"
    message = _PARSER.parsebytes(head + body)
    payload = message.get_payload()
    if not message.is_multipart() or not isinstance(payload, list):
        raise MultipartError("the body has no parts")
    return [_form_part(part) for part in payload if isinstance(part, Message)]


def _form_part(part: Message) -> FormPart:
    name = part.get_param("name", header="content-disposition")
    if not isinstance(name, str) or not name:
        raise MultipartError(
            "a part has no form field name (Content-Disposition: form-data; name=...)"
        )
    filename = part.get_filename()
    payload = part.get_payload(decode=True)
    content = payload if isinstance(payload, bytes) else b""
    return FormPart(name, filename, content)
