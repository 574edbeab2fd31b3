"""The rollups of the plan list and the unit ranking, stored
(``tracker_plan_rollup``, ``tracker_unit_rollup``; docs/architecture.md
section 8).

Their numbers are those of ``tracker.analytics.rollups`` (docs/attainment.md
section 7) over the stored statuses; they are rewritten, plan by plan, in
the transaction that writes statuses (``assessments.refresh``) or changes
who answers for a target (``rebuild`` from the assignment services), so a
page reads finished rows and counts them with a plain ``COUNT(*)``.

Rows per plan: the plan's own; per unit and scope (lead assignments only, or
all) the unit's within the plan, and the unassigned row (unit NULL). Rows
over every plan (plan NULL) are the sums of a unit's per-plan rows: every
count is additive, since each assignment belongs to one target and each
target to one plan. A rebuild of some plans rewrites their rows and the
all-plan rows of the units they touch (before or after), in seven queries
whatever their size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import sqlalchemy as sa
from django.db import connection

from tracker.analytics.rollups import count_expressions
from tracker.db import run_select, run_statement
from tracker.schema import (
    ROLLUP_COUNT_COLUMNS,
    ROLLUP_SCOPES,
    assessment,
    assignment,
    plan_rollup,
    target,
    unit_rollup,
)

_r = unit_rollup.c
# Plans whose rebuild waits for the end of a ``deferred()`` block.
_pending: ContextVar[set[int] | None] = ContextVar("tracker_rollups_pending", default=None)
_ROW = ("scope", "plan_id", "unit_id", *ROLLUP_COUNT_COLUMNS)


def _counts() -> list[sa.ColumnElement]:
    return [expression.label(name) for name, expression in count_expressions().items()]


def _in_plans(plan_ids: list[int] | None) -> sa.ColumnElement:
    return sa.true() if plan_ids is None else target.c.plan_id.in_(plan_ids)


def _plan_rows(plan_ids: list[int] | None) -> sa.Select:
    return (
        sa.select(target.c.plan_id, *_counts())
        .select_from(target.join(assessment, assessment.c.target_id == target.c.id))
        .where(_in_plans(plan_ids))
        .group_by(target.c.plan_id)
    )


def _unit_rows(scope: str, plan_ids: list[int] | None) -> sa.Select:
    query = (
        sa.select(
            sa.literal(scope, unit_rollup.c.scope.type).label("scope"),
            target.c.plan_id,
            assignment.c.unit_id,
            *_counts(),
        )
        .select_from(
            assignment.join(target, assignment.c.target_id == target.c.id).join(
                assessment, assessment.c.target_id == target.c.id
            )
        )
        .where(_in_plans(plan_ids))
        .group_by(target.c.plan_id, assignment.c.unit_id)
    )
    return query.where(assignment.c.role == "lead") if scope == "lead" else query


def _unassigned_rows(scope: str, plan_ids: list[int] | None) -> sa.Select:
    """Targets no unit (no lead unit, for ``lead``) answers for, per plan."""
    responsible = sa.select(assignment.c.id).where(assignment.c.target_id == target.c.id)
    if scope == "lead":
        responsible = responsible.where(assignment.c.role == "lead")
    return (
        sa.select(
            sa.literal(scope, unit_rollup.c.scope.type).label("scope"),
            target.c.plan_id,
            sa.cast(sa.null(), unit_rollup.c.unit_id.type).label("unit_id"),
            *_counts(),
        )
        .select_from(target.join(assessment, assessment.c.target_id == target.c.id))
        .where(_in_plans(plan_ids), ~sa.exists(responsible))
        .group_by(target.c.plan_id)
    )


def _all_plan_rows(unit_ids: list[int] | None) -> sa.Select:
    """Each unit's (and the unassigned) rows over every plan: sums of its
    per-plan rows."""
    query = sa.select(
        _r.scope,
        sa.cast(sa.null(), _r.plan_id.type).label("plan_id"),
        _r.unit_id,
        *(sa.func.sum(_r[name]).label(name) for name in ROLLUP_COUNT_COLUMNS),
    ).where(_r.plan_id.is_not(None))
    if unit_ids is not None:
        query = query.where(sa.or_(_r.unit_id.in_(unit_ids), _r.unit_id.is_(None)))
    return query.group_by(_r.scope, _r.unit_id)


def _per_plan_unit_rows(plan_ids: list[int] | None) -> sa.CompoundSelect:
    parts = []
    for scope in ROLLUP_SCOPES:
        parts += [_unit_rows(scope, plan_ids), _unassigned_rows(scope, plan_ids)]
    return sa.union_all(*parts)


@contextmanager
def deferred() -> Iterator[None]:
    """Within the block, rebuilds of some plans wait and run once at its
    end, for every plan asked: an import of 20,000 targets rewrites each
    plan's rollups once, not once per row. Use inside the writes'
    transaction; nested blocks join the outer one."""
    if _pending.get() is not None:
        yield
        return
    token = _pending.set(set())
    try:
        yield
        plans = _pending.get()
    finally:
        _pending.reset(token)
    if plans:
        rebuild(plans)


# The key of the PostgreSQL advisory lock that serialises rollup rewrites.
REWRITE_LOCK = 0x74726B72  # "trkr"


def _one_rewrite_at_a_time() -> None:
    """Concurrent writers rewrite overlapping rows (their plans' and the rows
    across all plans). Under READ COMMITTED a second DELETE does not see the
    rows a first transaction inserted, and its INSERT then collides with
    them. On PostgreSQL a transaction-scoped advisory lock makes rewrites take
    turns (each statement after it sees what the previous one committed);
    SQLite lets one writer in at a time already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REWRITE_LOCK])


