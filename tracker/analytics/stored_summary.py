"""The ``attainment`` summary's numbers from the stored rollups (issue 11).

``manage.py attainment`` tallies every target's status per plan and per unit
(``tracker.domain.rollup.RollupTally``). When the stored statuses are valid
for the date asked (``statuses_valid_for``: the refresh marker says that
date and no selected target lacks a stored status), the same numbers are
already summed: ``tracker_plan_rollup`` and ``tracker_unit_rollup`` hold,
per plan and per unit (lead and all assignments, over one plan or every
plan, and the unassigned row), the counts a tally makes, kept in step with
the stored statuses in the same transaction (``stored_rollups``). Reading
them costs two queries over plans + units rows, whatever the number of
targets, instead of recomputing every status.

Why the numbers agree: a stored status is ``assess`` for the marker's date
(the recompute path's rule, same date, same figures), and each rollup count
is the tally's: per status, met/missed over final (confirmed) and over
final or later (indicative) evidence, due = the period ended before the
status's date (``period_is_over``), reported = due with a final figure.
``tests/test_summary_stored.py`` compares the two summaries on both
databases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from tracker.analytics.assessments import statuses_as_of
from tracker.db import run_select
from tracker.domain import Rate, Reporting, RollupResult
from tracker.schema import assessment, plan, plan_rollup, target, unit, unit_rollup
from tracker.vocabulary import STATUSES

__all__ = ["StoredLine", "plan_lines", "statuses_valid_for", "unit_lines"]

_r = unit_rollup.c


@dataclass(frozen=True)
class StoredLine:
    """A plan (slug, title) or unit (name, title "") and its rollup; the
    unassigned line has key None and name ""."""

    key: int | None
    name: str
    title: str
    result: RollupResult


def statuses_valid_for(as_of: date, *, plan_id: int | None = None) -> bool:
    """True when the stored statuses (and so the rollups) are those of
    ``as_of`` for every selected target: the marker says that date, and no
    target (of ``plan_id``, when given) lacks a stored status (one written
    by a path that bypassed the services). Two queries."""
    if statuses_as_of() != as_of:
        return False
    missing = (
        sa.select(target.c.id)
        .select_from(target.outerjoin(assessment, assessment.c.target_id == target.c.id))
        .where(assessment.c.target_id.is_(None))
    )
    if plan_id is not None:
        missing = missing.where(target.c.plan_id == plan_id)
    return not run_select(missing.limit(1))


def _side(row: dict[str, Any] | None) -> tuple[dict[str, int], Rate, Rate, Reporting]:
    """Counts, confirmed and indicative rates, reporting of one stored row
    (all zeros when there is none: a unit that leads nothing)."""
    if row is None:
        return dict.fromkeys(STATUSES, 0), Rate(), Rate(), Reporting()
    return (
        {status: int(row[status]) for status in STATUSES},
        Rate(int(row["met_final"]), int(row["missed_final"])),
        Rate(int(row["met_indicative"]), int(row["missed_indicative"])),
        Reporting(reported=int(row["reported"]), due=int(row["due"])),
    )


def _result(every: dict[str, Any] | None, lead: dict[str, Any] | None) -> RollupResult:
    counts, confirmed, indicative, reporting = _side(every)
    lead_counts, lead_confirmed, lead_indicative, lead_reporting = _side(lead)
    return RollupResult(
        counts=counts,
        lead_counts=lead_counts,
        confirmed=confirmed,
        indicative=indicative,
        lead_confirmed=lead_confirmed,
        lead_indicative=lead_indicative,
        reporting=reporting,
        lead_reporting=lead_reporting,
    )


def plan_lines(*, plan_id: int | None = None) -> list[StoredLine]:
    """Each plan with targets (every target once: its lead side is its
    whole). Unordered. One query."""
    query = sa.select(plan.c.slug, plan.c.title, plan_rollup).select_from(
        plan_rollup.join(plan, plan.c.id == plan_rollup.c.plan_id)
    )
    if plan_id is not None:
        query = query.where(plan_rollup.c.plan_id == plan_id)
    return [
        StoredLine(int(row["plan_id"]), row["slug"], row["title"], _result(row, row))
        for row in run_select(query)
    ]


def unit_lines(*, plan_id: int | None = None) -> list[StoredLine]:
    """Each unit with an assignment (in ``plan_id``, or in any plan), its
    rollup over all assignments and over lead ones; the unassigned line
    (key None) when some target has no lead unit. Unordered. One query."""
    query = (
        sa.select(unit.c.name, unit_rollup)
        .select_from(unit_rollup.outerjoin(unit, unit.c.id == _r.unit_id))
        .where(_r.plan_id.is_(None) if plan_id is None else _r.plan_id == plan_id)
    )
    scopes: dict[int | None, dict[str, dict[str, Any]]] = {}
    names: dict[int | None, str] = {}
    for row in run_select(query):
        key = None if row["unit_id"] is None else int(row["unit_id"])
        scopes.setdefault(key, {})[row["scope"]] = row
        names[key] = row["name"] or ""
    lines = []
    for key, rows in scopes.items():
        if key is None and "lead" not in rows:
            continue  # every target has a lead unit
        lines.append(StoredLine(key, names[key], "", _result(rows.get("all"), rows.get("lead"))))
    return lines
