"""Freshness check and the plan list / unit ranking reads: before (a join of
every target against its stored status; aggregates over every assignment)
and after (the marker row; stored rollups). PostgreSQL only; not part of the
test run.

    createdb -h 127.0.0.1 -U postgres tracker_bench
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tracker_bench \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tracker_bench \\
        .venv/bin/python benchmarks/status_rollups.py --plans 3000 --targets 100 --units 2000

Fills the empty database with synthetic plans, targets, two assignments per
target and stored statuses (straight SQL), builds the stored rollups, then
prints the median of each read and the ratio old / new, measured in the
same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

import sqlalchemy as sa  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from tracker import selectors  # noqa: E402
from tracker.analytics import assessments, stored_rollups  # noqa: E402
from tracker.analytics.rollups import (  # noqa: E402
    plan_rollup_select,  # noqa: E402
    unassigned_rollup_select,
    unit_rollup_select,
)
from tracker.db import run_select  # noqa: E402
from tracker.schema import assessment, plan, target  # noqa: E402

FILL = """
INSERT INTO tracker_plan (slug, title, period_start, period_end, version, jurisdiction, issuer)
SELECT 'p' || g, '规划' || g, DATE '2021-01-01', DATE '2025-12-31', 1, '', ''
FROM generate_series(1, %(plans)s) g;
INSERT INTO tracker_unit (name, version) SELECT '单位' || g, 1 FROM generate_series(1, %(units)s) g;
INSERT INTO tracker_target (plan_id, code, statement, indicator, comparator, value, unit,
    period_start, period_end, measure, version)
SELECT p.id, 'T' || g, '增长7%%', '增速', 'at_least', 7, '%%',
    DATE '2021-01-01' + ((g %% 5) * 365), DATE '2021-12-31' + ((g %% 5) * 365), 'rate', 1
FROM tracker_plan p, generate_series(1, %(targets)s) g;
INSERT INTO tracker_assignment (target_id, unit_id, role, position, version)
SELECT t.id, (SELECT min(id) FROM tracker_unit) + (t.id * 7) %% %(units)s, 'lead', 0, 1
FROM tracker_target t WHERE t.id %% 10 <> 0;
INSERT INTO tracker_assignment (target_id, unit_id, role, position, version)
SELECT t.id, (SELECT min(id) FROM tracker_unit) + (t.id * 13 + 1) %% %(units)s, 'support', 1, 1
FROM tracker_target t WHERE (t.id * 7) %% %(units)s <> (t.id * 13 + 1) %% %(units)s;
INSERT INTO tracker_assessment (target_id, as_of, status, grade, indicative, reason_code,
    reason_params)
SELECT t.id, CURRENT_DATE,
    (ARRAY['met','missed','on_track','off_track','overdue','no_data'])[1 + t.id %% 6],
    CASE WHEN t.id %% 6 < 2 THEN 'final' END, false, 'no_figure', '{}'
FROM tracker_target t;
"""


def timed(run, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def page(select: sa.Select, order: list) -> None:
    count = sa.select(sa.func.count()).select_from(select.order_by(None).subquery())
    run_select(count)
    run_select(select.order_by(*order).limit(25))


def old_is_fresh() -> None:
    stale = (
        sa.select(sa.func.count().label("stale"))
        .select_from(target.outerjoin(assessment, assessment.c.target_id == target.c.id))
        .where(
            sa.or_(assessment.c.target_id.is_(None), assessment.c.as_of != sa.func.current_date())
        )
    )
    run_select(stale)


def old_ranking(lead_only: bool) -> sa.Select:
    rows = sa.union_all(
        unit_rollup_select(lead_only=lead_only), unassigned_rollup_select(lead_only=lead_only)
    ).subquery("ranking")
    return sa.select(*rows.c)


def old_plan_list() -> sa.Select:
    rollup = plan_rollup_select().subquery("rollup")
    return sa.select(plan.c.id, plan.c.title, *rollup.c).select_from(
        plan.outerjoin(rollup, rollup.c.id == plan.c.id)
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--targets", type=int, default=100, help="per plan")
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "PostgreSQL only"
    if not run_select(sa.select(target.c.id).limit(1)):
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                FILL, {"plans": args.plans, "targets": args.targets, "units": args.units}
            )
        print(f"filled in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        with transaction.atomic():
            stored_rollups.rebuild()
        print(f"full rollup rebuild: {time.perf_counter() - start:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    n = run_select(sa.select(sa.func.count()).select_from(target))[0]["count_1"]
    print(f"targets: {n}")
    rows = []
    behind = sa.desc(sa.literal_column("behind"))
    name = sa.literal_column("name")
    cases = [
        ("freshness check", old_is_fresh, assessments.freshness),
        (
            "/units/ data (lead)",
            lambda: page(old_ranking(True), [behind, name]),
            lambda: page(selectors.unit_ranking_select(lead_only=True), [behind, name]),
        ),
        (
            "/units/ data (all)",
            lambda: page(old_ranking(False), [behind, name]),
            lambda: page(selectors.unit_ranking_select(lead_only=False), [behind, name]),
        ),
        (
            "/ data",
            lambda: page(old_plan_list(), [plan.c.title]),
            lambda: page(selectors.plan_list_select(), [plan.c.title]),
        ),
    ]
    for label, old, new in cases:
        before, after = timed(old, args.repeat), timed(new, args.repeat)
        rows.append((label, before, after))
        print(f"{label:22} old {before:9.1f} ms  new {after:7.2f} ms  ratio {before / after:7.1f}")
    plan_id = run_select(sa.select(sa.func.max(plan.c.id)))[0]["max_1"]

    def one_plan() -> None:
        with transaction.atomic():
            stored_rollups.rebuild([plan_id])
            transaction.set_rollback(True)

    print(
        f"rebuild of one plan's rollups (per service write): {timed(one_plan, args.repeat):.1f} ms"
    )

    def no_due() -> None:
        run_select(assessments.due_select(assessments.today()))

    print(f"refresh_statuses scan for due targets (nothing due): {timed(no_due, 3):.0f} ms")


if __name__ == "__main__":
    main()
