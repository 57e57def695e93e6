"""Key types. Every Camunda key is a 64-bit number sent as a string, and stays a string here.

Each kind of key has its own alias so signatures say which key they take; all validate the
wire pattern (``^-?[0-9]+$``, 1-25 characters) so a wrong value fails before it is sent.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

__all__ = [
    "DecisionDefinitionKey",
    "DecisionEvaluationKey",
    "DecisionRequirementsKey",
    "DeploymentKey",
    "ElementInstanceKey",
    "FormKey",
    "IncidentKey",
    "JobKey",
    "LongKey",
    "MessageKey",
    "ProcessDefinitionKey",
    "ProcessInstanceKey",
    "ResourceKey",
    "ScopeKey",
    "SignalKey",
    "UserTaskKey",
    "VariableKey",
]

LONG_KEY_PATTERN = r"^-?[0-9]+$"

LongKey = Annotated[str, StringConstraints(pattern=LONG_KEY_PATTERN, min_length=1, max_length=25)]

ProcessDefinitionKey = LongKey
ProcessInstanceKey = LongKey
ElementInstanceKey = LongKey
JobKey = LongKey
UserTaskKey = LongKey
IncidentKey = LongKey
VariableKey = LongKey
DeploymentKey = LongKey
DecisionDefinitionKey = LongKey
DecisionRequirementsKey = LongKey
DecisionEvaluationKey = LongKey
FormKey = LongKey
MessageKey = LongKey
SignalKey = LongKey
ResourceKey = LongKey
#: A process-instance key (process-level variables) or an element-instance key (local ones).
ScopeKey = LongKey
