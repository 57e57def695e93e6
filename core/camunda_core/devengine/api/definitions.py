"""Process and decision definitions: search, get, the BPMN XML, the start form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from camunda_core.devengine.api.dispatch import Call, Operation, found
from camunda_core.devengine.api.filters import (
    EXACT_BOOL,
    EXACT_INT,
    EXACT_KEY,
    EXACT_STRING,
    EXACT_TENANT,
    STRING,
    exact_enum,
)
from camunda_core.devengine.api.search import Accessor, Field, SearchContext, SearchSpec, run_search
from camunda_core.devengine.api.user_tasks import form_result
from camunda_core.devengine.api.views import PROCESS_DEFINITION, decision_definition
from camunda_core.devengine.contract import EngineStore
from camunda_core.devengine.http.messages import Response, json_response, no_content
from camunda_core.devengine.records import FormRecord, ProcessDefinitionRecord
from camunda_core.models.decisions import DECISION_DEFINITION_SORT_FIELDS
from camunda_core.models.process_definitions import PROCESS_DEFINITION_SORT_FIELDS

__all__ = ["DECISION_SEARCH", "OPERATIONS", "PROCESS_SEARCH"]


def _latest_keys(mapping_name: str, id_attr: str) -> Callable[[EngineStore], set[str]]:
    """Index builder: the keys of the latest version of each (id, tenant)."""

    def build(store: EngineStore) -> set[str]:
        latest: dict[tuple[str, str], Any] = {}
        for record in getattr(store, mapping_name).values():
            group = (getattr(record, id_attr), record.tenant_id)
            if group not in latest or record.version > latest[group].version:
                latest[group] = record
        return {_key_of(r) for r in latest.values()}

    return build


def _key_of(record: Any) -> str:
    for name in ("process_definition_key", "decision_definition_key"):
        if hasattr(record, name):
            return str(getattr(record, name))
    raise AttributeError(f"{type(record).__name__} has no definition key")


def _is_latest(mapping_name: str, id_attr: str) -> Callable[[SearchContext], Accessor]:
    build = _latest_keys(mapping_name, id_attr)

    def accessor(context: SearchContext) -> Accessor:
        keys = context.index(f"latest_{mapping_name}", build)
        return lambda record: _key_of(record) in keys

    return accessor


PROCESS_SEARCH = SearchSpec(
    key="process_definition_key",
    fields={
        "name": Field(STRING),
        "isLatestVersion": Field(
            EXACT_BOOL, computed=_is_latest("process_definitions", "process_definition_id")
        ),
        "resourceName": Field(EXACT_STRING),
        "version": Field(EXACT_INT),
        "versionTag": Field(EXACT_STRING),
        "processDefinitionId": Field(STRING),
        "tenantId": Field(EXACT_TENANT),
        "processDefinitionKey": Field(EXACT_KEY),
        "hasStartForm": Field(EXACT_BOOL),
        "state": Field(exact_enum(("ACTIVE", "DELETED"))),
    },
    sorts=PROCESS_DEFINITION_SORT_FIELDS,
)


def _requirements_value(attr: str) -> Callable[[SearchContext], Accessor]:
    def accessor(context: SearchContext) -> Accessor:
        requirements = context.store.decision_requirements

        def value(record: Any) -> Any:
            found_requirements = requirements.get(record.decision_requirements_key)
            return getattr(found_requirements, attr, None)

        return value

    return accessor


DECISION_SEARCH = SearchSpec(
    key="decision_definition_key",
    fields={
        "decisionDefinitionId": Field(EXACT_STRING),
        "name": Field(EXACT_STRING),
        "isLatestVersion": Field(
            EXACT_BOOL, computed=_is_latest("decision_definitions", "decision_definition_id")
        ),
        "version": Field(EXACT_INT),
        "decisionRequirementsId": Field(EXACT_STRING),
        "tenantId": Field(EXACT_TENANT),
        "decisionDefinitionKey": Field(EXACT_KEY),
        "decisionRequirementsKey": Field(EXACT_KEY),
        "decisionRequirementsName": Field(
            EXACT_STRING, computed=_requirements_value("decision_requirements_name")
        ),
        "decisionRequirementsVersion": Field(EXACT_INT, computed=_requirements_value("version")),
    },
    sorts=DECISION_DEFINITION_SORT_FIELDS,
    computed_sorts={
        "decisionRequirementsName": _requirements_value("decision_requirements_name"),
        "decisionRequirementsVersion": _requirements_value("version"),
    },
)


def search_process_definitions(call: Call) -> Response:
    """Search process definitions (every version unless ``isLatestVersion``)."""
    engine = call.engine
    with engine.reading():
        store = engine.store
        result = run_search(
            PROCESS_SEARCH,
            call.body,
            store.process_definitions.values(),
            SearchContext(store),
            PROCESS_DEFINITION,
        )
    return json_response(result)


def get_process_definition(call: Call) -> Response:
    """One process definition."""
    engine = call.engine
    with engine.reading():
        key = call.params["processDefinitionKey"]
        record = found(engine.store.process_definitions, key, "Process definition")
        return json_response(PROCESS_DEFINITION(record))


def get_process_definition_xml(call: Call) -> Response:
    """The deployed BPMN file, as ``text/xml``."""
    engine = call.engine
    with engine.reading():
        store = engine.store
        key = call.params["processDefinitionKey"]
        record: ProcessDefinitionRecord = found(
            store.process_definitions, key, "Process definition"
        )
        content = store.resource_content(record.resource_key)
    if not content:
        return no_content()
    return Response(200, content, "text/xml; charset=utf-8")


def get_start_process_form(call: Call) -> Response:
    """The start event's linked form, or 204 when there is none."""
    engine = call.engine
    with engine.reading():
        store = engine.store
        key = call.params["processDefinitionKey"]
        record: ProcessDefinitionRecord = found(
            store.process_definitions, key, "Process definition"
        )
        form = _start_form(store, record)
        return json_response(form_result(form)) if form is not None else no_content()


