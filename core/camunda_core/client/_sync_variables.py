"""Variable methods of the synchronous client. GENERATED from ``_async_variables.py`` by ``scripts/unasync.py``.

Do not edit: change ``_async_variables.py`` and run ``python scripts/unasync.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from camunda_core.client import _pagination
from camunda_core.client._sync_core import ClientCore
from camunda_core.client.operations import variables
from camunda_core.client.operations._common import PageInput
from camunda_core.models.search import SearchResult, SortInput
from camunda_core.models.variables import Variable, VariableFilter

__all__ = ["VariableOperations"]


class VariableOperations(ClientCore):
    """Search and read process and local variables."""

    def search_variables(
        self,
        filter: VariableFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
        truncate_values: bool | None = None,
    ) -> SearchResult[Variable]:
        """One page of variables matching ``filter``; long values are cut unless told not to."""
        return self._send(
            variables.search_variables(
                filter, sort=sort, page=page, truncate_values=truncate_values
            )
        )

    def iter_variables(
        self,
        filter: VariableFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
        truncate_values: bool | None = None,
    ) -> Iterator[Variable]:
        """Every variable matching ``filter``, following the cursor page by page."""
        return self._paginate(
            lambda page: variables.search_variables(
                filter, sort=sort, page=page, truncate_values=truncate_values
            ),
            page_size,
        )

    def get_variable(self, variable_key: str) -> Variable:
        """One variable with its full value (``.json_value()`` parses it)."""
        return self._send(variables.get_variable(variable_key))
