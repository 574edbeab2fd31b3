"""Plans in batches, by keyset on the slug: how the exports and the
``attainment`` command walk a national data set in flat memory (issue 11).

Each batch is a few whole plans (a plan is never split: its targets are
sorted by code together), about ``TARGETS_PER_BATCH`` selected targets in
all (the first about ``FIRST_BATCH``, so a stream's first row comes soon),
one plan at least whatever its size. A batch is found by one indexed
query: the next plans after the last slug (the unique index on the slug
orders them), each with its number of selected targets. Memory is bounded by
the batch, not by the data set; the statement count grows with the number
of batches, never with the number of targets inside one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa

from tracker.db import run_select
from tracker.schema import plan, target

# About 40 plans of 100 targets: a batch's queries take tens of
# milliseconds on PostgreSQL, so the first row comes well within a second.
TARGETS_PER_BATCH = 4000
# The first batch is smaller, so the first row of a stream comes sooner.
FIRST_BATCH = 500
# How many plans one keyset query looks ahead.
PLANS_PER_LOOKUP = 200


@dataclass(frozen=True)
class Batch:
    """Plans, in slug order, and how many selected targets they hold."""

    plan_ids: list[int]
    targets: int


def _lookup(selection: sa.ColumnElement | None, after: str | None, limit: int) -> sa.Select:
    selected = sa.select(sa.func.count()).select_from(target).where(target.c.plan_id == plan.c.id)
    if selection is not None:
        selected = selected.where(selection)
    counted = selected.scalar_subquery()
    holds = sa.select(target.c.id).where(target.c.plan_id == plan.c.id)
    if selection is not None:
        holds = holds.where(selection)
    query = (
        sa.select(plan.c.id, plan.c.slug, counted.label("targets"))
        .where(sa.exists(holds))
        .order_by(plan.c.slug)
    )
    if after is not None:
        query = query.where(plan.c.slug > after)
    return query.limit(limit)


def plan_batches(
    selection: sa.ColumnElement | None = None,
    *,
    targets_per_batch: int = TARGETS_PER_BATCH,
    plans_per_lookup: int = PLANS_PER_LOOKUP,
) -> Iterator[Batch]:
    """Batches of the plans that hold a target of ``selection`` (a condition
    on ``tracker_target``; None: every plan with targets), in slug order.

    One query per batch, lazily: a plan created meanwhile is seen if its
    slug comes after the batch being read.
    """
    after: str | None = None
    limit = min(FIRST_BATCH, targets_per_batch)
    while True:
        rows = run_select(_lookup(selection, after, plans_per_lookup))
        taken: list[dict] = []
        total = 0
        for row in rows:
            count = int(row["targets"])
            if count == 0:  # its targets went meanwhile
                continue
            if taken and total + count > limit:
                break
            taken.append(row)
            total += count
        if taken:
            after = taken[-1]["slug"]
            yield Batch([int(row["id"]) for row in taken], total)
            limit = targets_per_batch
        elif rows:
            after = rows[-1]["slug"]
        if len(rows) < plans_per_lookup and len(taken) == sum(
            1 for row in rows if int(row["targets"])
        ):
            return