def _start_form(store: EngineStore, record: ProcessDefinitionRecord) -> FormRecord | None:
    """The linked form: by form key, else the latest form with that form id in the tenant."""
    reference = record.start_form_key
    if reference is None:
        return None
    form = store.forms.get(reference)
    if form is not None:
        return form
    candidates = [
        f
        for f in store.forms.values()
        if f.form_id == reference and f.tenant_id == record.tenant_id
    ]
    return max(candidates, key=lambda f: f.version) if candidates else None


def search_decision_definitions(call: Call) -> Response:
    """Search decision definitions."""
    engine = call.engine
    with engine.reading():
        store = engine.store
        result = run_search(
            DECISION_SEARCH,
            call.body,
            store.decision_definitions.values(),
            SearchContext(store),
            lambda record: decision_definition(store, record),
        )
    return json_response(result)


def get_decision_definition(call: Call) -> Response:
    """One decision definition."""
    engine = call.engine
    with engine.reading():
        store = engine.store
        key = call.params["decisionDefinitionKey"]
        record = found(store.decision_definitions, key, "Decision definition")
        return json_response(decision_definition(store, record))


_PROCESS = "/process-definitions/{processDefinitionKey}"
OPERATIONS = [
    Operation(
        "POST",
        "/process-definitions/search",
        "searchProcessDefinitions",
        search_process_definitions,
    ),
    Operation("GET", _PROCESS, "getProcessDefinition", get_process_definition),
    Operation("GET", f"{_PROCESS}/xml", "getProcessDefinitionXML", get_process_definition_xml),
    Operation("GET", f"{_PROCESS}/form", "getStartProcessForm", get_start_process_form),
    Operation(
        "POST",
        "/decision-definitions/search",
        "searchDecisionDefinitions",
        search_decision_definitions,
    ),
    Operation(
        "GET",
        "/decision-definitions/{decisionDefinitionKey}",
        "getDecisionDefinition",
        get_decision_definition,
    ),
]
