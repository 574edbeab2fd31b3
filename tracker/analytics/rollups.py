"""Attainment rollups per unit and per plan, in SQLAlchemy Core (docs/attainment.md section 7).

Counts of each status and the two attainment rates:
- confirmed rate = met / (met + missed) over final evidence only;
- indicative rate = the same over final and later evidence.
Per unit, each is given over lead assignments only and over all assignments;
per plan, every target counts once. The statements are built here and run on
Django's connection, so the report pages sort and page them in the database
and the command line prints the same numbers.

They read the stored statuses (``tracker_assessment``): call
``assessments.ensure_fresh()`` first (the selectors below do).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from tracker.analytics.assessments import ensure_fresh
from tracker.db import run_select
from tracker.schema import assessment, assignment, plan, target, unit
from tracker.vocabulary import STATUSES

_s = assessment.c


def _count(condition: sa.ColumnElement) -> sa.ColumnElement:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def _rate(numerator: sa.ColumnElement, denominator: sa.ColumnElement) -> sa.ColumnElement:
    # 1.0 * : SQLite divides integers as integers.
    return sa.literal(1.0) * numerator / sa.func.nullif(denominator, 0)


def _measures() -> list[sa.ColumnElement]:
    """Status counts, the rate components and the rates, as labelled columns."""
    final = _s.grade == "final"
    counted = _s.grade.in_(("final", "later"))
    met_final = _count(sa.and_(_s.status == "met", final))
    missed_final = _count(sa.and_(_s.status == "missed", final))
    met_counted = _count(sa.and_(_s.status == "met", counted))
    missed_counted = _count(sa.and_(_s.status == "missed", counted))
    return [
        sa.func.count().label("targets"),
        *(_count(_s.status == status).label(status) for status in STATUSES),
        met_final.label("met_final"),
        missed_final.label("missed_final"),
        met_counted.label("met_indicative"),
        missed_counted.label("missed_indicative"),
        _rate(met_final, met_final + missed_final).label("confirmed_rate"),
        _rate(met_counted, met_counted + missed_counted).label("indicative_rate"),
    ]


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
    """Counts per status and the rates of one unit or plan."""

    key: int
    name: str
    targets: int
    counts: dict[str, int]
    met_final: int
    missed_final: int
    met_indicative: int
    missed_indicative: int

    @property
    def confirmed_rate(self) -> Decimal | None:
        return _exact_rate(self.met_final, self.missed_final)

    @property
    def indicative_rate(self) -> Decimal | None:
        return _exact_rate(self.met_indicative, self.missed_indicative)


def _exact_rate(met: int, missed: int) -> Decimal | None:
    # Exact from the counts; the SQL rate column is for sorting only.
    return None if met + missed == 0 else Decimal(met) / Decimal(met + missed)


def rollup_from_row(row: dict[str, Any], *, name_column: str = "name") -> Rollup:
    return Rollup(
        key=int(row["id"]),
        name=row[name_column],
        targets=int(row["targets"]),
        counts={status: int(row[status]) for status in STATUSES},
        met_final=int(row["met_final"]),
        missed_final=int(row["missed_final"]),
        met_indicative=int(row["met_indicative"]),
        missed_indicative=int(row["missed_indicative"]),
    )


def unit_rollups(*, lead_only: bool, plan_id: int | None = None) -> list[Rollup]:
    """Units by confirmed rate, then indicative rate, then name."""
    ensure_fresh()
    query = unit_rollup_select(lead_only=lead_only, plan_id=plan_id).order_by(
        sa.desc(sa.literal_column("confirmed_rate")).nulls_last(),
        sa.desc(sa.literal_column("indicative_rate")).nulls_last(),
        unit.c.name,
    )
    return [rollup_from_row(row) for row in run_select(query)]


def plan_rollups(*, plan_id: int | None = None) -> list[Rollup]:
    ensure_fresh()
    query = plan_rollup_select(plan_id=plan_id).order_by(plan.c.title)
    return [rollup_from_row(row, name_column="title") for row in run_select(query)]
