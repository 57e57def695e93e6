"""Hit policies: how the outputs of the matched rules become the decision table's result.

Single-result policies give the value of the only output, or a context when the table has
several outputs; multi-result policies give a list of those. Results follow Camunda (dmn-scala).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from camunda_core.devengine.feel.builtins_list import distinct
from camunda_core.devengine.feel.comparison import equal
from camunda_core.devengine.feel.values import NUMBER_CONTEXT, to_number

from .model import Aggregation, DecisionTable, HitPolicy, OutputClause


class HitPolicyViolationError(Exception):
    """The matched rules break the hit policy (e.g. two matches under UNIQUE)."""


def row_value(row: dict[str, Any]) -> Any:
    """A rule's result: the single output value, or the context of all outputs."""
    if len(row) == 1:
        return next(iter(row.values()))
    return row


def _priority_key(outputs: tuple[OutputClause, ...], row: dict[str, Any]) -> tuple[int, ...]:
    key: list[int] = []
    for output in outputs:
        value = row.get(output.name)
        index = next(
            (i for i, allowed in enumerate(output.priorities) if equal(value, allowed) is True),
            len(output.priorities),
        )
        key.append(index)
    return tuple(key)


def apply_hit_policy(table: DecisionTable, rule_ids: list[str], rows: list[dict[str, Any]]) -> Any:
    """Combine the matched rows (in rule order, at least one) as the hit policy says."""
    policy = table.hit_policy
    if policy is HitPolicy.FIRST:
        return row_value(rows[0])
    if policy is HitPolicy.UNIQUE:
        if len(rows) > 1:
            raise HitPolicyViolationError(
                "multiple rules matched for hit policy 'UNIQUE', but at most one may match: "
                f"{rule_ids}"
            )
        return row_value(rows[0])
    if policy is HitPolicy.ANY:
        if len(distinct(rows)) > 1:
            raise HitPolicyViolationError(
                f"the matched rules {rule_ids} give different outputs, which hit policy 'ANY' "
                f"does not allow: {[row_value(row) for row in rows]}"
            )
        return row_value(rows[0])
    if policy is HitPolicy.PRIORITY:
        return row_value(min(rows, key=lambda row: _priority_key(table.outputs, row)))
    if policy is HitPolicy.OUTPUT_ORDER:
        ordered = sorted(rows, key=lambda row: _priority_key(table.outputs, row))
        return [row_value(row) for row in ordered]
    if policy is HitPolicy.COLLECT and table.aggregation is not None:
        return _aggregate(table.aggregation, [row_value(row) for row in rows])
    return [row_value(row) for row in rows]


def _aggregate(aggregation: Aggregation, values: list[Any]) -> Any:
    if aggregation is Aggregation.COUNT:
        return to_number(len(values))
    numbers = [to_number(value) for value in values]
    for value, number in zip(values, numbers, strict=True):
        if number is None:
            raise HitPolicyViolationError(
                f"the aggregation {aggregation.value} expects numbers but found {value!r}"
            )
    checked = [number for number in numbers if number is not None]
    if aggregation is Aggregation.MIN:
        return min(checked)
    if aggregation is Aggregation.MAX:
        return max(checked)
    total = Decimal(0)
    for number in checked:
        total = NUMBER_CONTEXT.add(total, number)
    return total
