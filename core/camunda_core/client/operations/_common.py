"""Pieces every operation builder uses: key paths, search bodies, tenant defaults."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.alias_generators import to_camel

from camunda_core.models.search import PageRequest, SortInput, sort_to_wire
from camunda_core.settings import CamundaSettings

__all__ = [
    "PageInput",
    "as_dict",
    "as_list",
    "default_tenant",
    "key",
    "offset_page",
    "search_body",
    "truncate_param",
    "wire",
]

_KEY = re.compile(r"^-?[0-9]{1,25}$")

#: ``PageRequest(limit=.., after=..)`` or the same as a dict.
PageInput = PageRequest | Mapping[str, Any]


def key(value: str, name: str) -> str:
    """A key checked for use in a URL path; Camunda keys are digit strings."""
    if not isinstance(value, str) or not _KEY.match(value):
        raise ValueError(
            f"{name} must be a Camunda key: a string of digits such as '2251799813685249' "
            f"(got {value!r})"
        )
    return value


def wire(model: BaseModel | None) -> dict[str, Any] | None:
    """Serialise a request model (``None`` stays ``None``)."""
    if model is None:
        return None
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def as_dict(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A plain dict for a request model (``None`` stays ``None``)."""
    return dict(value) if value is not None else None


def as_list(value: Sequence[str] | None) -> list[str] | None:
    """A plain list for a request model (``None`` stays ``None``)."""
    return list(value) if value is not None else None


def search_body(
    filter_model: type[BaseModel] | None,
    filter: BaseModel | Mapping[str, Any] | None,
    sort: Sequence[SortInput] | SortInput | None,
    page: PageInput | None,
    *,
    sort_fields: Collection[str] | None = None,
) -> dict[str, Any]:
    """Body of a ``POST .../search``: filter validated against its model, sort, page.

    A mapping filter is validated into ``filter_model``, so a misspelt key fails here naming
    the key. ``sort_fields`` are the fields the endpoint sorts by (snake_case is accepted).
    """
    body: dict[str, Any] = {}
    if filter is not None:
        body["filter"] = _filter_wire(filter_model, filter)
    wire_sort = sort_to_wire(sort)
    if wire_sort and sort_fields is not None:
        wire_sort = [_checked_sort(item, sort_fields) for item in wire_sort]
    if wire_sort:
        body["sort"] = wire_sort
    if page is not None:
        body["page"] = wire(_page_model(page))
    return body


def _filter_wire(
    filter_model: type[BaseModel] | None, filter: BaseModel | Mapping[str, Any]
) -> dict[str, Any] | None:
    if isinstance(filter, BaseModel):
        if filter_model is not None and not isinstance(filter, filter_model):
            raise TypeError(
                f"this search takes a {filter_model.__name__} filter, not {type(filter).__name__}"
            )
        return wire(filter)
    if filter_model is None:
        return dict(filter)
    return wire(filter_model.model_validate(filter))


def _checked_sort(item: dict[str, Any], fields: Collection[str]) -> dict[str, Any]:
    name = item["field"]
    if name not in fields and to_camel(name) in fields:
        name = to_camel(name)
    if name not in fields:
        raise ValueError(
            f"cannot sort by {item['field']!r} here; sortable fields: {', '.join(sorted(fields))}"
        )
    return {**item, "field": name}


def _page_model(page: PageInput) -> PageRequest:
    return page if isinstance(page, PageRequest) else PageRequest.model_validate(page)


def offset_page(page: PageInput | None) -> dict[str, Any] | None:
    """A page for endpoints that only page by offset (``from_`` + ``limit``)."""
    if page is None:
        return None
    model = _page_model(page)
    if model.after is not None or model.before is not None:
        raise ValueError("this search pages by offset only: give from_ and limit, not a cursor")
    return wire(model)


def truncate_param(truncate_values: bool | None) -> dict[str, bool] | None:
    """The ``truncateValues`` query parameter of the variable searches, when given."""
    return {"truncateValues": truncate_values} if truncate_values is not None else None


def default_tenant(settings: CamundaSettings, tenant_id: str | None) -> str | None:
    """The tenant a command is sent for: the given one, else the configured default."""
    return tenant_id if tenant_id is not None else settings.tenant_id
