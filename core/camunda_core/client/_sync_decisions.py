"""Decision (DMN) methods of the synchronous client. GENERATED from ``_async_decisions.py`` by ``scripts/unasync.py``.

Do not edit: change ``_async_decisions.py`` and run ``python scripts/unasync.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from camunda_core.client import _pagination
from camunda_core.client._sync_core import ClientCore
from camunda_core.client.operations import decisions
from camunda_core.client.operations._common import PageInput
from camunda_core.models.decisions import (
    DecisionDefinition,
    DecisionDefinitionFilter,
    DecisionEvaluation,
)
from camunda_core.models.search import SearchResult, SortInput

__all__ = ["DecisionOperations"]


class DecisionOperations(ClientCore):
    """Evaluate decisions and read decision definitions."""

    def evaluate_decision(
        self,
        decision_definition_id: str | None = None,
        *,
        decision_definition_key: str | None = None,
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> DecisionEvaluation:
        """Evaluate a DMN decision by id (latest version) or key; ``.output_json()`` reads it."""
        return self._send(
            decisions.evaluate_decision(
                self.settings,
                decision_definition_id,
                decision_definition_key=decision_definition_key,
                variables=variables,
                tenant_id=tenant_id,
            )
        )

    def search_decision_definitions(
        self,
        filter: DecisionDefinitionFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
    ) -> SearchResult[DecisionDefinition]:
        """One page of deployed decision definitions matching ``filter``."""
        return self._send(decisions.search_decision_definitions(filter, sort=sort, page=page))

    def iter_decision_definitions(
        self,
        filter: DecisionDefinitionFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
    ) -> Iterator[DecisionDefinition]:
        """Every decision definition matching ``filter``, page after page."""
        return self._paginate(
            lambda page: decisions.search_decision_definitions(filter, sort=sort, page=page),
            page_size,
        )

    def get_decision_definition(self, decision_definition_key: str) -> DecisionDefinition:
        """One decision definition by key."""
        return self._send(decisions.get_decision_definition(decision_definition_key))
