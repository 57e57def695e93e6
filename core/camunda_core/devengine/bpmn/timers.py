"""Syntax checks of static timer values, so that a typo is refused at deploy like Zeebe does.

Only static values are checked; FEEL timers are evaluated (and checked) by the engine.
"""

from __future__ import annotations

import re

from camunda_core.devengine.bpmn.events import TimerKind
from camunda_core.devengine.bpmn.extensions_tasks import parse_date_time

__all__ = ["is_duration", "static_timer_problem"]

_DURATION = re.compile(
    r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
    re.IGNORECASE,
)
_CRON_FIELD = re.compile(r"[\w*?/,#-]+")
_CRON_MACROS = {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}


def is_duration(text: str) -> bool:
    """True for an ISO 8601 duration such as ``PT5M``, ``P1D``, ``P1DT2H``."""
    return _DURATION.fullmatch(text.strip()) is not None


def _is_cycle(text: str) -> bool:
    if text.upper().startswith("R"):
        parts = text.split("/")
        if not re.fullmatch(r"R\d*", parts[0], re.IGNORECASE) or len(parts) not in (2, 3):
            return False
        start_ok = len(parts) == 2 or parse_date_time(parts[1]) is not None
        return start_ok and is_duration(parts[-1])
    if text.lower() in _CRON_MACROS:
        return True
    fields = text.split()
    return len(fields) == 6 and all(_CRON_FIELD.fullmatch(field) for field in fields)


def static_timer_problem(kind: TimerKind, text: str) -> str | None:
    """Why a static timer value is invalid, or None when it is fine."""
    value = text.strip()
    if kind is TimerKind.DURATION and not is_duration(value):
        return f"invalid timer duration '{value}': expected an ISO 8601 duration such as 'PT5M'"
    if kind is TimerKind.DATE and parse_date_time(value) is None:
        return (
            f"invalid timer date '{value}': expected an ISO 8601 date-time such as "
            "'2024-10-01T12:00:00Z'"
        )
    if kind is TimerKind.CYCLE and not _is_cycle(value):
        return (
            f"invalid timer cycle '{value}': expected a repeating interval such as 'R3/PT10M' "
            "or a cron expression such as '0 0 9-17 * * MON-FRI'"
        )
    return None
