"""Statuses: computed by the domain rules, stored for the pages.

``compute`` returns each target's ``Assessment`` as of any date, from the
figures known that day only (exports, ``--as-of`` and the pages' as-of view
use it directly). ``refresh`` stores today's in ``tracker_assessment`` so
pages filter, sort and page by status in the database; the services refresh
the targets they touch, and ``ensure_fresh`` rebuilds everything once the
date has moved on (``overdue`` starts the day after a period ends, and a
figure of an undated document becomes known when its period ends). Query
count is constant in the number of targets.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import sqlalchemy as sa
from django.db import connection, transaction
from django.utils import timezone
from sqlalchemy.dialects import postgresql, sqlite

from tracker.analytics.evidence import Evidence, best_evidence_by_target, ids, targets, today
from tracker.analytics.units import unit_registry
from tracker.db import execute_many, run_select
from tracker.domain import Assessment, TargetFacts, UnitRegistry, assess
from tracker.schema import assessment, target


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
def refresh(*, target_ids: list[int] | None = None, as_of: date | None = None) -> int:
    """Store the statuses of the given targets (all when None); returns how many."""
    as_of = as_of or today()
    target_filter = ids(target_ids) if target_ids is not None else None
    results = compute(as_of=as_of, target_filter=target_filter)
    if not results:
        return 0
    rows = [_row(target_id, result, as_of) for target_id, result in results.items()]
    execute_many(_upsert_statement(), rows)
    return len(rows)


def is_fresh(as_of: date | None = None) -> bool:
    """True when every target has a stored status for ``as_of``: one query."""
    as_of = as_of or today()
    stale = (
        sa.select(sa.func.count().label("stale"))
        .select_from(target.outerjoin(assessment, assessment.c.target_id == target.c.id))
        .where(sa.or_(assessment.c.target_id.is_(None), assessment.c.as_of != as_of))
    )
    return run_select(stale)[0]["stale"] == 0


def ensure_fresh(as_of: date | None = None) -> None:
    """Rebuild the stored statuses when the date has moved on or a target is new."""
    as_of = as_of or today()
    if not is_fresh(as_of):
        refresh(as_of=as_of)
