"""Search requests and results: pagination, sorting and filter operators (spec section 1.4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, Literal, TypeVar

from pydantic import AwareDatetime, Field, model_validator

from camunda_core.models._base import CamundaModel, RequestModel
from camunda_core.models.keys import LongKey

__all__ = [
    "DateTimeFilter",
    "DateTimeMatch",
    "EnumFilter",
    "EnumFilterWithNotIn",
    "IntegerFilter",
    "IntegerMatch",
    "KeyFilter",
    "KeyMatch",
    "PageRequest",
    "SearchPage",
    "SearchResult",
    "SortInput",
    "SortSpec",
    "StringFilter",
    "StringMatch",
    "VariableValueFilter",
    "sort_to_wire",
]

T = TypeVar("T")
E = TypeVar("E", bound=str)


class SearchPage(CamundaModel):
    """Where a result page sits in the whole result."""

    total_items: int = 0
    has_more_total_items: bool = False
    start_cursor: str | None = None
    end_cursor: str | None = None


class SearchResult(CamundaModel, Generic[T]):
    """One page of a search: ``items`` and the ``page`` information to get the next one."""

    items: list[T] = Field(default_factory=list)
    page: SearchPage = Field(default_factory=SearchPage)


class PageRequest(RequestModel):
    """Which page to fetch: ``limit`` alone, ``from_`` + ``limit``, or a cursor (``after``/``before``)."""

    limit: int | None = Field(None, ge=1, le=10_000)
    from_: int | None = Field(None, ge=0, alias="from")
    after: str | None = None
    before: str | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> PageRequest:
        given = [name for name in ("from_", "after", "before") if getattr(self, name) is not None]
        if len(given) > 1:
            shown = ", ".join("from" if name == "from_" else name for name in given)
            raise ValueError(f"give at most one of from, after and before (got {shown})")
        return self


class SortSpec(RequestModel):
    """One sort criterion."""

    field: str
    order: Literal["ASC", "DESC"] = "ASC"


#: ``"name"`` (ascending), ``"-name"`` (descending), a ``SortSpec`` or ``{"field":..,"order":..}``.
SortInput = str | SortSpec | Mapping[str, Any]


def sort_to_wire(sort: Sequence[SortInput] | SortInput | None) -> list[dict[str, Any]] | None:
    """Normalise the accepted sort forms into the wire's ``[{"field", "order"}]``."""
    if sort is None:
        return None
    items = [sort] if isinstance(sort, (str, SortSpec, Mapping)) else list(sort)
    wire: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, str):
            descending = item.startswith("-")
            spec = SortSpec(field=item.lstrip("-+"), order="DESC" if descending else "ASC")
        elif isinstance(item, SortSpec):
            spec = item
        else:
            spec = SortSpec.model_validate(item)
        wire.append(spec.to_wire())
    return wire


class _Operators(RequestModel):
    """Operator objects of the spec's advanced filters: ``{"$eq": ...}`` etc."""

    eq: Any = Field(None, alias="$eq")
    neq: Any = Field(None, alias="$neq")
    exists: bool | None = Field(None, alias="$exists")
    in_: list[Any] | None = Field(None, alias="$in")


class StringFilter(_Operators):
    """String filter: exact value or ``$eq``, ``$neq``, ``$exists``, ``$in``, ``$notIn``, ``$like``."""

    eq: str | None = Field(None, alias="$eq")
    neq: str | None = Field(None, alias="$neq")
    in_: list[str] | None = Field(None, alias="$in")
    not_in: list[str] | None = Field(None, alias="$notIn")
    like: str | None = Field(None, alias="$like")


class KeyFilter(_Operators):
    """Key filter: exact key or ``$eq``, ``$neq``, ``$exists``, ``$in``, ``$notIn``."""

    eq: str | None = Field(None, alias="$eq")
    neq: str | None = Field(None, alias="$neq")
    in_: list[str] | None = Field(None, alias="$in")
    not_in: list[str] | None = Field(None, alias="$notIn")


class IntegerFilter(_Operators):
    """Integer filter: exact value or ``$eq``, ``$neq``, ``$exists``, ``$gt(e)``, ``$lt(e)``, ``$in``."""

    eq: int | None = Field(None, alias="$eq")
    neq: int | None = Field(None, alias="$neq")
    gt: int | None = Field(None, alias="$gt")
    gte: int | None = Field(None, alias="$gte")
    lt: int | None = Field(None, alias="$lt")
    lte: int | None = Field(None, alias="$lte")
    in_: list[int] | None = Field(None, alias="$in")


class DateTimeFilter(_Operators):
    """Date-time filter: exact value or ``$eq``, ``$neq``, ``$exists``, ``$gt(e)``, ``$lt(e)``, ``$in``.

    Datetimes must carry a time zone: Camunda compares instants, and a naive value fails here
    rather than as a 400 from the cluster.
    """

    eq: AwareDatetime | None = Field(None, alias="$eq")
    neq: AwareDatetime | None = Field(None, alias="$neq")
    gt: AwareDatetime | None = Field(None, alias="$gt")
    gte: AwareDatetime | None = Field(None, alias="$gte")
    lt: AwareDatetime | None = Field(None, alias="$lt")
    lte: AwareDatetime | None = Field(None, alias="$lte")
    in_: list[AwareDatetime] | None = Field(None, alias="$in")


class EnumFilter(_Operators, Generic[E]):
    """Enum filter (states, kinds): exact value or ``$eq``, ``$neq``, ``$exists``, ``$in``, ``$like``."""

    eq: E | None = Field(None, alias="$eq")
    neq: E | None = Field(None, alias="$neq")
    in_: list[E] | None = Field(None, alias="$in")
    like: str | None = Field(None, alias="$like")


class EnumFilterWithNotIn(EnumFilter[E], Generic[E]):
    """Enum filter that also takes ``$notIn`` (the incident state and error type)."""

    not_in: list[E] | None = Field(None, alias="$notIn")


class VariableValueFilter(RequestModel):
    """Match a variable by name and value; the value is serialised JSON (``'"abc"'`` for abc)."""

    name: str
    value: str | StringFilter


#: A string filter field: the exact value, or operators.
StringMatch = str | StringFilter
#: A key filter field: the exact key, or operators.
KeyMatch = LongKey | KeyFilter
#: An integer filter field: the exact value, or operators.
IntegerMatch = int | IntegerFilter
#: A date-time filter field: the exact (time-zone aware) instant, or operators.
DateTimeMatch = AwareDatetime | DateTimeFilter
