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
target to one plan. A rebuild of some plans rewrites their rows and moves
the all-plan rows by the difference (only the units whose counts changed),
in at most ten queries whatever their size; writers of different plans do not wait
for each other (per-plan locks, ``_lock``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from django.db import connection

from tracker.analytics.rollups import count_expressions
from tracker.db import execute_many, run_select, run_statement
from tracker.deferral import Deferral
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
_deferral = Deferral("tracker_rollups_pending")
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


def _all_plan_rows() -> sa.Select:
    """Each unit's (and the unassigned) rows over every plan: sums of its
    per-plan rows."""
    return (
        sa.select(
            _r.scope,
            sa.cast(sa.null(), _r.plan_id.type).label("plan_id"),
            _r.unit_id,
            *(sa.func.sum(_r[name]).label(name) for name in ROLLUP_COUNT_COLUMNS),
        )
        .where(_r.plan_id.is_not(None))
        .group_by(_r.scope, _r.unit_id)
    )


def _per_plan_unit_rows(
    plan_ids: list[int] | None, units: list[int] | None = None, unassigned: bool = True
) -> sa.CompoundSelect | None:
    """The per-plan unit rows of these plans: every unit's, or only those of
    ``units`` (and the unassigned rows when ``unassigned``)."""
    parts: list[sa.Select] = []
    for scope in ROLLUP_SCOPES:
        if units is None:
            parts.append(_unit_rows(scope, plan_ids))
        elif units:
            parts.append(_unit_rows(scope, plan_ids).where(assignment.c.unit_id.in_(units)))
        if unassigned:
            parts.append(_unassigned_rows(scope, plan_ids))
    return sa.union_all(*parts) if parts else None


@contextmanager
def deferred() -> Iterator[None]:
    """Within the block, rebuilds of some plans wait and run once at its
    end, for every plan asked: an import of 20,000 targets rewrites each
    plan's rollups once, not once per row. Use inside the writes'
    transaction; nested blocks join the outer one."""
    with _deferral.gather() as plans:
        yield
    if plans:
        rebuild(plans)


# PostgreSQL advisory locks of the rewrites (docs/architecture.md section 8):
# a full rebuild takes REWRITE_LOCK alone; a rebuild of some plans shares it
# and takes one lock per plan (PLAN_LOCKS, plan id) and, for the rows over
# every plan it changes, one per unit (UNIT_LOCKS, unit id; 0 for the
# unassigned row). The one-key and two-key spaces do not overlap.
REWRITE_LOCK = 0x74726B72  # "trkr"
PLAN_LOCKS = 0x74726B70  # "trkp"
UNIT_LOCKS = 0x74726B75  # "trku"
_INT4 = 2**31


def _lock_everything() -> None:
    """A full rebuild waits for the rebuilds of some plans under way and
    holds them off until it commits."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REWRITE_LOCK])


def _lock(space: int, keys: Iterable[int]) -> None:
    """Transaction-scoped locks on these keys, always in ascending order (two
    writers never wait on each other crosswise). Under READ COMMITTED a
    second DELETE does not see the rows a first transaction inserted, and its
    INSERT would duplicate them: writers of the same plan (or unit) take
    turns, each statement after the lock seeing what the previous one
    committed. Writers of other plans do not wait. SQLite lets one writer in
    at a time already."""
    if connection.vendor != "postgresql":
        return
    ordered = sorted({int(key) % _INT4 for key in keys})
    if not ordered:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [REWRITE_LOCK])
        cursor.execute(
            "SELECT count(pg_advisory_xact_lock(%s, keys.k)) FROM"
            " (SELECT unnest(%s::int[]) AS k ORDER BY 1) AS keys",
            [space, ordered],
        )


def rebuild(plan_ids: Iterable[int] | None = None, *, targets: Iterable[int] | None = None) -> None:
    """Rewrite the stored rollups of these plans (all when None) from the
    stored statuses and assignments. Call inside the transaction that
    changed them (inside ``deferred()``, the plans wait for its end).

    Some plans: their own rows are rewritten; the rows over every plan move
    by the difference the rewrite made, so only the units whose counts
    changed are written, whatever the size of the plan. ``targets``: only
    these targets' statuses changed (or they moved between the plans), not
    who answers for anything: only the rows of their units (and the
    unassigned rows, if one of them has no lead) are rewritten, so one
    outcome on a plan of 20,000 targets recomputes two or three units' rows,
    not the plan's hundreds."""
    if plan_ids is not None and _deferral.keep(plan_ids):
        return
    if plan_ids is None:
        _lock_everything()
        run_statement(unit_rollup.delete())
        run_statement(plan_rollup.delete())
        run_statement(
            plan_rollup.insert().from_select(["plan_id", *ROLLUP_COUNT_COLUMNS], _plan_rows(None))
        )
        run_statement(unit_rollup.insert().from_select(list(_ROW), _per_plan_unit_rows(None)))
        run_statement(unit_rollup.insert().from_select(list(_ROW), _all_plan_rows()))
        return
    chosen = sorted({int(plan_id) for plan_id in plan_ids})
    if not chosen:
        return
    units, unassigned = (None, True) if targets is None else _responsible(list(targets))
    _lock(PLAN_LOCKS, chosen)
    rows = _r.plan_id.in_(chosen)
    if units is not None:
        mine = [_r.unit_id.in_(units)] if units else []
        rows = sa.and_(rows, sa.or_(*mine, *([_r.unit_id.is_(None)] if unassigned else [])))
    before = _sums(rows)
    run_statement(plan_rollup.delete().where(plan_rollup.c.plan_id.in_(chosen)))
    run_statement(
        plan_rollup.insert().from_select(["plan_id", *ROLLUP_COUNT_COLUMNS], _plan_rows(chosen))
    )
    fresh = _per_plan_unit_rows(chosen, units, unassigned)
    if fresh is None:
        return
    run_statement(unit_rollup.delete().where(rows))
    run_statement(unit_rollup.insert().from_select(list(_ROW), fresh))
    _move_all_plan_rows(before, _sums(rows))


def _responsible(target_ids: list[int]) -> tuple[list[int], bool]:
    """The units with an assignment on these targets, and whether one of
    them has no lead unit (it counts in the unassigned rows)."""
    if not target_ids:
        return [], False
    query = sa.select(assignment.c.target_id, assignment.c.unit_id, assignment.c.role).where(
        assignment.c.target_id.in_(target_ids)
    )
    found = run_select(query)
    led = {int(row["target_id"]) for row in found if row["role"] == "lead"}
    units = sorted({int(row["unit_id"]) for row in found})
    return units, bool(set(target_ids) - led)


Key = tuple[str, int | None]


def _sums(rows: sa.ColumnElement) -> dict[Key, tuple[int, ...]]:
    """The per-plan rows chosen by ``rows`` summed per (scope, unit): what
    they add to the rows over every plan."""
    query = (
        sa.select(
            _r.scope,
            _r.unit_id,
            *(sa.func.sum(_r[name]).label(name) for name in ROLLUP_COUNT_COLUMNS),
        )
        .where(rows)
        .group_by(_r.scope, _r.unit_id)
    )
    return {
        (row["scope"], None if row["unit_id"] is None else int(row["unit_id"])): tuple(
            int(row[name] or 0) for name in ROLLUP_COUNT_COLUMNS
        )
        for row in run_select(query)
    }


def _move_all_plan_rows(
    before: dict[Key, tuple[int, ...]], after: dict[Key, tuple[int, ...]]
) -> None:
    """Add ``after - before`` to the rows over every plan: only the units
    whose counts changed, each under its unit's lock; a row whose targets
    drop to none goes (a full rebuild has no row for it)."""
    zero = (0,) * len(ROLLUP_COUNT_COLUMNS)
    delta: dict[Key, tuple[int, ...]] = {}
    for key in before.keys() | after.keys():
        moved = tuple(
            a - b for a, b in zip(after.get(key, zero), before.get(key, zero), strict=True)
        )
        if any(moved):
            delta[key] = moved
    if not delta:
        return
    units = sorted({unit_id for _scope, unit_id in delta if unit_id is not None})
    _lock(UNIT_LOCKS, [0 if unit_id is None else unit_id for _scope, unit_id in delta])
    ids = sa.or_(_r.unit_id.in_(units), _r.unit_id.is_(None)) if units else _r.unit_id.is_(None)
    existing = {
        (row["scope"], None if row["unit_id"] is None else int(row["unit_id"])): row
        for row in run_select(
            sa.select(_r.id, _r.scope, _r.unit_id, *(_r[n] for n in ROLLUP_COUNT_COLUMNS)).where(
                _r.plan_id.is_(None), ids
            )
        )
    }
    gone, rows = [], []
    for key in sorted(delta, key=lambda k: (k[0], k[1] is None, k[1] or 0)):
        stored = existing.get(key)
        base = zero if stored is None else tuple(int(stored[n]) for n in ROLLUP_COUNT_COLUMNS)
        counts = tuple(b + d for b, d in zip(base, delta[key], strict=True))
        if stored is not None:
            gone.append(int(stored["id"]))
        if counts[0] > 0:  # "targets": a unit with none has no row
            rows.append(
                {"scope": key[0], "plan_id": None, "unit_id": key[1]}
                | dict(zip(ROLLUP_COUNT_COLUMNS, counts, strict=True))
            )
    if gone:
        run_statement(unit_rollup.delete().where(_r.id.in_(gone)))
    execute_many(unit_rollup.insert(), rows)


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
