"""Statuses: computed by the domain rules, stored for the pages.

``compute`` returns each target's ``Assessment`` as of any date, from the
figures known that day only (exports, ``--as-of`` and the pages' as-of view
use it directly). ``refresh`` stores today's in ``tracker_assessment`` so
pages filter, sort and page by status in the database; the services refresh
the targets they touch, and ``refresh_due`` (``manage.py refresh_statuses``,
run daily) re-assesses the targets whose status can change because the date
moved on (``overdue`` starts the day after a period ends, and a figure
becomes known on its document's date, or when its period ends if the
document is undated). ``tracker_status_refresh`` records the date every
stored status is valid for; pages read it in one query (``freshness``) and
never rebuild statuses. Query count is constant in the number of targets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from django.db import connection, transaction
from django.utils import timezone
from sqlalchemy.dialects import postgresql, sqlite

from tracker.analytics import stored_rollups
from tracker.analytics.evidence import Evidence, best_evidence_by_target, ids, targets, today
from tracker.analytics.units import unit_registry
from tracker.db import execute_many, run_select, run_statement, to_date
from tracker.domain import Assessment, TargetFacts, UnitRegistry, assess
from tracker.schema import assessment, document, outcome, status_refresh, target

_s = assessment.c


def compute(
    *,
    as_of: date | None = None,
    target_filter: sa.ColumnElement | None = None,
    units: UnitRegistry | None = None,
) -> dict[int, Assessment]:
    """Each selected target's status as of ``as_of`` (default: today in
    Asia/Shanghai), from the figures known that day. Three queries whatever
    the number of targets (two when the caller passes the unit registry,
    as a caller that computes batch after batch does)."""
    as_of = as_of or today()
    units = units if units is not None else unit_registry()
    facts = targets(target_filter)
    evidence = best_evidence_by_target(target_filter, as_of=as_of)
    return assess_all(facts, evidence, as_of=as_of, units=units)


def assess_all(
    facts: Iterable[TargetFacts],
    evidence: dict[int, Evidence],
    *,
    as_of: date,
    units: UnitRegistry,
) -> dict[int, Assessment]:
    """The domain rules over targets and their evidence: no query."""
    results = {}
    for target_facts in facts:
        found = evidence.get(target_facts.id, Evidence())
        results[target_facts.id] = assess(
            target_facts,
            found.best,
            as_of=as_of,
            baseline=found.baseline,
            context=found.context,
            units=units,
        )
    return results


def _row(target_id: int, result: Assessment, as_of: date) -> dict:
    return {
        "target_id": target_id,
        "as_of": as_of,
        "status": result.status,
        "grade": result.grade,
        "outcome_id": result.evidence.id if result.evidence else None,
        "indicative": result.indicative,
        "progress_ratio": result.progress_ratio,
        "band": result.band,
        "reason_code": result.reason.code,
        "reason_params": result.reason.as_dict(),
        "computed_at": timezone.now(),
    }


def _upsert_statement() -> sa.Insert:
    insert = (postgresql if connection.vendor == "postgresql" else sqlite).insert(assessment)
    updated = {c.name: insert.excluded[c.name] for c in assessment.c if c.name != "target_id"}
    return insert.on_conflict_do_update(index_elements=["target_id"], set_=updated)


@transaction.atomic
def refresh(
    *,
    target_ids: list[int] | None = None,
    as_of: date | None = None,
    plan_ids: Iterable[int] = (),
) -> int:
    """Store the statuses of the given targets (all when None) and rewrite
    the stored rollups of their plans, plus ``plan_ids`` (a plan a target
    left), in the same transaction; returns how many statuses. A full
    refresh also marks ``as_of`` as the date every status is valid for."""
    as_of = as_of or today()
    count = _store(target_ids, as_of)
    if target_ids is None:
        stored_rollups.rebuild()
        mark_refreshed(as_of, count)
    else:
        # Only statuses (and plans, for a target that moved) changed: only
        # these targets' units' rows are rewritten.
        stored_rollups.rebuild(
            [*stored_rollups.plan_ids_of(target_ids), *plan_ids], targets=target_ids
        )
    return count


def _store(target_ids: list[int] | None, as_of: date) -> int:
    """Compute and upsert the statuses (rollups untouched), ``BATCH`` targets
    at a time: every target at once held 300,000 assessments (1 GB at 3M
    outcomes, docs/performance.md section 12); a batch holds 5,000."""
    if target_ids is None:
        everything = sa.select(target.c.id).order_by(target.c.id)
        target_ids = [int(row["id"]) for row in run_select(everything)]
    stored = 0
    for start in range(0, len(target_ids), BATCH):
        chosen = target_ids[start : start + BATCH]
        results = compute(as_of=as_of, target_filter=ids(chosen))
        rows = [_row(target_id, result, as_of) for target_id, result in results.items()]
        execute_many(_upsert_statement(), rows)
        stored += len(rows)
    return stored


MARKER_ID = 1


def statuses_as_of() -> date | None:
    """The date every stored status is valid for (None before the first
    full refresh): one primary-key read, whatever the number of targets."""
    rows = run_select(sa.select(status_refresh.c.as_of).where(status_refresh.c.id == MARKER_ID))
    return to_date(rows[0]["as_of"]) if rows else None


@dataclass(frozen=True)
class Freshness:
    """What a page says about the stored statuses: the date they are valid
    for (None: never fully refreshed) and whether that is before today."""

    as_of: date | None
    today: date

    @property
    def stale(self) -> bool:
        return self.as_of is None or self.as_of < self.today


def freshness() -> Freshness:
    """The marker against today: one query, never a rebuild."""
    return Freshness(as_of=statuses_as_of(), today=today())


def mark_refreshed(as_of: date, targets: int) -> None:
    """Record that every stored status is now valid for ``as_of``; nothing
    written when it already says so and nothing was re-assessed."""
    if targets == 0 and statuses_as_of() == as_of:
        return
    insert = (postgresql if connection.vendor == "postgresql" else sqlite).insert(status_refresh)
    values = {"id": MARKER_ID, "as_of": as_of, "refreshed_at": timezone.now(), "targets": targets}
    statement = insert.values(**values).on_conflict_do_update(
        index_elements=["id"], set_={k: v for k, v in values.items() if k != "id"}
    )
    run_statement(statement)


# -- the daily refresh -----------------------------------------------------------

# Why a target's stored status is re-assessed (``refresh_due``).
DUE_REASONS = ("new", "period_end", "figure_known", "touched")
# Targets per ``refresh`` call: keeps the IN list under every driver's
# parameter limit and a year-end refresh in bounded memory.
BATCH = 5000


def due_select(as_of: date) -> sa.Select:
    """The targets whose stored status may differ on ``as_of``, one row each
    with a flag per reason (docs/attainment.md: overdue starts the day after
    a period ends; a figure counts from its document's date, or from the end
    of its period when the document is undated):

    - ``new``: no stored status;
    - ``period_end``: the period ends between the stored status's date and
      ``as_of`` (either way), so "over" flips;
    - ``figure_known``: one of its figures becomes known (or unknown, going
      back) between those dates;
    - ``touched``: the target or one of its outcomes changed after its status
      was computed (a write that bypassed the services).
    """
    stored_on = _s.as_of
    low = sa.case((stored_on < as_of, stored_on), else_=sa.literal(as_of, sa.Date()))
    high = sa.case((stored_on > as_of, stored_on), else_=sa.literal(as_of, sa.Date()))
    known_on = sa.func.coalesce(document.c.published_on, outcome.c.period_end)
    figure_known = sa.exists(
        sa.select(outcome.c.id)
        .select_from(outcome.outerjoin(document, document.c.id == outcome.c.document_id))
        .where(outcome.c.target_id == target.c.id, known_on > low, known_on <= high)
    )
    touched = sa.or_(
        target.c.updated_at > _s.computed_at,
        sa.exists(
            sa.select(outcome.c.id).where(
                outcome.c.target_id == target.c.id, outcome.c.updated_at > _s.computed_at
            )
        ),
    )
    new = _s.target_id.is_(None)
    period_end = sa.and_(target.c.period_end >= low, target.c.period_end < high)
    moved = sa.and_(stored_on != as_of, sa.or_(period_end, figure_known))
    flags = {
        "new": new,
        "period_end": sa.and_(~new, stored_on != as_of, period_end),
        "figure_known": sa.and_(~new, stored_on != as_of, figure_known),
        "touched": sa.and_(~new, touched),
    }
    return (
        sa.select(
            target.c.id,
            target.c.plan_id,
            *(sa.case((condition, 1), else_=0).label(name) for name, condition in flags.items()),
        )
        .select_from(target.outerjoin(assessment, _s.target_id == target.c.id))
        .where(sa.or_(new, moved, touched))
        .order_by(target.c.id)
    )


@dataclass(frozen=True)
class RefreshReport:
    """What ``refresh_due`` did: the date, the targets re-assessed, and how
    many were due for each reason (a target may have several)."""

    as_of: date
    target_ids: list[int]
    reasons: dict[str, int]
    full: bool = False


@transaction.atomic
def refresh_due(as_of: date | None = None, *, full: bool = False) -> RefreshReport:
    """Bring every stored status to ``as_of`` (default today): only the due
    targets (``due_select``), or all with ``full``; then mark the date. Run
    again on the same date it re-assesses nothing (idempotent)."""
    as_of = as_of or today()
    if full:
        count = refresh(as_of=as_of)
        return RefreshReport(as_of, [], {"all": count}, full=True)
    rows = run_select(due_select(as_of))
    target_ids = [int(row["id"]) for row in rows]
    _store(target_ids, as_of)
    stored_rollups.rebuild({int(row["plan_id"]) for row in rows})
    mark_refreshed(as_of, len(target_ids))
    reasons = {name: sum(int(row[name]) for row in rows) for name in DUE_REASONS}
    return RefreshReport(as_of, target_ids, reasons)
