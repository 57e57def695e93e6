"""Job types between models and code: the typos a worker would otherwise hide.

A job type in a model with no handler means its jobs wait and time out; a handler whose type
no model uses never runs. Both frameworks report these (Django as system checks, Flask when
the worker starts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["HandlerCoverage", "handler_coverage"]


@dataclass(frozen=True)
class HandlerCoverage:
    """``unhandled``: job type -> the files that use it; ``unused``: handler types no model uses."""

    unhandled: dict[str, list[str]]
    unused: list[str]

    @property
    def complete(self) -> bool:
        """Every used type has a handler and every handler is used."""
        return not self.unhandled and not self.unused


def handler_coverage(
    used: Mapping[str, list[str]],
    handled: Iterable[str],
    *,
    listener_type: str | None = None,
) -> HandlerCoverage:
    """Compare ``used`` (from ``job_types_in``) with the registered job types.

    ``listener_type`` is the job type user-task events arrive on: it counts as handled, and
    as used (models name it in task listeners, or not at all).
    """
    handled_types = set(handled)
    if listener_type:
        handled_types.add(listener_type)
    unhandled = {
        job_type: list(files)
        for job_type, files in sorted(used.items())
        if job_type not in handled_types
    }
    unused = sorted(t for t in handled_types if t not in used and t != listener_type)
    return HandlerCoverage(unhandled, unused)