def rebuild(plan_ids: Iterable[int] | None = None) -> None:
    """Rewrite the stored rollups of these plans (all when None) from the
    stored statuses and assignments. Call inside the transaction that
    changed them (inside ``deferred()``, the plans wait for its end)."""
    pending = _pending.get()
    if pending is not None and plan_ids is not None:
        pending.update(int(plan_id) for plan_id in plan_ids)
        return
    _one_rewrite_at_a_time()
    if plan_ids is None:
        run_statement(unit_rollup.delete())
        run_statement(plan_rollup.delete())
        chosen: list[int] | None = None
        units: list[int] | None = None
    else:
        chosen = sorted({int(plan_id) for plan_id in plan_ids})
        if not chosen:
            return
        touched = sa.union(
            sa.select(_r.unit_id.label("unit_id")).where(
                _r.plan_id.in_(chosen), _r.unit_id.is_not(None)
            ),
            sa.select(assignment.c.unit_id.label("unit_id"))
            .select_from(assignment.join(target, assignment.c.target_id == target.c.id))
            .where(target.c.plan_id.in_(chosen)),
        )
        units = [int(row["unit_id"]) for row in run_select(touched)]
        run_statement(plan_rollup.delete().where(plan_rollup.c.plan_id.in_(chosen)))
        run_statement(
            unit_rollup.delete().where(
                sa.or_(
                    _r.plan_id.in_(chosen),
                    sa.and_(
                        _r.plan_id.is_(None), sa.or_(_r.unit_id.in_(units), _r.unit_id.is_(None))
                    ),
                )
            )
        )
    run_statement(
        plan_rollup.insert().from_select(["plan_id", *ROLLUP_COUNT_COLUMNS], _plan_rows(chosen))
    )
    run_statement(unit_rollup.insert().from_select(list(_ROW), _per_plan_unit_rows(chosen)))
    run_statement(unit_rollup.insert().from_select(list(_ROW), _all_plan_rows(units)))


def plan_ids_of(target_ids: Iterable[int]) -> list[int]:
    """The plans these targets belong to (one query)."""
    wanted = list(target_ids)
    if not wanted:
        return []
    query = sa.select(target.c.plan_id).where(target.c.id.in_(wanted)).distinct()
    return [int(row["plan_id"]) for row in run_select(query)]


def fill_if_empty() -> bool:
    """Build every stored rollup when there are stored statuses but no
    rollups (a database upgraded to revision 0006_rollups); True if built."""
    has_rollups = run_select(sa.select(plan_rollup.c.plan_id).limit(1))
    has_statuses = run_select(sa.select(assessment.c.target_id).limit(1))
    if has_rollups or not has_statuses:
        return False
    rebuild()
    return True
