"""Best evidence per target, chosen in SQL with a window function.

Mirrors ``tracker.domain.evidence.EVIDENCE_ORDERING`` exactly (a property test
compares the two on random data): a unit that converts to the target's first
(both units' dimensions from the unit registry table, ``analytics.units``),
then grade by the target's measure (final, later, interim), same indicator
before proxy, latest period end, latest document date (unknown last), highest
id. Baseline and context figures are ranked in their own partitions, so one
query yields each target's best evidence, its baseline candidate and its most
recent context figure. Only approved outcomes count (docs/reports.md
"Outcome review"), and, as of a date, only those known that day
(``tracker.domain.periods.known_on``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from tracker.analytics.units import unit_dimensions
from tracker.db import run_select, to_bool, to_date, to_decimal
from tracker.domain import EVIDENCE_ORDER, OutcomeFacts, TargetFacts
from tracker.schema import document, outcome, target

_o, _t, _d = outcome.c, target.c, document.c

_RATE = _t.measure == "rate"
_FLOW = _t.measure == "flow"

# ``tracker.domain.periods.grade``, branch for branch.
GRADE_SQL = sa.case(
    (
        sa.and_(_RATE, sa.or_(_o.period_start < _t.period_start, _o.period_end > _t.period_end)),
        sa.literal("context"),
    ),
    (
        sa.and_(_FLOW, sa.or_(_o.period_start > _t.period_start, _o.period_end < _t.period_start)),
        sa.literal("context"),
    ),
    (_o.period_end > _t.period_end, sa.literal("later")),
    (_o.period_end < _t.period_start, sa.literal("baseline")),
    (
        sa.and_(
            _o.period_end == _t.period_end,
            sa.or_(sa.not_(_RATE), _o.period_start == _t.period_start),
        ),
        sa.literal("final"),
    ),
    else_=sa.literal("interim"),
)
# ``EVIDENCE_ORDER``: final, later, interim; baseline and context after.
GRADE_RANK_SQL = sa.case(
    {name: rank for rank, name in enumerate(EVIDENCE_ORDER)},
    value=GRADE_SQL,
    else_=len(EVIDENCE_ORDER),
)
# Which partition a figure is ranked in: evidence, baseline or context.
SLOT_SQL = sa.case(
    (GRADE_SQL == "baseline", sa.literal("baseline")),
    (GRADE_SQL == "context", sa.literal("context")),
    else_=sa.literal("best"),
)


def known_on_sql(as_of: date) -> sa.ColumnElement:
    """``tracker.domain.periods.known_on``: published by ``as_of``, or, for
    an undated document, a period ending by then."""
    return sa.or_(
        _d.published_on <= as_of,
        sa.and_(_d.published_on.is_(None), _o.period_end <= as_of),
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
        _t.measure,
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
        measure=get("measure"),
        baseline_value=to_decimal(get("baseline_value")),
        baseline_date=to_date(get("baseline_date")),
        growth=get("growth"),
    )


def ranked_evidence(
    target_filter: sa.ColumnElement | None = None,
    *,
    as_of: date | None = None,
    extra_columns: Sequence[sa.ColumnElement] = (),
) -> sa.Subquery:
    """Approved outcomes of the selected targets (known on ``as_of`` when
    given), each with its grade, its slot and its rank within (target, slot).
    ``extra_columns`` (of the outcome or its document) ride along, so a
    caller that needs more of the best figure's provenance (the export)
    reads it in the same pass."""
    outcome_dimension = unit_dimensions().alias("outcome_dimension")
    target_dimension = unit_dimensions().alias("target_dimension")
    # Unknown units (no row) never convert; NULL = NULL is not true.
    convertible_rank = sa.case(
        (outcome_dimension.c.dimension == target_dimension.c.dimension, 0), else_=1
    )
    rank = (
        sa.func.row_number()
        .over(
            partition_by=(_o.target_id, SLOT_SQL),
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
            SLOT_SQL.label("slot"),
            rank,
            *extra_columns,
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
    if as_of is not None:
        query = query.where(known_on_sql(as_of))
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
    """A target's best evidence, baseline candidate and latest context figure."""

    best: OutcomeFacts | None = None
    baseline: OutcomeFacts | None = None
    context: OutcomeFacts | None = None


def first_ranked_rows(
    target_filter: sa.ColumnElement | None = None,
    *,
    as_of: date | None = None,
    extra_columns: Sequence[sa.ColumnElement] = (),
) -> list[dict[str, Any]]:
    """One query: the first-ranked figure of each (target, slot)."""
    ranked = ranked_evidence(target_filter, as_of=as_of, extra_columns=extra_columns)
    return run_select(sa.select(ranked).where(ranked.c.rank == 1))


def evidence_from_rows(rows: Iterable[dict[str, Any]]) -> dict[int, Evidence]:
    """``first_ranked_rows`` as each target's ``Evidence``."""
    found: dict[int, dict[str, OutcomeFacts]] = {}
    for row in rows:
        found.setdefault(int(row["target_id"]), {})[row["slot"]] = outcome_facts(row)
    return {key: Evidence(**slots) for key, slots in found.items()}


def best_evidence_by_target(
    target_filter: sa.ColumnElement | None = None, *, as_of: date | None = None
) -> dict[int, Evidence]:
    """One query: each selected target's best evidence, baseline candidate
    and most recent context figure, over the figures known on ``as_of``."""
    return evidence_from_rows(first_ranked_rows(target_filter, as_of=as_of))


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
