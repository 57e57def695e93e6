"""Process-definition operations: search, get, BPMN XML, start form."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from camunda_core.client._call import Call, parse_model, parse_optional_model, parse_text
from camunda_core.client.operations._common import PageInput, key, search_body
from camunda_core.models.forms import Form
from camunda_core.models.process_definitions import (
    PROCESS_DEFINITION_SORT_FIELDS,
    ProcessDefinition,
    ProcessDefinitionFilter,
)
from camunda_core.models.search import SearchResult, SortInput

__all__ = [
    "get_process_definition",
    "get_process_definition_xml",
    "get_start_process_form",
    "search_process_definitions",
]

_parse_page = parse_model(SearchResult[ProcessDefinition])


def search_process_definitions(
    filter: ProcessDefinitionFilter | Mapping[str, Any] | None = None,
    *,
    sort: Sequence[SortInput] | SortInput | None = None,
    page: PageInput | None = None,
) -> Call[SearchResult[ProcessDefinition]]:
    """``POST /process-definitions/search`` (eventually consistent)."""
    return Call(
        "searchProcessDefinitions",
        "POST",
        "/process-definitions/search",
        parse=_parse_page,
        json=search_body(
            ProcessDefinitionFilter,
            filter,
            sort,
            page,
            sort_fields=PROCESS_DEFINITION_SORT_FIELDS,
        ),
    )


def _definition_path(process_definition_key: str) -> str:
    return f"/process-definitions/{key(process_definition_key, 'process_definition_key')}"


def get_process_definition(process_definition_key: str) -> Call[ProcessDefinition]:
    """``GET /process-definitions/{key}`` (eventually consistent)."""
    return Call(
        "getProcessDefinition",
        "GET",
        _definition_path(process_definition_key),
        parse=parse_model(ProcessDefinition),
    )


def get_process_definition_xml(process_definition_key: str) -> Call[str | None]:
    """``GET /process-definitions/{key}/xml``: the BPMN XML; 204 (no XML) becomes ``None``."""
    return Call(
        "getProcessDefinitionXML",
        "GET",
        f"{_definition_path(process_definition_key)}/xml",
        parse=parse_text,
    )


def get_start_process_form(process_definition_key: str) -> Call[Form | None]:
    """``GET /process-definitions/{key}/form``: the linked start form; 204 becomes ``None``."""
    return Call(
        "getStartProcessForm",
        "GET",
        f"{_definition_path(process_definition_key)}/form",
        parse=parse_optional_model(Form),
    )
