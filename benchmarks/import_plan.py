"""Benchmark: ``import_plan`` and ``import_outcomes`` against plain insert floors.

Run: ``DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tracker_x
.venv/bin/python benchmarks/import_plan.py [--targets 20000] [--outcomes 5000]
[--csv-rows 50000] [--before-targets 1000]`` (without ``DATABASE_URL``, or
with a SQLite one: a temporary SQLite file).

Generates one plan file (``tests/generated_plans.py``): one plan, 30 units (one with
an alias), reply documents, N targets with a lead and a support unit each,
and K outcomes quoting those documents. In a scratch database (the same
helper as ``export_attainment.py``: a new PostgreSQL database beside
``DATABASE_URL``, dropped after; a temporary SQLite file otherwise) it times:

- ``import_plan --approved`` of the file (validation, batched writes, audit
  events, stored statuses): *after*;
- the same file imported again into the database that now holds it (a
  re-import: everything unchanged, nothing written), with its number of
  queries and of audit events written (0);
- the same import written row by row through the services (the writer's
  ``bulk=False`` path, what every import did before batching) on a smaller
  file of ``--before-targets`` targets, scaled linearly to N: *before*;
- ``import_outcomes`` of a CSV of ``--csv-rows`` new outcomes (drafts, as a
  supervisor's import makes them) for the targets of a second plan of
  ``--csv-targets`` targets imported first, whose documents hold the quotes;
- the floors: the same target, assignment, outcome and audit rows (for the
  CSV: outcome and audit rows) inserted in one transaction with no
  validation, once with one ``executemany`` per table and, on PostgreSQL,
  once with one ``COPY`` per table.

Prints seconds, each as a ratio to the floors, and the load average
(the machine may be shared). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from export_attainment import scratch_database  # noqa: E402

from tests.generated_plans import write_outcome_csv, write_plan_file  # noqa: E402


def timed_import(path: Path, *, bulk: bool) -> float:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from tracker.imports import apply, prepare_plan_import

    user = get_user_model().objects.get(username="bench-importer")
    started = time.perf_counter()
    change_set = prepare_plan_import([path])
    apply(change_set, actor=user, approved=True, via="import", bulk=bulk)
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def timed_reimport(path: Path) -> tuple[float, int, int]:
    """Seconds, queries and audit events written to import ``path`` again
    into the database that holds it (nothing changes: it must write nothing)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tracker.models import AuditEvent

    events = AuditEvent.objects.count()
    connection.close()
    # Django keeps the last 9,000 queries only; the re-import ran 84,000.
    connection.queries_log = deque(maxlen=1_000_000)
    with CaptureQueriesContext(connection) as queries:
        elapsed = timed_import(path, bulk=True)
    return elapsed, len(queries), AuditEvent.objects.count() - events


