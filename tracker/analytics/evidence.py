"""Best evidence per target, chosen in SQL with a window function.

Mirrors ``tracker.domain.evidence.EVIDENCE_ORDERING`` exactly (a property test
compares the two on random data): a unit that converts to the target's first
(both units' dimensions from the unit registry table, ``analytics.units``),
then grade (final, interim, later), same indicator before proxy, latest
period end, latest document date (unknown last), highest id. Baseline-grade
figures are ranked in their own partition, so one query yields each target's
best evidence and its baseline candidate.
Only approved outcomes count (DESIGN.md 6a).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from tracker.analytics.units import unit_dimensions
from tracker.db import run_select, to_bool, to_date, to_decimal
from tracker.domain import OutcomeFacts, TargetFacts
from tracker.schema import document, outcome, target

_o, _t, _d = outcome.c, target.c, document.c

GRADE_SQL = sa.case(
    (_o.period_end > _t.period_end, sa.literal("later")),
    (_o.period_end < _t.period_start, sa.literal("baseline")),
    (
        sa.and_(
            _o.period_end == _t.period_end,
            sa.or_(_o.period_start <= _t.period_start, sa.not_(_t.accumulates)),
        ),
        sa.literal("final"),
    ),
    else_=sa.literal("interim"),
)
GRADE_RANK_SQL = sa.case(
    (GRADE_SQL == "final", 0),
    (GRADE_SQL == "interim", 1),
    (GRADE_SQL == "later", 2),
    else_=3,
)


def target_columns() -> list[sa.ColumnElement]:
    return [
        _t.id,
        _t.comparator,
        _t.value,
        _t.value_high,
        _t.unit,
        _t.tolerance,
        _t.period_start,
        _t.period_end,
        _t.direction,
        _t.commitment,
        _t.accumulates,
        _t.baseline_value,
        _t.baseline_date,
        _t.growth,
    ]


def target_facts(row: dict[str, Any], prefix: str = "") -> TargetFacts:
    def get(name: str) -> Any:
        return row[prefix + name]

    return TargetFacts(
        id=int(get("id")),
        comparator=get("comparator"),
        value=to_decimal(get("value")),
        value_high=to_decimal(get("value_high")),
        unit=get("unit"),
        tolerance=to_decimal(get("tolerance")),
        period_start=to_date(get("period_start")),
        period_end=to_date(get("period_end")),
        direction=get("direction"),
        commitment=get("commitment"),
        accumulates=to_bool(get("accumulates")),
        baseline_value=to_decimal(get("baseline_value")),
        baseline_date=to_date(get("baseline_date")),
        growth=get("growth"),
    )


def ranked_evidence(target_filter: sa.ColumnElement | None = None) -> sa.Subquery:
    """Approved outcomes of the selected targets, each with its grade and its
    rank within (target, baseline-or-not)."""
    is_baseline = GRADE_SQL == "baseline"
    outcome_dimension = unit_dimensions().alias("outcome_dimension")
    target_dimension = unit_dimensions().alias("target_dimension")
    # Unknown units (no row) never convert; NULL = NULL is not true.
    convertible_rank = sa.case(
        (outcome_dimension.c.dimension == target_dimension.c.dimension, 0), else_=1
    )
    rank = (
        sa.func.row_number()
        .over(
            partition_by=(_o.target_id, is_baseline),
            order_by=(
                convertible_rank,
                GRADE_RANK_SQL,
                _o.is_proxy,
                _o.period_end.desc(),
                _d.published_on.desc().nulls_last(),
                _o.id.desc(),
            ),
        )
        .label("rank")
    )
    query = (
        sa.select(
            _o.id,
            _o.target_id,
            _o.value,
            _o.value_high,
            _o.qualifier,
            _o.unit,
            _o.period_start,
            _o.period_end,
            _o.is_proxy,
            _o.quote,
            _o.document_id,
            _d.published_on.label("document_date"),
            _d.title.label("document_title"),
            GRADE_SQL.label("grade"),
            rank,
        )
        .select_from(
            outcome.join(target, _o.target_id == _t.id)
            .join(document)
            .outerjoin(outcome_dimension, outcome_dimension.c.text == sa.func.trim(_o.unit))
            .outerjoin(target_dimension, target_dimension.c.text == sa.func.trim(_t.unit))
        )
        .where(_o.state == "approved")
    )
    if target_filter is not None:
        query = query.where(target_filter)
    return query.subquery("ranked")


def outcome_facts(row: dict[str, Any]) -> OutcomeFacts:
    return OutcomeFacts(
        id=int(row["id"]),
        value=to_decimal(row["value"]),
        value_high=to_decimal(row["value_high"]),
        qualifier=row["qualifier"],
        unit=row["unit"],
        period_start=to_date(row["period_start"]),
        period_end=to_date(row["period_end"]),
        is_proxy=to_bool(row["is_proxy"]),
        document_id=int(row["document_id"]),
        document_date=to_date(row["document_date"]),
        document_title=row["document_title"],
        quote=row["quote"],
    )


@dataclass(frozen=True)
class Evidence:
    best: OutcomeFacts | None = None
    baseline: OutcomeFacts | None = None


def best_evidence_by_target(
    target_filter: sa.ColumnElement | None = None,
) -> dict[int, Evidence]:
    """One query: each selected target's best evidence and baseline candidate."""
    ranked = ranked_evidence(target_filter)
    rows = run_select(sa.select(ranked).where(ranked.c.rank == 1))
    found: dict[int, dict[str, OutcomeFacts]] = {}
    for row in rows:
        slot = "baseline" if row["grade"] == "baseline" else "best"
        found.setdefault(int(row["target_id"]), {})[slot] = outcome_facts(row)
    return {key: Evidence(**slots) for key, slots in found.items()}


def targets(target_filter: sa.ColumnElement | None = None) -> list[TargetFacts]:
    query = sa.select(*target_columns()).order_by(_t.id)
    if target_filter is not None:
        query = query.where(target_filter)
    return [target_facts(row) for row in run_select(query)]


def ids(values: Iterable[int]) -> sa.ColumnElement:
    return _t.id.in_(list(values))


def today() -> date:
    from django.utils import timezone

    return timezone.localdate()
