"""Benchmark: the attainment CSV export against a naive per-target ORM loop.

Run: ``.venv/bin/python benchmarks/export_attainment.py [--sizes 200,2000,10000]``

Builds plans of N targets (two units, and a mix of final, interim, later,
draft and no outcomes, so every common status occurs) in a scratch database
that is thrown away afterwards: a temporary SQLite file by default, or, when
``DATABASE_URL`` names a PostgreSQL database, a new database created beside
it and dropped at the end. The developer's ``db.sqlite3`` is never touched.

For each N it times the export (``attainment_rows`` through ``csv_chunks``,
the constant-query path) and a naive loop (one ORM query per target for its
units and one for its outcomes, then the same domain rules), and prints rows
per second, the speed-up and how time per row scales against the smallest N.
Figures only: nothing is asserted, timings vary by machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AS_OF = date(2021, 6, 30)
YEAR_START, YEAR_END = date(2020, 1, 1), date(2020, 12, 31)


@contextmanager
def scratch_database() -> Iterator[str]:
    """A throwaway database; yields a description of it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        with tempfile.TemporaryDirectory(prefix="tracker-bench-") as folder:
            path = Path(folder) / "bench.sqlite3"
            os.environ["DATABASE_URL"] = f"sqlite:///{path}"
            yield f"SQLite {path} (temporary)"
        return

    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    scratch = f"{config['NAME']}_bench_{os.getpid()}"
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": config["NAME"],
        "autocommit": True,
    }
    with psycopg.connect(**params) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + scratch
    try:
        yield f"PostgreSQL database {scratch} (created for this run, dropped after)"
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(**params) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)))


def build_plan(size: int, serial: int) -> int:
    """A 2020 plan of ``size`` targets, inserted with SQLAlchemy Core in bulk
    on its own engine (committed, as real data would be); returns its id."""
    import sqlalchemy as sa

    from tracker.db import engine_for
    from tracker.schema import assignment, document, outcome, plan, target, unit

    engine = engine_for()
    with engine.begin() as db:
        plan_id = db.execute(
            plan.insert()
            .values(
                slug=f"bench-{serial}-{size}",
                title=f"基准测试方案{size}",
                period_start=YEAR_START,
                period_end=YEAR_END,
            )
            .returning(plan.c.id)
        ).scalar_one()
        unit_ids = list(db.execute(sa.select(unit.c.id).order_by(unit.c.id)).scalars())
        if not unit_ids:
            db.execute(unit.insert(), [{"name": f"单位{n:02d}"} for n in range(30)])
            unit_ids = list(db.execute(sa.select(unit.c.id).order_by(unit.c.id)).scalars())
        document_ids = []
        for n, published in enumerate((date(2020, 11, 20), date(2021, 3, 1), None)):
            document_ids.append(
                db.execute(
                    document.insert()
                    .values(
                        slug=f"bench-{serial}-{size}-{n}",
                        title=f"基准测试文件{n}",
                        kind="reply",
                        published_on=published,
                        url=f"https://example.org/{serial}/{n}",
                    )
                    .returning(document.c.id)
                ).scalar_one()
            )
        db.execute(
            target.insert(),
            [
                {
                    "plan_id": plan_id,
                    "code": f"T{n:05d}",
                    "statement": f"指标{n}占比达到20%以上",
                    "indicator": f"指标{n}",
                    "comparator": "at_least",
                    "value": Decimal(20),
                    "unit": "%",
                    # A share: final, interim and later figures all speak for it.
                    "measure": "level",
                    "period_start": YEAR_START,
                    "period_end": YEAR_END,
                }
                for n in range(size)
            ],
        )
        target_ids = list(
            db.execute(
                sa.select(target.c.id).where(target.c.plan_id == plan_id).order_by(target.c.id)
            ).scalars()
        )
        db.execute(
            assignment.insert(),
            [
                {
                    "target_id": target_id,
                    "unit_id": unit_ids[(n + k) % len(unit_ids)],
                    "role": role,
                    "position": k,
                }
                for n, target_id in enumerate(target_ids)
                for k, role in enumerate(("lead", "support"))
            ],
        )
        db.execute(outcome.insert(), list(_outcomes(target_ids, document_ids)))
    engine.dispose()
    return plan_id


def _outcomes(target_ids: list[int], document_ids: list[int]) -> Iterator[dict]:
    """Per target: a draft that must not count and, by ``n % 6``: met, missed
    (each beside an interim figure), interim only (overdue), later only
    (met, indicative), nothing (overdue), and ``超过18%`` (indeterminate)."""
    interim, final, later = document_ids

    def row(target_id, document_id, value, start, end, *, state="approved", qualifier="exact"):
        return {
            "target_id": target_id,
            "document_id": document_id,
            "value": Decimal(value),
            "unit": "%",
            "qualifier": qualifier,
            "period_start": start,
            "period_end": end,
            "quote": f"增长{value}%",
            "state": state,
        }

    for n, target_id in enumerate(target_ids):
        kind = n % 6
        if kind not in (3, 4):
            yield row(target_id, interim, "18.5", YEAR_START, date(2020, 10, 31))
        yield row(target_id, final, "99", YEAR_START, YEAR_END, state="draft")
        if kind == 0:
            yield row(target_id, final, "29", YEAR_START, YEAR_END)
        elif kind == 1:
            yield row(target_id, final, "12.5", YEAR_START, YEAR_END)
        elif kind == 3:
            yield row(target_id, later, "21", date(2021, 1, 1), date(2021, 3, 31))
        elif kind == 5:
            yield row(target_id, final, "18", YEAR_START, YEAR_END, qualifier="more_than")


def naive_rows(plan_id: int) -> Iterator[list[object]]:
    """The obvious ORM version: two queries per target. Same rules, same
    statuses; fewer columns (the baseline only has to do the same work)."""
    from tracker.domain import (
        OutcomeFacts,
        TargetFacts,
        assess,
        baseline_candidate,
        best_evidence,
        context_candidate,
    )
    from tracker.models import Target

    targets = Target.objects.filter(plan_id=plan_id).select_related("plan").order_by("code")
    for t in targets:
        units = [a.unit.name for a in t.assignments.select_related("unit").order_by("position")]
        facts = TargetFacts(
            id=t.pk,
            comparator=t.comparator,
            value=t.value,
            value_high=t.value_high,
            unit=t.unit,
            tolerance=t.tolerance,
            period_start=t.period_start,
            period_end=t.period_end,
            direction=t.direction,
            commitment=t.commitment,
            measure=t.measure,
            baseline_value=t.baseline_value,
            baseline_date=t.baseline_date,
            growth=t.growth,
        )
        outcomes = [
            OutcomeFacts(
                id=o.pk,
                value=o.value,
                value_high=o.value_high,
                qualifier=o.qualifier,
                unit=o.unit,
                period_start=o.period_start,
                period_end=o.period_end,
                is_proxy=o.is_proxy,
                document_id=o.document_id,
                document_date=o.document.published_on,
                document_title=o.document.title,
                quote=o.quote,
            )
            for o in t.outcomes.filter(state="approved").select_related("document")
        ]
        result = assess(
            facts,
            best_evidence(facts, outcomes, as_of=AS_OF),
            as_of=AS_OF,
            baseline=baseline_candidate(facts, outcomes, as_of=AS_OF),
            context=context_candidate(facts, outcomes, as_of=AS_OF),
        )
        evidence = result.evidence
        yield [
            t.plan.slug,
            t.code,
            t.indicator,
            t.statement,
            t.value,
            "、".join(units),
            result.status,
            result.grade,
            evidence and evidence.value,
            evidence and evidence.quote,
            evidence and evidence.document_title,
        ]


def count_queries(connection, run: Callable[[], int]) -> int:
    """How many SQL statements ``run`` sends (no cap, unlike DEBUG's log)."""
    count = 0

    def counted(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        run()
    return count


def best_time(run: Callable[[], int], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,2000,10000", help="comma-separated target counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]

    with scratch_database() as where:
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
        os.environ["DEBUG"] = "false"  # DEBUG would record every query
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from tracker.exports.attainment import COLUMNS, attainment_rows
        from tracker.exports.csvstream import csv_chunks

        print(f"Database: {where}")
        call_command("migrate", verbosity=0)

        def export(plan_id: int) -> int:
            rows = attainment_rows(as_of=AS_OF, plan_ids=[plan_id])
            return sum(len(chunk) for chunk in csv_chunks(COLUMNS, rows))

        def naive(plan_id: int) -> int:
            return sum(len(chunk) for chunk in csv_chunks(["…"] * 11, naive_rows(plan_id)))

        print(
            f"{'targets':>8} {'export s':>9} {'rows/s':>9} {'queries':>8} "
            f"{'naive s':>9} {'rows/s':>9} {'queries':>8} {'speed-up':>9} {'s/row vs first':>15}"
        )
        first_per_row = None
        for serial, size in enumerate(sizes):
            plan_id = build_plan(size, serial)
            rows = attainment_rows(as_of=AS_OF, plan_ids=[plan_id])
            statuses = [row[COLUMNS.index("status")] for row in rows]
            if statuses != [row[6] for row in naive_rows(plan_id)]:
                raise SystemExit("The export and the naive loop disagree on statuses.")
            run_export, run_naive = partial(export, plan_id), partial(naive, plan_id)
            export_queries = count_queries(connection, run_export)
            naive_queries = count_queries(connection, run_naive)
            export_s = best_time(run_export, options.repeat)
            naive_s = best_time(run_naive, options.repeat)
            per_row = export_s / size
            first_per_row = first_per_row or per_row
            print(
                f"{size:>8} {export_s:>9.3f} {size / export_s:>9.0f} {export_queries:>8} "
                f"{naive_s:>9.3f} {size / naive_s:>9.0f} {naive_queries:>8} "
                f"{naive_s / export_s:>8.1f}x {per_row / first_per_row:>14.2f}x"
            )
        counts = {status: statuses.count(status) for status in sorted(set(statuses))}
        print(f"Statuses in the last plan: {counts}")


if __name__ == "__main__":
    main()
