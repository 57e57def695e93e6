"""The result shape of each record type, and the filters that look at other records.

Views exclude the record fields the REST result does not have. Joins (a process instance
"with a variable x = 1", "with an incident whose message is like ...") read indexes that the
search context builds once per request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from camunda_core.devengine.api.filters import STRING, FilterKind, Predicate
from camunda_core.devengine.api.search import JointFilter, RecordPredicate, SearchContext
from camunda_core.devengine.api.serialize import View
from camunda_core.devengine.api.validation import TAGS, RequestError
from camunda_core.devengine.contract import EngineStore
from camunda_core.devengine.records import (
    DecisionDefinitionRecord,
    ElementInstanceRecord,
    IncidentRecord,
    JobRecord,
    ProcessDefinitionRecord,
    ProcessInstanceRecord,
    UserTaskRecord,
    VariableRecord,
)

__all__ = [
    "ELEMENT_INSTANCE",
    "INCIDENT",
    "JOB",
    "PROCESS_DEFINITION",
    "PROCESS_INSTANCE",
    "USER_TASK",
    "VARIABLE",
    "by_process_instance",
    "decision_definition",
    "exists_in",
    "tags_filter",
    "variable_values_filter",
    "variables_by_scope",
]

PROCESS_DEFINITION = View(ProcessDefinitionRecord, exclude=("start_form_key",))
PROCESS_INSTANCE = View(ProcessInstanceRecord)
ELEMENT_INSTANCE = View(
    ElementInstanceRecord,
    exclude=("flow_scope_key",),
    fallbacks={"element_name": "element_id"},  # the spec's elementName is never null
)
JOB = View(JobRecord, exclude=("process_definition_version", "tags", "user_task_key"))
USER_TASK = View(UserTaskRecord)
INCIDENT = View(IncidentRecord)
VARIABLE = View(VariableRecord)
_DECISION = View(DecisionDefinitionRecord)


def decision_definition(store: EngineStore, record: DecisionDefinitionRecord) -> dict[str, Any]:
    """A ``DecisionDefinitionResult``: the decision plus its requirements' name and version."""
    out = _DECISION(record)
    requirements = store.decision_requirements.get(record.decision_requirements_key)
    out["name"] = record.name or record.decision_definition_id
    out["decisionRequirementsName"] = (
        (requirements.decision_requirements_name or requirements.decision_requirements_id)
        if requirements
        else record.decision_requirements_id
    )
    out["decisionRequirementsVersion"] = requirements.version if requirements else record.version
    return out


def variables_by_scope(store: EngineStore) -> dict[str, dict[str, str]]:
    """Index: scope key -> variable name -> value (JSON text)."""
    index: dict[str, dict[str, str]] = defaultdict(dict)
    for variable in store.variables.values():
        index[variable.scope_key][variable.name] = variable.value
    return index


def variable_values_filter(scope_of: Callable[[Any], str]) -> Callable[..., Any]:
    """A filter on ``[{name, value}]``: every named variable of the record's scope exists and
    its value (serialised JSON) matches the string filter."""

    def compile_filter(value: Any, path: str, context: SearchContext) -> Callable[[Any], bool]:
        if not isinstance(value, list):
            raise RequestError(path, "must be an array of {name, value}")
        wanted: list[tuple[str, Predicate]] = []
        for i, item in enumerate(value):
            where = f"{path}[{i}]"
            if not isinstance(item, dict) or set(item) != {"name", "value"}:
                raise RequestError(where, "must be an object with exactly name and value")
            if not isinstance(item["name"], str):
                raise RequestError(f"{where}.name", "must be a string")
            wanted.append((item["name"], STRING.compile(item["value"], f"{where}.value")))
        index = context.index("variables_by_scope", variables_by_scope)

        def matches(record: Any) -> bool:
            scope = index.get(scope_of(record), {})
            return all(name in scope and test(scope[name]) for name, test in wanted)

        return matches

    return compile_filter


def tags_filter(value: Any, path: str, context: SearchContext) -> Callable[[Any], bool]:
    """Records that carry every given tag."""
    wanted = set(TAGS.check(value, path))
    return lambda record: wanted.issubset(record.tags)


def exists_in(
    index_name: str,
    build: Callable[[EngineStore], dict[str, list[Any]]],
    kind: FilterKind,
    get: Callable[[Any], Any],
    group_of: Callable[[Any], str],
) -> Callable[..., Any]:
    """A filter true when some related record (``build`` groups them by the record's key)
    has a value (``get``) that matches."""

    def compile_filter(value: Any, path: str, context: SearchContext) -> Callable[[Any], bool]:
        test = kind.compile(value, path)
        index = context.index(index_name, build)
        return lambda record: any(test(get(other)) for other in index.get(group_of(record), ()))

    return compile_filter


def exists_matching_all(
    index_name: str,
    build: Callable[[EngineStore], dict[str, list[Any]]],
    parts: Mapping[str, tuple[FilterKind, Callable[[Any], Any]]],
    group_of: Callable[[Any], str],
    *,
    required: str,
) -> JointFilter:
    """A joint filter true when one related record matches every field given, at once.

    Nothing is filtered unless ``required`` is among the fields given (the others are still
    validated). Camunda's process-instance search treats its element-instance fields so.
    """

    def compile_filter(
        values: Mapping[str, Any], path: str, context: SearchContext
    ) -> RecordPredicate | None:
        tests = [
            (parts[name][0].compile(value, f"{path}.{name}"), parts[name][1])
            for name, value in values.items()
        ]
        if required not in values:
            return None
        index = context.index(index_name, build)

        def matches(other: Any) -> bool:
            return all(test(get(other)) for test, get in tests)

        return lambda record: any(matches(other) for other in index.get(group_of(record), ()))

    return compile_filter


def by_process_instance(mapping_name: str) -> Callable[[EngineStore], dict[str, list[Any]]]:
    """An index builder: the records of one store mapping, by process instance key."""

    def build(store: EngineStore) -> dict[str, list[Any]]:
        index: dict[str, list[Any]] = defaultdict(list)
        for record in getattr(store, mapping_name).values():
            index[record.process_instance_key].append(record)
        return index

    return build
