"""What the task and incident pages share: keys from URLs, cursor pages, logged actions.

The pages read live from the cluster (it is the source of truth), so they page with the
search API's cursors rather than offsets: ``?after=<endCursor>`` for the next page and
``?before=<startCursor>`` for the previous one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import abort, flash, request

from camunda_core.errors import CamundaAPIError, CamundaError, ConflictError, NotFoundError
from camunda_core.models.search import SearchResult
from camunda_core.models.variables import Variable
from camunda_core.paging import CURSOR_PARAMETERS, neighbour_cursors, page_argument
from camunda_flask.views.access import current_user

__all__ = [
    "CursorPage",
    "action_failed",
    "cursor_page",
    "form_values",
    "log_action",
    "page_request",
    "require_key",
    "shown_variables",
    "variable_values",
]

logger = logging.getLogger("camunda_flask.views")

#: At most this many variables are shown on a page (the rest are counted, not listed).
MAX_SHOWN_VARIABLES = 200


def require_key(key: str) -> str:
    """A Camunda key from the URL: digits only, else 404 (nothing odd reaches the engine)."""
    if not (key.isascii() and key.isdigit() and len(key) <= 20):
        abort(404)
    return key


@dataclass(frozen=True)
class CursorPage:
    """One page of a search and the cursors to its neighbours."""

    items: list[Any]
    next_cursor: str | None
    previous_cursor: str | None


def page_request(page_size: int) -> dict[str, Any]:
    """The ``page`` argument of a search from the ``after``/``before`` query parameters."""
    page = page_argument(page_size, request.args)
    if any(len(page.get(name, "")) > 2000 for name in CURSOR_PARAMETERS):
        abort(400)
    return page


def cursor_page(result: SearchResult[Any], page_size: int) -> CursorPage:
    """Where the neighbours of ``result`` are, given how it was asked for."""
    neighbours = neighbour_cursors(result, page_size, request.args)
    return CursorPage(list(result.items), neighbours.next_cursor, neighbours.previous_cursor)


def shown_variables(variables: Iterable[Variable]) -> list[tuple[str, str, bool]]:
    """(name, pretty JSON text, truncated) for the template; values are never interpreted as HTML."""
    shown = []
    for index, variable in enumerate(variables):
        if index >= MAX_SHOWN_VARIABLES:
            break
        shown.append((variable.name, _pretty(variable.value), variable.is_truncated))
    return shown


def variable_values(variables: Iterable[Variable]) -> dict[str, Any]:
    """Name -> Python value, for form defaults (truncated values are left out)."""
    values: dict[str, Any] = {}
    for variable in variables:
        if not variable.is_truncated:
            try:
                values[variable.name] = variable.json_value()
            except ValueError:
                continue
    return values


def _pretty(text: str) -> str:
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text


def log_action(action: str, key: str, **details: Any) -> None:
    """One log line per state change, with who did it."""
    extra = ", ".join(f"{name}={value!r}" for name, value in details.items())
    logger.info(
        "%s: %s %s%s", current_user() or "anonymous", action, key, f" ({extra})" if extra else ""
    )


def action_failed(action: str, key: str, error: CamundaError) -> None:
    """Log a refused or failed action and tell the user why, in words."""
    logger.warning("%s: %s %s failed: %s", current_user() or "anonymous", action, key, error)
    if isinstance(error, NotFoundError):
        message = "Camunda no longer knows it (already done or cancelled?)"
    elif isinstance(error, ConflictError):
        message = f"it is in another state now: {error.detail or error}"
    elif isinstance(error, CamundaAPIError):
        message = error.detail or error.title or str(error)
    else:
        message = f"Camunda could not be reached: {error}"
    flash(f"Could not {action.split('.')[-1]} {key}: {message}", "error")


def form_values(fields: Iterable[Any], form: Mapping[str, Any]) -> dict[str, Any]:
    """Submitted values by field key: a list for multi-value fields, else the string."""
    getlist = getattr(form, "getlist", None)
    values: dict[str, Any] = {}
    for spec in fields:
        if spec.multiple and getlist is not None:
            values[spec.key] = getlist(spec.key)
        elif spec.key in form:
            values[spec.key] = form.get(spec.key)
    return values
