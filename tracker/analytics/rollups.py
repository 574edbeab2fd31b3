"""Attainment rollups per unit and per plan, in SQLAlchemy Core (docs/attainment.md section 7).

Counts of each status and three rates, each kept as its numerator and
denominator:
- confirmed rate = met / (met + missed) over final evidence only;
- indicative rate = the same over final and later evidence;
- reporting rate = targets with a final figure / targets whose period is
  over (DHIS2's completeness): the attainment rates count only the verdicts
  there are, so a unit with many overdue targets must not look good.
``behind`` = missed + overdue orders lists of units, furthest behind first.

Per unit, each is given over lead assignments only and over all
assignments; targets with no (lead) unit form the "unassigned" row
(``unassigned_rollup_select``), so the units' rows add up to the plan. Per
plan, every target counts once. The statements are built here and run on
Django's connection, so the report pages sort and page them in the database
and the command line prints the same numbers.

They read the stored statuses (``tracker_assessment``), as the daily
``manage.py refresh_statuses`` and the services' writes leave them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from tracker.db import run_select
from tracker.schema import ROLLUP_COUNT_COLUMNS, assessment, assignment, plan, target, unit
from tracker.vocabulary import STATUSES

_s = assessment.c

# Every count a rollup row carries, besides the per-status ones: the stored
# rollup tables' columns (tracker.schema.ROLLUP_COUNT_COLUMNS), one list.
COUNT_COLUMNS = tuple(name for name in ROLLUP_COUNT_COLUMNS if name not in STATUSES)


def _count(condition: sa.ColumnElement) -> sa.ColumnElement:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def _rate(numerator: sa.ColumnElement, denominator: sa.ColumnElement) -> sa.ColumnElement:
    # 1.0 * : SQLite divides integers as integers.
    return sa.literal(1.0) * numerator / sa.func.nullif(denominator, 0)


def count_expressions() -> dict[str, sa.ColumnElement]:
    """Each count of a rollup row (``ROLLUP_COUNT_COLUMNS``) as an aggregate
    over target ⋈ assessment rows: what the stored rollups hold."""
    final = _s.grade == "final"
    counted = _s.grade.in_(("final", "later"))
    # As of the stored status's date: overdue starts the day after the end.
    over = target.c.period_end < _s.as_of
    return {
        "targets": sa.func.count(),
        **{status: _count(_s.status == status) for status in STATUSES},
        "met_final": _count(sa.and_(_s.status == "met", final)),
        "missed_final": _count(sa.and_(_s.status == "missed", final)),
        "met_indicative": _count(sa.and_(_s.status == "met", counted)),
        "missed_indicative": _count(sa.and_(_s.status == "missed", counted)),
        "reported": _count(sa.and_(over, final)),
        "due": _count(over),
        "behind": _count(_s.status.in_(("missed", "overdue"))),
    }


def rate_columns(counts: dict[str, sa.ColumnElement]) -> list[sa.ColumnElement]:
    """The three rates from the counts (aggregates or stored columns), for
    sorting; pages show the exact ones from the counts (``Rollup``)."""
    met_final, missed_final = counts["met_final"], counts["missed_final"]
    met_counted, missed_counted = counts["met_indicative"], counts["missed_indicative"]
    return [
        _rate(met_final, met_final + missed_final).label("confirmed_rate"),
        _rate(met_counted, met_counted + missed_counted).label("indicative_rate"),
        _rate(counts["reported"], counts["due"]).label("reporting_rate"),
    ]


def _measures() -> list[sa.ColumnElement]:
    """Status counts, the rate components and the rates, as labelled columns."""
    counts = count_expressions()
    return [*(expression.label(name) for name, expression in counts.items()), *rate_columns(counts)]


def unit_rollup_select(*, lead_only: bool, plan_id: int | None = None) -> sa.Select:
    """One row per unit with any (lead) assignment: id, name, the measures."""
    query = (
        sa.select(unit.c.id, unit.c.name, *_measures())
        .select_from(
            assignment.join(unit, assignment.c.unit_id == unit.c.id)
            .join(target, assignment.c.target_id == target.c.id)
            .join(assessment, _s.target_id == target.c.id)
        )
        .group_by(unit.c.id, unit.c.name)
    )
    if lead_only:
        query = query.where(assignment.c.role == "lead")
    if plan_id is not None:
        query = query.where(target.c.plan_id == plan_id)
    return query


def unassigned_rollup_select(*, lead_only: bool, plan_id: int | None = None) -> sa.Select:
    """The targets no unit answers for, as one row shaped like a unit's (id
    NULL, name ''; pages say 未分配责任单位). Over lead assignments, a target
    with support units but no lead is unassigned too, so the lead rows add up
    to the plan. No row when every target has a unit."""
    responsible = sa.select(assignment.c.id).where(assignment.c.target_id == target.c.id)
    if lead_only:
        responsible = responsible.where(assignment.c.role == "lead")
    query = (
        sa.select(
            sa.cast(sa.null(), unit.c.id.type).label("id"),
            sa.literal("", unit.c.name.type).label("name"),
            *_measures(),
        )
        .select_from(target.join(assessment, _s.target_id == target.c.id))
        .where(~sa.exists(responsible))
    )
    if plan_id is not None:
        query = query.where(target.c.plan_id == plan_id)
    # An aggregate without GROUP BY always yields a row: keep it only when
    # it counts something (a WHERE outside, as HAVING alone is not portable).
    counted = query.subquery("unassigned")
    return sa.select(*counted.c).where(counted.c.targets > 0)


def plan_rollup_select(*, plan_id: int | None = None) -> sa.Select:
    """One row per plan with targets: id, slug, title, the measures."""
    query = (
        sa.select(plan.c.id, plan.c.slug, plan.c.title, *_measures())
        .select_from(
            plan.join(target, target.c.plan_id == plan.c.id).join(
                assessment, _s.target_id == target.c.id
            )
        )
        .group_by(plan.c.id, plan.c.slug, plan.c.title)
    )
    if plan_id is not None:
        query = query.where(plan.c.id == plan_id)
    return query


@dataclass(frozen=True)
class Rollup:
    """Counts per status and the rates of one unit or plan; ``key`` is None
    for the unassigned row."""

    key: int | None
    name: str
    targets: int
    counts: dict[str, int]
    met_final: int
    missed_final: int
    met_indicative: int
    missed_indicative: int
    reported: int = 0
    due: int = 0

    @property
    def confirmed_rate(self) -> Decimal | None:
        return _exact_rate(self.met_final, self.met_final + self.missed_final)

    @property
    def indicative_rate(self) -> Decimal | None:
        return _exact_rate(self.met_indicative, self.met_indicative + self.missed_indicative)

    @property
    def reporting_rate(self) -> Decimal | None:
        return _exact_rate(self.reported, self.due)

    @property
    def behind(self) -> int:
        return self.counts["missed"] + self.counts["overdue"]

    @property
    def unassigned(self) -> bool:
        return self.key is None


def _exact_rate(numerator: int, denominator: int) -> Decimal | None:
    # Exact from the counts; the SQL rate column is for sorting only.
    return None if denominator == 0 else Decimal(numerator) / Decimal(denominator)


def rollup_from_row(row: dict[str, Any], *, name_column: str = "name") -> Rollup:
    return Rollup(
        key=None if row["id"] is None else int(row["id"]),
        name=row[name_column],
        targets=int(row["targets"]),
        counts={status: int(row[status]) for status in STATUSES},
        met_final=int(row["met_final"]),
        missed_final=int(row["missed_final"]),
        met_indicative=int(row["met_indicative"]),
        missed_indicative=int(row["missed_indicative"]),
        reported=int(row["reported"]),
        due=int(row["due"]),
    )


def unit_rollups(*, lead_only: bool, plan_id: int | None = None) -> list[Rollup]:
    """Units furthest behind (missed + overdue) first, then by name; the
    unassigned row, if any, last."""
    query = unit_rollup_select(lead_only=lead_only, plan_id=plan_id).order_by(
        sa.desc(sa.literal_column("behind")), unit.c.name, unit.c.id
    )
    rows = run_select(query)
    rows += run_select(unassigned_rollup_select(lead_only=lead_only, plan_id=plan_id))
    return [rollup_from_row(row) for row in rows]


def plan_rollups(*, plan_id: int | None = None) -> list[Rollup]:
    query = plan_rollup_select(plan_id=plan_id).order_by(plan.c.title)
    return [rollup_from_row(row, name_column="title") for row in run_select(query)]
