"""The ``camunda`` blueprint: templates, the CSRF token in every template, error pages, headers.

Templates live under ``camunda/`` and may be overridden by the app's own
``templates/camunda/...`` (app templates win over blueprint ones). Responses get a strict
Content-Security-Policy unless the app already set one, so even a bug in escaping could not
run a script injected through a process variable.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from flask import Blueprint, render_template
from werkzeug.wrappers import Response

from camunda_core.errors import CamundaAPIError, CamundaError, NotFoundError
from camunda_flask.views.access import csrf_token

__all__ = ["CONTENT_SECURITY_POLICY", "blueprint"]

logger = logging.getLogger("camunda_flask.views")

blueprint = Blueprint("camunda", __name__, template_folder="templates")

#: Set on every page of the blueprint unless the response already has a policy.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


@blueprint.app_template_global("camunda_csrf_token")
def _template_csrf_token() -> str:
    return csrf_token()


@blueprint.app_template_filter("camunda_datetime")
def _datetime(value: datetime | None) -> str:
    """Camunda's dates as ``2025-01-31 14:05:09 UTC`` (empty when unset)."""
    if value is None:
        return ""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


@blueprint.after_request
def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


@blueprint.errorhandler(CamundaError)
def _camunda_error(error: CamundaError) -> tuple[str, int]:
    """A read that Camunda refused or could not answer: an error page, not a traceback."""
    if isinstance(error, NotFoundError):
        status, title = 404, "Not found in Camunda"
    elif isinstance(error, CamundaAPIError):
        status, title = 502, f"Camunda answered {error.status}"
    else:
        status, title = 502, "Camunda could not be reached"
    logger.warning("Camunda page failed: %s", error)
    return render_template("camunda/error.html", title=title, message=str(error)), status
