"""Decision (DMN) methods of the asynchronous client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from camunda_core.client import _pagination
from camunda_core.client._async_core import AsyncClientCore
from camunda_core.client.operations import decisions
from camunda_core.client.operations._common import PageInput
from camunda_core.models.decisions import (
    DecisionDefinition,
    DecisionDefinitionFilter,
    DecisionEvaluation,
)
from camunda_core.models.search import SearchResult, SortInput

__all__ = ["AsyncDecisionOperations"]


class AsyncDecisionOperations(AsyncClientCore):
    """Evaluate decisions and read decision definitions."""

    async def evaluate_decision(
        self,
        decision_definition_id: str | None = None,
        *,
        decision_definition_key: str | None = None,
        variables: Mapping[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> DecisionEvaluation:
        """Evaluate a DMN decision by id (latest version) or key; ``.output_json()`` reads it."""
        return await self._send(
            decisions.evaluate_decision(
                self.settings,
                decision_definition_id,
                decision_definition_key=decision_definition_key,
                variables=variables,
                tenant_id=tenant_id,
            )
        )

    async def search_decision_definitions(
        self,
        filter: DecisionDefinitionFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page: PageInput | None = None,
    ) -> SearchResult[DecisionDefinition]:
        """One page of deployed decision definitions matching ``filter``."""
        return await self._send(decisions.search_decision_definitions(filter, sort=sort, page=page))

    def iter_decision_definitions(
        self,
        filter: DecisionDefinitionFilter | Mapping[str, Any] | None = None,
        *,
        sort: Sequence[SortInput] | SortInput | None = None,
        page_size: int = _pagination.DEFAULT_PAGE_SIZE,
    ) -> AsyncIterator[DecisionDefinition]:
        """Every decision definition matching ``filter``, page after page."""
        return self._paginate(
            lambda page: decisions.search_decision_definitions(filter, sort=sort, page=page),
            page_size,
        )

    async def get_decision_definition(self, decision_definition_key: str) -> DecisionDefinition:
        """One decision definition by key."""
        return await self._send(decisions.get_decision_definition(decision_definition_key))