def timed_outcomes(path: Path) -> tuple[float, float]:
    """Seconds to validate and to write a supervisor's outcome CSV."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from tracker.imports import apply, prepare_outcome_import

    user = get_user_model().objects.get(username="bench-importer")
    started = time.perf_counter()
    change_set = prepare_outcome_import(path)
    prepared = time.perf_counter() - started
    apply(change_set, actor=user, approved=False, via="import_outcomes")
    elapsed = time.perf_counter() - started
    connection.close()
    return prepared, elapsed


def _insert(cursor, table: str, columns: tuple[str, ...], rows: list[tuple], copy: bool) -> None:
    """One ``COPY`` (PostgreSQL) or one ``executemany`` of ``rows``."""
    if copy:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
            for row in rows:
                out.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
    cursor.executemany(statement, rows)


TARGET = (
    "plan_id", "code", "statement", "indicator", "comparator", "value", "unit",
    "period_start", "period_end", "direction", "commitment", "measure",
)  # fmt: skip
OUTCOME = (
    "target_id", "document_id", "value", "unit", "qualifier", "period_start", "period_end",
    "quote", "state",
)  # fmt: skip
ASSIGNMENT = ("target_id", "unit_id", "role", "position")
AUDIT = ("action", "entity", "entity_id", "changes", "via")


def _audit_rows(entity: str, ids: list[int]) -> list[tuple]:
    import json

    return [("create", entity, n, json.dumps({"code": [None, str(n)]}), "floor") for n in ids]


def floor(targets: int, outcomes: int, *, copy: bool = False) -> float:
    """The plan file's rows, no validation: one executemany (or COPY) per
    table, one transaction, rolled back."""
    from datetime import date
    from decimal import Decimal

    from django.db import connection, transaction

    start, end = date(2020, 1, 1), date(2020, 12, 31)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO tracker_plan (slug, title, period_start, period_end) "
            "VALUES ('floor-plan', 'floor', '2020-01-01', '2020-12-31')"
        )
        cursor.execute("SELECT id FROM tracker_plan WHERE slug = 'floor-plan'")
        plan_id = cursor.fetchone()[0]
        cursor.execute("SELECT id FROM tracker_unit ORDER BY id")
        units = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT id FROM tracker_document ORDER BY id LIMIT 1")
        document_id = cursor.fetchone()[0]
        rows = [
            (plan_id, f"F{n:05d}", f"指标{n}增长20%以上", f"指标{n}", "at_least", Decimal(20))
            + ("%", start, end, "higher", "firm", "rate")
            for n in range(targets)
        ]
        _insert(cursor, "tracker_target", TARGET, rows, copy)
        cursor.execute("SELECT id FROM tracker_target WHERE plan_id = %s ORDER BY id", [plan_id])
        target_ids = [row[0] for row in cursor.fetchall()]
        rows = [
            (t, units[(n + k) % len(units)], role, k)
            for n, t in enumerate(target_ids)
            for k, role in enumerate(("lead", "support"))
        ]
        _insert(cursor, "tracker_assignment", ASSIGNMENT, rows, copy)
        rows = [
            (target_ids[k % targets], document_id, Decimal("20.5"), "%", "exact", start, end)
            + (f"floor{k}增长20.5%", "approved")
            for k in range(outcomes)
        ]
        _insert(cursor, "tracker_outcome", OUTCOME, rows, copy)
        events = _audit_rows("target", list(range(targets * 3 + outcomes)))  # one per row
        _insert(cursor, "tracker_audit_event", AUDIT, events, copy)
        transaction.set_rollback(True)  # the floor leaves nothing behind
    return time.perf_counter() - started


def floor_outcomes(rows: int, slug: str, *, copy: bool = False) -> float:
    """The CSV's outcome and audit rows for the stored plan ``slug``, no
    validation: one executemany (or COPY) per table, rolled back."""
    from datetime import date
    from decimal import Decimal

    from django.db import connection, transaction

    start, end = date(2020, 1, 1), date(2020, 6, 30)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.id FROM tracker_target t JOIN tracker_plan p ON p.id = t.plan_id "
            "WHERE p.slug = %s ORDER BY t.code",
            [slug],
        )
        target_ids = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT id FROM tracker_document ORDER BY id LIMIT 1")
        document_id = cursor.fetchone()[0]
        values = [
            (target_ids[k % len(target_ids)], document_id, Decimal("20.5"), "%", "exact")
            + (start, end, f"floor{k}增长20.5%", "draft")
            for k in range(rows)
        ]
        _insert(cursor, "tracker_outcome", OUTCOME, values, copy)
        events = _audit_rows("outcome", list(range(rows)))
        _insert(cursor, "tracker_audit_event", AUDIT, events, copy)
        transaction.set_rollback(True)
    return time.perf_counter() - started


def _line(name: str, seconds: float, floors: dict[str, float], note: str = "") -> None:
    ratios = "  ".join(f"{seconds / value:6.1f}× {label}" for label, value in floors.items())
    print(f"{name:<44}{seconds:8.2f} s  {ratios}{note}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=20000)
    parser.add_argument("--outcomes", type=int, default=5000)
    parser.add_argument("--csv-rows", type=int, default=50000, help="0: skip the CSV import")
    parser.add_argument("--csv-targets", type=int, default=5000)
    parser.add_argument(
        "--before-targets",
        type=int,
        default=1000,
        help="size of the row-by-row run (0: skip it); scaled linearly to --targets",
    )
    args = parser.parse_args()

    with scratch_database() as where, tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Permission
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        user = get_user_model().objects.create(username="bench-importer")
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=("add_plan", "add_outcome"))
        )
        copy = connection.vendor == "postgresql"
        print(f"database: {where}; {os.cpu_count()} CPUs; load average {os.getloadavg()}")

        big = Path(folder) / "big.toml"
        write_plan_file(big, targets=args.targets, outcomes=args.outcomes)
        print(
            f"plan file: {args.targets} targets, {2 * args.targets} assignments, "
            f"{args.outcomes} outcomes, {big.stat().st_size / 1e6:.1f} MB"
        )
        after = timed_import(big, bulk=True)
        floors = {"executemany": floor(args.targets, args.outcomes)}
        if copy:
            floors["COPY"] = floor(args.targets, args.outcomes, copy=True)
        for label, value in floors.items():
            print(f"{'floor: ' + label + ', no validation':<44}{value:8.2f} s")
        _line("import_plan, batched (after)", after, floors)
        again, queries, events = timed_reimport(big)
        _line(
            "import_plan again, same file (re-import)",
            again,
            floors,
            f"  ({queries} queries, {events} audit events written)",
        )
        if args.before_targets:
            small = Path(folder) / "small.toml"
            share = args.before_targets / args.targets
            write_plan_file(
                small,
                targets=args.before_targets,
                outcomes=max(1, round(args.outcomes * share)),
                slug="bench-before",
            )
            measured = timed_import(small, bulk=False)
            before = measured / share
            _line(
                "import_plan, row by row (before)",
                before,
                floors,
                f"  (measured {measured:.2f} s at {args.before_targets} targets, "
                f"scaled ×{1 / share:.0f}: an estimate)",
            )
            print(f"speed-up: {before / after:.1f}×")
        if args.csv_rows:
            setup = Path(folder) / "csv-plan.toml"
            write_plan_file(
                setup, targets=args.csv_targets, outcomes=args.csv_rows, slug="bench-csv", listed=0
            )
            timed_import(setup, bulk=True)
            rows = Path(folder) / "outcomes.csv"
            write_outcome_csv(
                rows, targets=args.csv_targets, outcomes=args.csv_rows, slug="bench-csv"
            )
            print(
                f"outcome CSV: {args.csv_rows} rows for {args.csv_targets} targets, "
                f"{rows.stat().st_size / 1e6:.1f} MB"
            )
            prepared, written = timed_outcomes(rows)
            floors = {"executemany": floor_outcomes(args.csv_rows, "bench-csv")}
            if copy:
                floors["COPY"] = floor_outcomes(args.csv_rows, "bench-csv", copy=True)
            for label, value in floors.items():
                print(f"{'floor: ' + label + ', no validation':<44}{value:8.2f} s")
            _line("import_outcomes (drafts)", written, floors, f"  (validation {prepared:.2f} s)")
        print(f"load average now {os.getloadavg()}")


if __name__ == "__main__":
    main()
