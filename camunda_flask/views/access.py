"""Who may use the Camunda pages, and proof that a state change came from our own form.

Flask has no permission system, so every page asks the app's ``CAMUNDA_VIEWS_AUTHORIZE``
hook (``authorize(action) -> bool``) before anything else; without a hook every page answers
403 (also in debug mode: a debug server reachable from a network must not hand out incident
retries, so the 403 page in debug mode says what to configure instead). State changes are
POST only and carry a per-session CSRF token; a refused request never reaches Camunda.
"""

from __future__ import annotations

import functools
import hmac
import logging
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, current_app, render_template, request, session

from camunda_flask.extension import get_state

__all__ = ["ACTIONS", "ACTION_LABELS", "csrf_token", "current_user", "protected"]

logger = logging.getLogger("camunda_flask.views")

F = TypeVar("F", bound=Callable[..., Any])

#: Every action the pages ask ``CAMUNDA_VIEWS_AUTHORIZE`` about, with how the 403 page says it.
ACTION_LABELS = {
    "tasks.view": "view user tasks",
    "tasks.assign": "assign user tasks",
    "tasks.unassign": "unassign user tasks",
    "tasks.complete": "complete user tasks",
    "incidents.view": "view incidents",
    "incidents.retry": "retry incidents",
    "incidents.resolve": "resolve incidents",
}
ACTIONS = tuple(ACTION_LABELS)
_SESSION_KEY = "_camunda_csrf"
_FORM_FIELD = "csrf_token"


def csrf_token() -> str:
    """This session's CSRF token (made on first use); forms send it back as ``csrf_token``."""
    token = session.get(_SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[_SESSION_KEY] = token
    return token


def _csrf_valid() -> bool:
    expected = session.get(_SESSION_KEY)
    given = request.form.get(_FORM_FIELD, "")
    return isinstance(expected, str) and hmac.compare_digest(expected.encode(), given.encode())


def current_user() -> str | None:
    """The signed-in user's id from ``CAMUNDA_VIEWS_USER``, else the WSGI ``REMOTE_USER``."""
    hook = get_state().config.views.current_user
    user = hook() if hook is not None else request.remote_user
    return str(user) if user else None


def _refuse(action: str, reason: str) -> Any:
    logger.warning(
        "Refused %s %s for %s: %s",
        request.method,
        request.path,
        current_user() or "anonymous",
        reason,
    )
    hook_missing = get_state().config.views.authorize is None
    body = render_template(
        "camunda/forbidden.html",
        action=ACTION_LABELS[action],
        reason=reason if current_app.debug else None,
        explain=hook_missing and current_app.debug,
    )
    abort(403, response=current_app.make_response((body, 403)))


def protected(action: str) -> Callable[[F], F]:
    """Guard a view: the app must authorize ``action``; a POST must carry the CSRF token."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            authorize = get_state().config.views.authorize
            if authorize is None:
                _refuse(action, "no CAMUNDA_VIEWS_AUTHORIZE hook is configured")
            elif not authorize(action):
                _refuse(action, f"not allowed to {action}")
            if request.method == "POST" and not _csrf_valid():
                _refuse(action, "missing or wrong CSRF token (reload the page and try again)")
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate
