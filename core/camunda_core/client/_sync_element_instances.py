"""Element-instance methods of the synchronous client. GENERATED from ``_async_element_instances.py`` by ``scripts/unasync.py``.

Do not edit: change ``_async_element_instances.py`` and run ``python scripts/unasync.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from camunda_core.client import _pagination
from camunda_core.client._sync_core import ClientCore
from camunda_core.client.operations import element_instances
from camunda_core.client.operations._common import PageInput
from camunda_core.models.element_instances import ElementInstance, ElementInstanceFilter
from camunda_core.models.search import SearchResult, SortInput

__all__ = ["ElementInstanceOperations"]


class ElementInstanceOperations(ClientCore):
    """Read element instances and set variables on a scope."""

    def search_element_instances(
        self,
        filter: ElementInstanceFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
    ) -> SearchResult[ElementInstance]:
        """One page of element instances (activities, events, ...) matching ``filter``."""
        return self._send(element_instances.search_element_instances(filter, sort=sort, page=page))

    def iter_element_instances(
        self,
        filter: ElementInstanceFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
    ) -> Iterator[ElementInstance]:
        """Every element instance matching ``filter``, following the cursor."""
        return self._paginate(
            lambda page: element_instances.search_element_instances(filter, sort=sort, page=page),
            page_size,
        )

    def get_element_instance(self, element_instance_key: str) -> ElementInstance:
        """One element instance by key."""
        return self._send(element_instances.get_element_instance(element_instance_key))

    def set_variables(
        self,
        element_instance_key: str,
        variables: Mapping[str, Any],
        *,
        local: bool | None = None,
        operation_reference: int | None = None,
    ) -> None:
        """Merge ``variables`` into a scope (an element or process instance key).

        Without ``local=True`` each variable lands in the outermost scope that defines it.
        """
        self._send(
            element_instances.set_variables(
                element_instance_key,
                variables,
                local=local,
                operation_reference=operation_reference,
            )
        )
