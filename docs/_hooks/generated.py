"""MkDocs hook: pages generated from the code and files that live outside ``docs/``.

- ``{{ settings_reference }}`` becomes the settings table, rendered from ``CamundaSettings``'s
  fields and descriptions, so the reference cannot drift from the code.
- ``{{ include FILE }}`` becomes the text of ``FILE`` at the repository root
  (CONTRIBUTING.md, CHANGELOG.md), so those are written once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from camunda_core.settings import CamundaSettings, env_name

MARKER = "{{ settings_reference }}"
INCLUDE = re.compile(r"\{\{ include ([\w.-]+) \}\}")
ROOT = Path(__file__).resolve().parents[2]


def _default(field: Any) -> str:
    if field.default_factory is not None:
        return "computed" if field.default_factory is not list else "empty"
    if field.default is None:
        return "unset"
    value = field.default.value if hasattr(field.default, "value") else field.default
    return f"`{value}`"


def _table() -> str:
    rows = [
        "| Environment variable | Django `CAMUNDA[...]` key | Default | Meaning |",
        "|---|---|---|---|",
    ]
    for name, field in CamundaSettings.model_fields.items():
        variable = env_name(name)
        names = f"`{variable}`" + (" / `ZEEBE_REST_ADDRESS`" if name == "rest_address" else "")
        key = variable.removeprefix("CAMUNDA_")
        description = (field.description or "").replace("|", "\\|")
        rows.append(f"| {names} | `{key}` | {_default(field)} | {description} |")
    return "\n".join(rows)


def _include(match: re.Match[str]) -> str:
    return (ROOT / match.group(1)).read_text(encoding="utf-8")


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """Replace the markers with generated text."""
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, _table())
    return INCLUDE.sub(_include, markdown)
